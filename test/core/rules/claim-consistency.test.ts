import { describe, expect, it } from "@jest/globals";
import { claimConsistency } from "../../../src/core/rules/claim-consistency.js";
import { digest, json, losoFolds, snapshot } from "../../fixtures/gates/repo.js";
import { positionOf, runRule } from "../../fixtures/gates/expect.js";

const sidecar = (mean: number): string => json({ id: "fr_regressor_v11", training: { loso_mean_plcc: mean, in_sample_plcc: 0.99 } });
const report = (mean: string, verdictPlcc = mean): string =>
  digest({ number: 105, modelId: "fr_regressor_v11", plccs: ["0.9610", "0.9700", "0.9640"], mean, verdict: `**SHIP GATE: PASS** — LOSO PLCC = ${verdictPlcc} ≥ 0.95 threshold.` });

describe("claim-consistency", () => {
  it.each([
    ["a digest mean that is the sidecar value rounded to 4 decimals", sidecar(0.96504), report("0.9650")],
    ["a 3-decimal digest mean compared at 3 decimals", sidecar(0.96472), report("0.965")],
    ["a sidecar with only in-sample figures (nothing to compare)", json({ id: "fr_regressor_v11", training: { in_sample_plcc: 0.9 } }), report("0.9650")],
  ])("accepts: %s", (_name, sidecarText, digestText) => {
    expect(runRule(claimConsistency, snapshot({ "model/tiny/fr_regressor_v11.json": sidecarText, "docs/research/0105-v11.md": digestText }))).toEqual([]);
  });

  it("reports a digest mean and verdict PLCC that disagree with the sidecar at the printed precision", () => {
    const text = report("0.9650");
    const findings = runRule(claimConsistency, snapshot({ "model/tiny/fr_regressor_v11.json": sidecar(0.9712), "docs/research/0105-v11.md": text }));
    expect(findings.map((f) => [f.severity, f.line, f.column, f.message])).toEqual([
      ["warning", 13, positionOf(text, "0.9650**").column, "Unexpected LOSO mean PLCC `0.9650` for `fr_regressor_v11`, expected `0.9712` from `model/tiny/fr_regressor_v11.json training.loso_mean_plcc`"],
      ["warning", 17, positionOf(text, "= 0.9650").column + 2, "Unexpected verdict PLCC `0.9650` for `fr_regressor_v11`, expected `0.9712` from `model/tiny/fr_regressor_v11.json training.loso_mean_plcc`"],
    ]);
    expect(findings[0]!.related?.[0]).toMatchObject({ file: "model/tiny/fr_regressor_v11.json", line: 4 });
    expect(findings[0]!.details).toContain("Rounded to 4 decimals the reference reads 0.9712, not 0.9650");
  });

  it("compares against the mean of the sidecar's folds when it states no mean", () => {
    const folds = json({ id: "fr_regressor_v11", training: { loso_folds: losoFolds([0.96, 0.97, 0.98]) } });
    const findings = runRule(claimConsistency, snapshot({ "model/tiny/fr_regressor_v11.json": folds, "docs/research/0105-v11.md": report("0.9650", "0.9700") }));
    expect(findings.map((f) => f.message)).toEqual(["Unexpected LOSO mean PLCC `0.9650` for `fr_regressor_v11`, expected `0.9700` from `model/tiny/fr_regressor_v11.json training.loso_folds`"]);
  });
});
