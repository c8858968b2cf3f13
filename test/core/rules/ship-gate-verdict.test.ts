import { describe, expect, it } from "@jest/globals";
import { shipGateVerdict } from "../../../src/core/rules/ship-gate-verdict.js";
import { digest, json, losoFolds, registry, REGISTRY_PATH, snapshot } from "../../fixtures/gates/repo.js";
import { positionOf, runRule } from "../../fixtures/gates/expect.js";

const seed = (gate: Record<string, unknown>): string => json({ id: "fr_regressor_v7_ensemble_v1_seed0", ensemble_id: "fr_regressor_v7_ensemble_v1", seed: 0, gate });
const promote = (verdict: string, gate: Record<string, unknown>): string => json({ schema_version: 1, verdict, gate });

describe("ship-gate-verdict", () => {
  it.each([
    ["gate_passed true with a passing mean", { "model/tiny/fr_regressor_v7.json": json({ id: "fr_regressor_v7", gate_passed: true, training: { loso_mean_plcc: 0.97, ship_gate_mean_plcc: 0.95 } }) }],
    ["gate block PROMOTE with every condition holding", { "model/tiny/s.json": seed({ mean_plcc: 0.97, mean_plcc_threshold: 0.95, this_seed_loso_plcc: 0.96, per_seed_min_threshold: 0.95, plcc_spread: 0.001, plcc_spread_max: 0.005, passed: true, verdict: "PROMOTE" }) }],
    ["a synthetic gate that states its own lower threshold", { "model/mos_head_v1.json": json({ id: "mos_head_v1", gate: { gate: { kind: "synthetic", plcc_min: 0.75 }, mean_plcc: 0.86, passed: true } }) }],
    ["a FAIL whose recorded spread fails", { "model/tiny/s.json": seed({ mean_plcc: 0.97, mean_plcc_threshold: 0.95, plcc_spread: 0.01, plcc_spread_max: 0.005, passed: false }) }],
    ["a digest PASS whose table mean clears the gate", { [REGISTRY_PATH]: registry([{ id: "fr_regressor_v11" }]), "docs/research/0101-a.md": digest({ number: 101, modelId: "fr_regressor_v11", plccs: ["0.9610", "0.9700", "0.9640"], mean: "0.9650" }) }],
    [
      "a digest sentence judging two gates at once (ambiguous)",
      { "docs/research/0103-b.md": digest({ number: 103, modelId: "mos_head_v2", plccs: ["0.8610", "0.8700", "0.8640"], mean: "0.8650", verdict: "The surrogate gate (PLCC ≥ 0.75) clears; the flip gate (PLCC ≥ 0.85 mean, spread ≤ 0.005) does **not** clear." }) },
    ],
  ])("accepts: %s", (_name, files) => {
    expect(runRule(shipGateVerdict, snapshot(files))).toEqual([]);
  });

  it("reads a digest that states PLCC in percent as the fractions it means", () => {
    const percent = (verdict: string) =>
      digest({ number: 104, modelId: "fr_regressor_v12", plccs: ["94.10", "93.80", "94.00"], mean: "93.97", verdict }).replace("| PLCC |", "| PLCC (%) |");
    const fail = percent("**SHIP GATE: FAIL** — LOSO mean PLCC 93.97% is below the 95% gate.");
    expect(runRule(shipGateVerdict, snapshot({ "docs/research/0104-a.md": fail }))).toEqual([]);
    const pass = percent("**SHIP GATE: PASS** — LOSO mean PLCC 93.97%.");
    const findings = runRule(shipGateVerdict, snapshot({ "docs/research/0104-a.md": pass }));
    expect(findings.map((f) => [f.severity, f.message])).toEqual([
      ["error", "Unexpected verdict `SHIP GATE: PASS` for `fr_regressor_v12`, expected a failing verdict because `PLCC quoted by the verdict 0.9397 < 0.95`"],
    ]);
  });

  it("rests gate_passed on the per-fold values when a stated mean contradicts them", () => {
    const text = json({ id: "fr_regressor_v9", gate_passed: true, training: { loso_mean_plcc: 0.97, ship_gate_mean_plcc: 0.95, loso_folds: losoFolds([0.93, 0.94, 0.95, 0.92]) } });
    const findings = runRule(shipGateVerdict, snapshot({ "model/tiny/fr_regressor_v9.json": text }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: "error", line: positionOf(text, '"gate_passed"').line });
    expect(findings[0]!.message).toBe("Unexpected verdict `gate_passed: true` for `fr_regressor_v9`, expected a failing verdict because `training.loso_folds 0.9350 < 0.95`");
  });

  it("reports gate_passed true resting on a failing LOSO mean, at the flag", () => {
    const text = json({ id: "fr_regressor_v9", gate_passed: true, training: { loso_mean_plcc: 0.9312, ship_gate_mean_plcc: 0.95 } });
    const findings = runRule(shipGateVerdict, snapshot({ "model/tiny/fr_regressor_v9.json": text }));
    expect(findings).toHaveLength(1);
    const at = positionOf(text, '"gate_passed"');
    expect(findings[0]).toMatchObject({ ruleId: "ship-gate-verdict", severity: "error", line: at.line, column: at.column });
    expect(findings[0]!.message).toBe("Unexpected verdict `gate_passed: true` for `fr_regressor_v9`, expected a failing verdict because `training.loso_mean_plcc 0.9312 < 0.95`");
    expect(findings[0]!.related?.[0]).toMatchObject({ line: positionOf(text, '"loso_mean_plcc"').line });
    expect(findings[0]!.details).toContain("threshold from `training.ship_gate_mean_plcc`");
  });

  it("reports a PROMOTE verdict file whose per-seed PLCC is under the per-seed minimum", () => {
    const text = promote("PROMOTE", { mean_plcc: 0.96, mean_plcc_threshold: 0.95, per_seed_min: 0.95, per_seed_plccs: { "0": 0.97, "1": 0.9412 }, passed: true });
    const findings = runRule(shipGateVerdict, snapshot({ "model/tiny/fr_regressor_v7_ensemble_v1_flip_PROMOTE.json": text, "model/tiny/s.json": seed({}) }));
    expect(findings.map((f) => [f.line, f.message])).toEqual([
      [positionOf(text, '"verdict"').line, "Unexpected verdict `verdict: PROMOTE` for `fr_regressor_v7_ensemble_v1_flip_PROMOTE.json`, expected a failing verdict because `gate.per_seed_plccs.1 0.9412 < 0.95`"],
      [positionOf(text, '"passed"').line, "Unexpected verdict `gate.passed: true` for `fr_regressor_v7_ensemble_v1_flip_PROMOTE.json`, expected a failing verdict because `gate.per_seed_plccs.1 0.9412 < 0.95`"],
    ].sort((a, b) => (a[0] as number) - (b[0] as number)));
  });

  it("reports a FAIL whose every recorded condition holds", () => {
    const text = seed({ mean_plcc: 0.97, mean_plcc_threshold: 0.95, passed: false });
    const findings = runRule(shipGateVerdict, snapshot({ "model/tiny/s.json": text }));
    expect(findings.map((f) => f.message)).toEqual([
      "Unexpected verdict `gate.passed: false` for `fr_regressor_v7_ensemble_v1_seed0`, expected a passing verdict because every recorded condition holds (`gate.mean_plcc 0.9700 >= 0.95`)",
    ]);
  });

  it("reports a digest PASS whose table mean is below the threshold stated on its line", () => {
    const text = digest({ number: 104, modelId: "fr_regressor_v11", plccs: ["0.9310", "0.9400", "0.9340"], mean: "0.9350", verdict: "**SHIP GATE: PASS** — the model clears the ≥ 0.95 threshold." });
    const findings = runRule(shipGateVerdict, snapshot({ "docs/research/0104-c.md": text }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ file: "docs/research/0104-c.md", line: positionOf(text, "SHIP GATE").line });
    expect(findings[0]!.message).toContain("because `LOSO mean PLCC of the table at line 8 0.9350 < 0.95`");
  });

  it("judges a digest verdict on a model that is not registered yet by the scope's id patterns", () => {
    // No registry entry and no sidecar: a digest reporting on a new model before it ships.
    const text = digest({ number: 105, modelId: "fr_regressor_v12", plccs: ["0.9510", "0.9020", "0.9330"], mean: "0.9290", verdict: "**SHIP GATE: PASS** — mean PLCC 0.929 clears the 0.95 gate." });
    const findings = runRule(shipGateVerdict, snapshot({ "docs/research/0105-d.md": text }));
    expect(findings.map((f) => [f.line, f.message])).toEqual([
      [positionOf(text, "SHIP GATE").line, "Unexpected verdict `SHIP GATE: PASS` for `fr_regressor_v12`, expected a failing verdict because `PLCC quoted by the verdict 0.929 < 0.95`"],
    ]);
    // Out of the id scope and stating no threshold of its own: nothing to judge it by.
    const other = digest({ number: 106, modelId: "mos_head_v9", plccs: ["0.9510", "0.9020", "0.9330"], mean: "0.9290", verdict: "**SHIP GATE: PASS** — mean PLCC 0.929." });
    expect(runRule(shipGateVerdict, snapshot({ "docs/research/0106-e.md": other }))).toEqual([]);
  });

  it("reports a registry promotion of a model whose own gate failed", () => {
    const reg = registry([{ id: "fr_regressor_v9", smoke: false }]);
    const findings = runRule(shipGateVerdict, snapshot({ [REGISTRY_PATH]: reg, "model/tiny/fr_regressor_v9.json": json({ id: "fr_regressor_v9", gate_passed: false, loso_mean_plcc: 0.93 }) }));
    expect(findings.map((f) => [f.file, f.line, f.message])).toEqual([
      [REGISTRY_PATH, positionOf(reg, '"smoke"').line, "Unexpected registry promotion `smoke: false` for `fr_regressor_v9`, expected `smoke: true` because `gate_passed: false` records a failing gate"],
    ]);
  });
});
