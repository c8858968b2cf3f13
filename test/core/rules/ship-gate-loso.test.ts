import { describe, expect, it } from "@jest/globals";
import { shipGateLoso } from "../../../src/core/rules/ship-gate-loso.js";
import { digest, json, losoFolds, registry, REGISTRY_PATH, snapshot } from "../../fixtures/gates/repo.js";
import { positionOf, runRule } from "../../fixtures/gates/expect.js";

const passingSidecar = json({ id: "fr_regressor_v7", kind: "fr", training: { loso_mean_plcc: 0.9612, loso_folds: losoFolds([0.95, 0.96, 0.97, 0.9648]) } });
const lowSidecar = json({ id: "fr_regressor_v9", kind: "fr", training: { loso_mean_plcc: 0.9312, in_sample_plcc: 0.99 } });
const inSampleSidecar = json({ id: "fr_regressor_v8", kind: "fr", training: { in_sample_plcc: 0.9811, in_sample_rmse: 2.5, smoke: false } });
const foldsOnlySidecar = json({ id: "fr_regressor_v7", kind: "fr", training: { loso_folds: losoFolds([0.93, 0.94, 0.95, 0.92]) } });

describe("ship-gate-loso", () => {
  it.each([
    ["structured sidecar mean above the threshold", { [REGISTRY_PATH]: registry([{ id: "fr_regressor_v7", smoke: false }]), "model/tiny/fr_regressor_v7.json": passingSidecar }],
    ["smoke model below the threshold (not production)", { [REGISTRY_PATH]: registry([{ id: "fr_regressor_v9", smoke: true }]), "model/tiny/fr_regressor_v9.json": lowSidecar }],
    ["sidecar smoke flag makes the model out of scope", { "model/tiny/fr_regressor_v8.json": json({ id: "fr_regressor_v8", smoke: true, training: { in_sample_plcc: 0.9 } }) }],
    ["model outside the default id scope", { [REGISTRY_PATH]: registry([{ id: "vmaf_tiny_v9", smoke: false }]), "model/tiny/vmaf_tiny_v9.json": json({ id: "vmaf_tiny_v9", training: { in_sample_plcc: 0.9 } }) }],
    ["ensemble gate block above the threshold", { "model/tiny/fr_regressor_v7.json": json({ id: "fr_regressor_v7", gate: { mean_plcc: 0.97, passed: true } }) }],
  ])("accepts: %s", (_name, files) => {
    expect(runRule(shipGateLoso, snapshot(files))).toEqual([]);
  });

  it("reports a structured LOSO mean below the threshold at the sidecar field", () => {
    const findings = runRule(shipGateLoso, snapshot({ [REGISTRY_PATH]: registry([{ id: "fr_regressor_v9", smoke: false }]), "model/tiny/fr_regressor_v9.json": lowSidecar }));
    expect(findings).toHaveLength(1);
    const at = positionOf(lowSidecar, '"loso_mean_plcc"');
    expect(findings[0]).toMatchObject({ ruleId: "ship-gate-loso", severity: "error", file: "model/tiny/fr_regressor_v9.json", line: at.line, column: at.column });
    expect(findings[0]!.message).toBe("Unexpected LOSO mean PLCC `0.9312` for production model `fr_regressor_v9`, expected at least `0.95`");
    expect(findings[0]!.related?.[0]).toMatchObject({ file: REGISTRY_PATH, message: "production: registry `smoke: false`" });
    expect(findings[0]!.details).toContain("`training.loso_mean_plcc`");
    expect(findings[0]!.details).toContain("Verdict: FAIL: 0.9312 < 0.95");
  });

  it("finds a LOSO mean PLCC under another key shape, and not a bound or an in-sample figure", () => {
    const nested = json({ id: "fr_regressor_v9", kind: "fr", eval: { loso: { plcc_mean: 0.9312, plcc_min: 0.97, ci95_mean_plcc: 0.99 }, in_sample_mean_plcc: 0.99 } });
    const findings = runRule(shipGateLoso, snapshot({ [REGISTRY_PATH]: registry([{ id: "fr_regressor_v9", smoke: false }]), "model/tiny/fr_regressor_v9.json": nested }));
    expect(findings.map((f) => [f.severity, f.line, f.message])).toEqual([
      ["error", positionOf(nested, '"plcc_mean"').line, "Unexpected LOSO mean PLCC `0.9312` for production model `fr_regressor_v9`, expected at least `0.95`"],
    ]);
    expect(findings[0]!.details).toContain("`eval.loso.plcc_mean`");
  });

  it("computes the mean of per-fold values when no mean field is stated", () => {
    const findings = runRule(shipGateLoso, snapshot({ "model/tiny/fr_regressor_v7.json": foldsOnlySidecar }));
    expect(findings.map((f) => [f.severity, f.message])).toEqual([["error", "Unexpected LOSO mean PLCC `0.9350` for production model `fr_regressor_v7`, expected at least `0.95`"]]);
    expect(findings[0]!.line).toBe(positionOf(foldsOnlySidecar, '"loso_folds"').line);
  });

  it("judges the per-fold values, not a stated mean they contradict", () => {
    const misstated = json({ id: "fr_regressor_v7", kind: "fr", training: { loso_mean_plcc: 0.97, loso_folds: losoFolds([0.93, 0.94, 0.95, 0.92]) } });
    const findings = runRule(shipGateLoso, snapshot({ "model/tiny/fr_regressor_v7.json": misstated }));
    expect(findings.map((f) => [f.severity, f.message])).toEqual([["error", "Unexpected LOSO mean PLCC `0.9350` for production model `fr_regressor_v7`, expected at least `0.95`"]]);
    expect(findings[0]!.line).toBe(positionOf(misstated, '"loso_folds"').line);
    expect(findings[0]!.related?.map((r) => r.message)).toContain("also states `0.9700`");
  });

  it("reports a production model whose sidecar has only in-sample figures", () => {
    const findings = runRule(shipGateLoso, snapshot({ [REGISTRY_PATH]: registry([{ id: "fr_regressor_v8", smoke: false }]), "model/tiny/fr_regressor_v8.json": inSampleSidecar }));
    expect(findings).toHaveLength(1);
    const at = positionOf(inSampleSidecar, '"in_sample_plcc"');
    expect(findings[0]).toMatchObject({ severity: "error", file: "model/tiny/fr_regressor_v8.json", line: at.line, column: at.column });
    expect(findings[0]!.message).toBe(
      "Unexpected in-sample-only evidence for production model `fr_regressor_v8` (`training.in_sample_plcc` = `0.9811`), expected a LOSO mean PLCC of at least `0.95`",
    );
  });

  it("reports a registry-only production model with no evidence at its registry entry", () => {
    const text = registry([{ id: "fr_regressor_v12" }]);
    const findings = runRule(shipGateLoso, snapshot({ [REGISTRY_PATH]: text }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: "error", file: REGISTRY_PATH, line: positionOf(text, '"id"').line });
    expect(findings[0]!.message).toBe("Missing LOSO evidence for production model `fr_regressor_v12`, expected a LOSO mean PLCC of at least `0.95`");
    expect(findings[0]!.details).toContain("registry entry without `smoke` (production by default)");
  });

  it("downgrades evidence found only in prose to a notice that points at the sentence", () => {
    const notes = "Tiny FR model. Validated PLCC 0.9700 ± 0.0030 on held-out LOSO.";
    const text = registry([{ id: "fr_regressor_v10", smoke: false, notes }]);
    const findings = runRule(shipGateLoso, snapshot({ [REGISTRY_PATH]: text }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: "notice", file: REGISTRY_PATH, line: positionOf(text, '"notes"').line, column: positionOf(text, '"notes"').column });
    expect(findings[0]!.message).toBe(
      "Unexpected prose-only LOSO evidence `0.9700` for `fr_regressor_v10`, expected a structured sidecar field or digest LOSO table (threshold `0.95`)",
    );
  });

  it("accepts digest evidence but notes a sidecar that states only in-sample fit", () => {
    const sidecar = json({ id: "fr_regressor_v11", training: { in_sample_plcc: 0.9851 } });
    const findings = runRule(
      shipGateLoso,
      snapshot({
        [REGISTRY_PATH]: registry([{ id: "fr_regressor_v11", smoke: false }]),
        "model/tiny/fr_regressor_v11.json": sidecar,
        "docs/research/0101-v11-loso.md": digest({ number: 101, modelId: "fr_regressor_v11", plccs: ["0.9610", "0.9700", "0.9640"], mean: "0.9650" }),
      }),
    );
    expect(findings.map((f) => [f.severity, f.file, f.line])).toEqual([["notice", "model/tiny/fr_regressor_v11.json", positionOf(sidecar, '"in_sample_plcc"').line]]);
    expect(findings[0]!.message).toContain("comes from `docs/research/0101-v11-loso.md:13`, not from the sidecar");
  });

  it("fails a digest-only model whose digest table mean is below the threshold, at the printed mean", () => {
    const text = digest({ number: 102, modelId: "fr_regressor_v11", plccs: ["0.9410", "0.9500", "0.9440"], mean: "0.9450", verdict: "The model does **not** clear the gate." });
    const findings = runRule(shipGateLoso, snapshot({ [REGISTRY_PATH]: registry([{ id: "fr_regressor_v11", smoke: false }]), "docs/research/0102-v11.md": text }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: "error", file: "docs/research/0102-v11.md", line: 13 });
    expect(findings[0]!.column).toBe(positionOf(text, "0.9450**").column);
  });

  it("honours a configured threshold and scope", () => {
    const files = { [REGISTRY_PATH]: registry([{ id: "vmaf_tiny_v9", smoke: false }]), "model/tiny/vmaf_tiny_v9.json": json({ id: "vmaf_tiny_v9", loso_mean_plcc: 0.9612 }) };
    const config = "rules:\n  ship-gate-loso:\n    options:\n      threshold: 0.97\n      scope:\n        ids: ['^vmaf_tiny']\n";
    const findings = runRule(shipGateLoso, snapshot(files), config);
    expect(findings.map((f) => f.message)).toEqual(["Unexpected LOSO mean PLCC `0.9612` for production model `vmaf_tiny_v9`, expected at least `0.97`"]);
  });

  it("rejects an invalid scope pattern as a configuration error", () => {
    expect(() => runRule(shipGateLoso, snapshot({}), "rules:\n  ship-gate-loso:\n    options:\n      scope:\n        ids: ['(']\n")).toThrow(/scope\.ids\.0/);
  });
});
