import { describe, expect, it } from "@jest/globals";
import { codecLift } from "../../../src/core/rules/codec-lift.js";
import { json, losoFolds, registry, REGISTRY_PATH, snapshot } from "../../fixtures/gates/repo.js";
import { positionOf, runRule } from "../../fixtures/gates/expect.js";

const baselineSidecar = json({ id: "fr_regressor_v6", training: { loso_mean_plcc: 0.955, loso_folds: losoFolds([0.95, 0.96, 0.955, 0.955]) } });
const codecAware = (extra: Record<string, unknown>, plccs: number[]): string =>
  json({ id: "fr_regressor_v7", codec_aware: true, ...extra, training: { loso_folds: losoFolds(plccs) } });
const reg = registry([{ id: "fr_regressor_v6", smoke: false }, { id: "fr_regressor_v7", smoke: false }]);

describe("codec-lift", () => {
  it.each([
    ["a clear paired lift over the declared baseline", { [REGISTRY_PATH]: reg, "model/tiny/fr_regressor_v6.json": baselineSidecar, "model/tiny/fr_regressor_v7.json": codecAware({ baseline: "fr_regressor_v6" }, [0.965, 0.972, 0.966, 0.968]) }],
    ["a recorded lift field at or above the threshold", { "model/tiny/fr_regressor_v7.json": json({ id: "fr_regressor_v7", codec_aware: true, training: { codec_lift_plcc: 0.012 } }) }],
    [
      "an ensemble member whose ensemble manifest records the lift",
      {
        "model/tiny/fr_regressor_v7_ensemble_v1.json": json({ id: "fr_regressor_v7_ensemble_v1", members: [{ id: "fr_regressor_v7_ensemble_v1_seed0" }], eval: { codec_lift_plcc: 0.011 } }),
        "model/tiny/fr_regressor_v7_ensemble_v1_seed0.json": json({ id: "fr_regressor_v7_ensemble_v1_seed0", ensemble_id: "fr_regressor_v7_ensemble_v1", codec_aware: true, smoke: false }),
      },
    ],
    ["a codec-aware smoke model", { "model/tiny/fr_regressor_v7.json": json({ id: "fr_regressor_v7", codec_aware: true, smoke: true }) }],
    ["a model that is not codec-aware", { "model/tiny/fr_regressor_v7.json": json({ id: "fr_regressor_v7", codec_aware: false, codec_block_layout: ["x"] }) }],
  ])("accepts: %s", (_name, files) => {
    expect(runRule(codecLift, snapshot(files))).toEqual([]);
  });

  it("reports a codec-aware production model with no baseline and no recorded lift, at `codec_aware`", () => {
    const text = codecAware({}, [0.97, 0.97, 0.97, 0.97]);
    const findings = runRule(codecLift, snapshot({ "model/tiny/fr_regressor_v7.json": text }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: "codec-lift", severity: "error", line: positionOf(text, '"codec_aware"').line, column: positionOf(text, '"codec_aware"').column });
    expect(findings[0]!.message).toBe(
      "Missing declared baseline and measured PLCC lift for codec-aware production model `fr_regressor_v7`, expected a lift of at least `0.005` over a declared baseline on a multi-codec split",
    );
    expect(findings[0]!.details).toContain("no baseline is declared");
  });

  it("detects a codec block as codec-aware and reports a baseline without per-fold values", () => {
    const text = json({ id: "fr_regressor_v7", codec_block_layout: ["encoder_onehot[a]"], training: { loso_folds: losoFolds([0.97, 0.97]) } });
    const findings = runRule(codecLift, snapshot({ "model/tiny/fr_regressor_v7.json": text, "model/tiny/fr_regressor_v6.json": json({ id: "fr_regressor_v6", loso_mean_plcc: 0.95 }) }), "rules:\n  codec-lift:\n    options:\n      baselines:\n        fr_regressor_v7: fr_regressor_v6\n");
    expect(findings.map((f) => [f.line, f.message])).toEqual([
      [positionOf(text, '"codec_block_layout"').line, "Missing measured PLCC lift for codec-aware production model `fr_regressor_v7` over `fr_regressor_v6`, expected a lift of at least `0.005` on a multi-codec split"],
    ]);
    expect(findings[0]!.details).toContain("the baseline `fr_regressor_v6` has no per-fold LOSO values");
  });

  it("reports a paired lift below the threshold with its confidence interval", () => {
    const files = { [REGISTRY_PATH]: reg, "model/tiny/fr_regressor_v6.json": baselineSidecar, "model/tiny/fr_regressor_v7.json": codecAware({ baseline: "fr_regressor_v6" }, [0.952, 0.962, 0.957, 0.957]) };
    const findings = runRule(codecLift, snapshot(files));
    expect(findings).toHaveLength(1);
    // Differences +0.002 each: mean +0.0020, sd 0, so the interval collapses onto the mean.
    expect(findings[0]!.message).toBe("Unexpected paired PLCC lift `+0.0020` of `fr_regressor_v7` over `fr_regressor_v6` (95% CI `[+0.0020, +0.0020]`, n = `4`), expected at least `0.005`");
    expect(findings[0]!.details).toContain("Alpine_30fps: 0.9520 - 0.9500 = +0.0020");
  });

  it("downgrades a large but noisy paired lift to a notice", () => {
    const files = { [REGISTRY_PATH]: reg, "model/tiny/fr_regressor_v6.json": baselineSidecar, "model/tiny/fr_regressor_v7.json": codecAware({ baseline: "fr_regressor_v6" }, [0.99, 0.94, 0.99, 0.96]) };
    const findings = runRule(codecLift, snapshot(files));
    expect(findings.map((f) => f.severity)).toEqual(["notice"]);
    // Differences +0.04, -0.02, +0.035, +0.005: mean +0.015, sd 0.02799, t(0.975, 3) 3.1824.
    expect(findings[0]!.message).toBe(
      "Unexpected paired PLCC lift `+0.0150` of `fr_regressor_v7` over `fr_regressor_v6` indistinguishable from zero (95% CI `[-0.0295, +0.0595]`, n = `4`), expected an interval that excludes `0`",
    );
  });

  it("reports a recorded lift below the threshold at its field", () => {
    const text = json({ id: "fr_regressor_v7", codec_aware: true, training: { plcc_lift: 0.002 } });
    const findings = runRule(codecLift, snapshot({ "model/tiny/fr_regressor_v7.json": text }));
    expect(findings.map((f) => [f.line, f.message])).toEqual([[positionOf(text, '"plcc_lift"').line, "Unexpected PLCC lift `+0.0020` for codec-aware model `fr_regressor_v7` over `no declared baseline`, expected at least `0.005`"]]);
  });
});
