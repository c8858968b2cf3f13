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

  it("rejects an unknown rule", () => {
    expect(() => explain(model, "no-such-rule", "x")).toThrow(UnknownRuleError);
  });
});
