import { describe, expect, it } from "@jest/globals";
import { defaultConfig } from "../../src/core/config.js";
import { explain, UnknownRuleError } from "../../src/core/explain.js";
import { buildRepositoryModel } from "../../src/core/model/repository.js";
import { json, registry, REGISTRY_PATH, snapshot } from "../fixtures/gates/repo.js";

const files = {
  [REGISTRY_PATH]: registry([{ id: "fr_regressor_v8", smoke: false }, { id: "fr_regressor_v7", smoke: true }]),
  "model/tiny/fr_regressor_v8.json": json({ id: "fr_regressor_v8", training: { in_sample_plcc: 0.9811 } }),
  "model/tiny/fr_regressor_v7.json": json({ id: "fr_regressor_v7", loso_mean_plcc: 0.99 }),
};

describe("explain", () => {
  const model = buildRepositoryModel(snapshot(files), defaultConfig());

  it("prints the model, why it is production, its evidence and the finding's chain", () => {
    const text = explain(model, "ship-gate-loso", "model/tiny/fr_regressor_v8.json");
    expect(text).toContain("File: model/tiny/fr_regressor_v8.json");
    expect(text).toContain("model `fr_regressor_v8` (kind `fr`): production");
    expect(text).toContain("registry `smoke: false` at model/tiny/registry.json:");
    expect(text).toContain("gate scope (ids matching `^fr_regressor`): in scope");
    expect(text).toContain("LOSO evidence: none");
    expect(text).toContain("In-sample (not LOSO evidence): `training.in_sample_plcc` = 0.9811 at model/tiny/fr_regressor_v8.json:4");
    expect(text).toContain("Findings (1):\nmodel/tiny/fr_regressor_v8.json:4:5  Unexpected in-sample-only evidence");
  });

  it("explains a passing artefact with its evidence and no findings", () => {
    const text = explain(model, "ship-gate-loso", "model/tiny/fr_regressor_v7.json");
    expect(text).toContain("model `fr_regressor_v7` (kind `fr`): not production");
    expect(text).toContain("LOSO mean PLCC `0.9900` at model/tiny/fr_regressor_v7.json:3 (`loso_mean_plcc`) [sidecar-mean]");
    expect(text).toContain("Findings: none of ship-gate-loso in model/tiny/fr_regressor_v7.json");
  });

  it("explains the label rules for every model a card belongs to, flagged or not", () => {
    const labelled = buildRepositoryModel(
      snapshot({
        [REGISTRY_PATH]: json({ models: [{ id: "vmaf_tiny_v9", kind: "fr", onnx: "vmaf_tiny_v9.onnx", smoke: false, license: "BSD-3-Clause-Plus-Patent" }] }),
        "model/tiny/vmaf_tiny_v9.json": json({ id: "vmaf_tiny_v9", smoke: false }),
        "model/tiny/vmaf_tiny_v9_card.md": "# vmaf_tiny_v9\n\n- **Corpus kind**: `real`\n\n## Training\n\n- Trained on BVI-DVC subsets A-D.\n",
      }),
      defaultConfig(),
    );
    const synthetic = explain(labelled, "synthetic-stub-label", "model/tiny/vmaf_tiny_v9_card.md");
    expect(synthetic).toContain("Models this file belongs to (1):\n\n- `vmaf_tiny_v9`\n  - trained on synthetic data: nothing says so\n  - trained on a real corpus:\n");
    expect(synthetic).toContain("    - model/tiny/vmaf_tiny_v9_card.md:3: card Corpus kind `real`");
    expect(synthetic).toContain("  - card model/tiny/vmaf_tiny_v9_card.md: no synthetic-stub banner");
    expect(synthetic).toContain("Findings: none of synthetic-stub-label");

    const licence = explain(labelled, "non-commercial-label", "model/tiny/vmaf_tiny_v9_card.md");
    expect(licence).toContain("  - trained on a non-commercial dataset:\n    - model/tiny/vmaf_tiny_v9_card.md:7: BVI-DVC (LicenseRef-BVI-DVC-research-only):");
    expect(licence).toContain("  - registry licence: `BSD-3-Clause-Plus-Patent`");
    expect(licence).toContain("  - card model/tiny/vmaf_tiny_v9_card.md: no non-commercial label");
    // The registry's finding cites the card as its evidence, so it is listed too.
    expect(licence).toMatch(/Findings \(2\):\nmodel\/tiny\/registry\.json:\d+:\d+  Unexpected licence `BSD-3-Clause-Plus-Patent` for `vmaf_tiny_v9`/);
    expect(licence).toMatch(/\nmodel\/tiny\/vmaf_tiny_v9_card\.md:\d+:\d+  Unexpected card of `vmaf_tiny_v9` without a non-commercial label/);
  });

  it("rejects an unknown rule", () => {
    expect(() => explain(model, "no-such-rule", "x")).toThrow(UnknownRuleError);
  });
});
