// Calibration on the real corpus: the label, licence and registry rules run over the snapshot
// without throwing, and find exactly the reviewed findings (see the judgement beside each).
import { expect, it } from "@jest/globals";
import { DirectorySnapshot } from "../../../src/adapters/fs-snapshot.js";
import { defaultConfig } from "../../../src/core/config.js";
import { runGovernance } from "../../../src/core/engine.js";
import { artefactFlags } from "../../../src/core/labels.js";
import { datasetLicenseConflict } from "../../../src/core/rules/dataset-license-conflict.js";
import { nonCommercialLabel } from "../../../src/core/rules/non-commercial-label.js";
import { registryConsistency } from "../../../src/core/rules/registry-consistency.js";
import { registrySchema } from "../../../src/core/rules/registry-schema.js";
import { syntheticStubClaim } from "../../../src/core/rules/synthetic-stub-claim.js";
import { syntheticStubLabel } from "../../../src/core/rules/synthetic-stub-label.js";
import { CORPUS_DIR, describeWithCorpus } from "../../helpers/corpus.js";

describeWithCorpus("label, licence and registry rules on the real corpus", () => {
  const run = runGovernance(new DirectorySnapshot(CORPUS_DIR), {
    config: defaultConfig(),
    rules: [syntheticStubLabel, syntheticStubClaim, nonCommercialLabel, datasetLicenseConflict, registrySchema, registryConsistency],
  });
  const where = (ruleId: string): string[] => run.findings.filter((f) => f.ruleId === ruleId).map((f) => `${f.file}:${f.line}`);

  it("finds the reviewed synthetic-stub-label finding", () => {
    // True positive: the card's SCAFFOLD banner says the ONNX is a smoke/synthetic build, while the
    // sidecar (`training.smoke: false`, 216 rows, in-sample metrics) and registry (`smoke: false`)
    // describe the production checkpoint.
    expect(where("synthetic-stub-label")).toEqual(["docs/ai/models/fr_regressor_v2.md:9"]);
  });

  it("finds no synthetic-stub claims and no non-commercial artefacts", () => {
    // No committed discovery report is configured; no digest table cites a stub model; no shipped
    // artefact traces to CHUG or LIVE-VQC.
    expect(where("synthetic-stub-claim")).toEqual([]);
    expect(where("non-commercial-label")).toEqual([]);
  });

  it("finds the reviewed dataset licence conflicts", () => {
    // True positives: KoNViD-1k / KoNViD-150k are `CC BY 4.0` in docs/ai/training.md,
    // docs/ai/models/vmaf_tiny_v2.md and Research-0086, but research-use / research-only in the
    // ingestion guides and docs/ai/mos-corpora.md.
    expect(where("dataset-license-conflict")).toEqual([
      "docs/ai/konvid-150k-ingestion.md:40",
      "docs/ai/konvid-1k-ingestion.md:33",
      "docs/ai/mos-corpora.md:271",
      "docs/ai/mos-corpora.md:272",
    ]);
  });

  it("validates the registry against its own schema and finds the reviewed inconsistencies", () => {
    expect(where("registry-schema")).toEqual([]);
    // True positives: the ensemble manifest still lists scaffold-era member digests that differ
    // from the registry's production digests (all five seeds); transnet_v2's sidecar says kind
    // `shot_detector` where the registry says `nr`.
    expect(where("registry-consistency")).toEqual([
      "model/tiny/fr_regressor_v2_ensemble_v1.json:54",
      "model/tiny/fr_regressor_v2_ensemble_v1.json:60",
      "model/tiny/fr_regressor_v2_ensemble_v1.json:66",
      "model/tiny/fr_regressor_v2_ensemble_v1.json:72",
      "model/tiny/fr_regressor_v2_ensemble_v1.json:78",
      "model/tiny/transnet_v2.json:7",
    ]);
  });

  it("labels pull requests that touch stub predictor cards", () => {
    expect(artefactFlags(run.model, ["model/predictor_libx264_card.md"])).toEqual({ syntheticStub: true, nonCommercial: false });
    expect(artefactFlags(run.model, ["model/tiny/fr_regressor_v3.json"])).toEqual({ syntheticStub: false, nonCommercial: false });
  });
});

