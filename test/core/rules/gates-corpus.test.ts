// The four gate rules over the real corpus snapshot: nothing throws, and the findings are the
// reviewed ones (each was read against its cited files and judged a true positive).
import { expect, it } from "@jest/globals";
import { DirectorySnapshot } from "../../../src/adapters/fs-snapshot.js";
import { defaultConfig } from "../../../src/core/config.js";
import { runGovernance } from "../../../src/core/engine.js";
import { explain } from "../../../src/core/explain.js";
import { claimConsistency } from "../../../src/core/rules/claim-consistency.js";
import { codecLift } from "../../../src/core/rules/codec-lift.js";
import { shipGateLoso } from "../../../src/core/rules/ship-gate-loso.js";
import { shipGateVerdict } from "../../../src/core/rules/ship-gate-verdict.js";
import { CORPUS_DIR, describeWithCorpus } from "../../helpers/corpus.js";

describeWithCorpus("ship-gate rules on the corpus", () => {
  const run = runGovernance(new DirectorySnapshot(CORPUS_DIR), { config: defaultConfig(), rules: [shipGateLoso, shipGateVerdict, codecLift, claimConsistency] });

  it("reports exactly the reviewed findings", () => {
    expect(run.findings.map((f) => `${f.severity} ${f.ruleId} ${f.file}:${f.line}`)).toEqual([
      "error codec-lift model/tiny/fr_regressor_v2.json:2",
      "notice ship-gate-loso model/tiny/fr_regressor_v2.json:73",
      "error codec-lift model/tiny/fr_regressor_v3.json:2",
    ]);
    for (const finding of run.findings) expect(finding.details).toBeTruthy();
  });

  it("explains every sidecar and digest without throwing", () => {
    for (const path of run.model.governed.filter((g) => g.kind === "sidecar" || g.kind === "digest").map((g) => g.path)) {
      expect(explain(run.model, "ship-gate-loso", path)).toContain(`File: ${path}`);
    }
  });
});
