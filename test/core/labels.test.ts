import { describe, expect, it } from "@jest/globals";
import { defaultConfig } from "../../src/core/config.js";
import { artefactFlags, traceNonCommercialTraining } from "../../src/core/labels.js";
import { modelArtefacts } from "../../src/core/model/artefacts.js";
import { buildRepositoryModel } from "../../src/core/model/repository.js";
import { MemorySnapshot } from "../../src/core/types.js";
import { stubCard } from "../fixtures/gates-labels/run-rule.js";

const FILES = {
  "model/tiny/registry.json": JSON.stringify({
    schema_version: 1,
    models: [
      { id: "hdr_v1", kind: "nr", onnx: "hdr_v1.onnx", sha256: "00", notes: "See docs/ai/models/hdr_family.md." },
      { id: "plain_v1", kind: "fr", onnx: "plain_v1.onnx", sha256: "11" },
    ],
  }),
  "model/tiny/hdr_v1.json": '{"id": "hdr_v1", "training": {"dataset": "CHUG"}}',
  "model/tiny/plain_v1.json": '{"onnx": "plain_v1.onnx", "training": {"dataset": "LSVQ"}}',
  "docs/ai/models/hdr_family.md": "# HDR family\n",
  "model/predictor_x_card.md": stubCard("predictor_x"),
};

describe("labels", () => {
  const model = buildRepositoryModel(new MemorySnapshot(FILES), defaultConfig());

  it("joins registry entries, sidecars (by id or ONNX name) and cards (by notes or file name)", () => {
    const byId = new Map(modelArtefacts(model).map((a) => [a.id, a]));
    expect(byId.get("hdr_v1")?.paths.sort()).toEqual(["docs/ai/models/hdr_family.md", "model/tiny/hdr_v1.json", "model/tiny/hdr_v1.onnx", "model/tiny/registry.json"]);
    expect(byId.get("plain_v1")?.sidecars.map((s) => s.path)).toEqual(["model/tiny/plain_v1.json"]);
    expect(byId.get("predictor_x")?.cards.map((c) => c.path)).toEqual(["model/predictor_x_card.md"]);
  });

  it.each([
    [["model/predictor_x_card.md"], { syntheticStub: true, nonCommercial: false }],
    [["model/tiny/hdr_v1.onnx"], { syntheticStub: false, nonCommercial: true }],
    [["docs/ai/models/hdr_family.md", "model/predictor_x_card.md"], { syntheticStub: true, nonCommercial: true }],
    [["model/tiny/plain_v1.json"], { syntheticStub: false, nonCommercial: false }],
    [["README.md"], { syntheticStub: false, nonCommercial: false }],
  ])("flags %j", (paths, expected) => {
    expect(artefactFlags(model, paths)).toEqual(expected);
  });

  it("flags any path of a registry entry through the shared registry file", () => {
    expect(artefactFlags(model, ["model/tiny/registry.json"]).nonCommercial).toBe(true);
  });
});

describe("training data from cards", () => {
  it("reads a model's own card, not a successor's card that names it", () => {
    const files = {
      "model/tiny/registry.json": JSON.stringify({
        schema_version: 1,
        models: [
          {
            id: "placeholder_v0",
            kind: "nr",
            onnx: "placeholder_v0.onnx",
            sha256: "00",
            smoke: true,
            notes: "Superseded by student_v1; see docs/ai/models/student_v1.md.",
          },
          { id: "student_v1", kind: "nr", onnx: "student_v1.onnx", sha256: "11" },
        ],
      }),
      "docs/ai/models/student_v1.md": [
        "# student_v1",
        "",
        "- **Model id**: `student_v1`",
        "- **Replaces**: `placeholder_v0`",
        "- **Training data**: trained on DUTS-TR",
        "",
      ].join("\n"),
    };
    const model = buildRepositoryModel(new MemorySnapshot(files), defaultConfig());
    const byId = new Map(modelArtefacts(model).map((a) => [a.id, a]));
    expect(traceNonCommercialTraining(byId.get("student_v1")!, model).map((t) => t.dataset.name)).toEqual(["DUTS"]);
    // The placeholder's notes point at its successor's card, so the join attaches it to both.
    expect(byId.get("placeholder_v0")!.cards.map((c) => c.path)).toEqual(["docs/ai/models/student_v1.md"]);
    expect(traceNonCommercialTraining(byId.get("placeholder_v0")!, model)).toEqual([]);
  });
});
