import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "@jest/globals";
import { extractCard } from "../../../src/core/model/card.js";
import { readMarkdownFile } from "../../../src/core/model/markdown-file.js";
import { CORPUS_DIR, describeWithCorpus } from "../../helpers/corpus.js";
import { MAX_SIDECAR_STRING, readSidecar, Sidecar, sidecarPosition } from "../../../src/core/model/sidecar.js";

const LOSO = `{
  "id": "reg_a",
  "kind": "fr",
  "codec_aware": true,
  "gate_passed": true,
  "training": {
    "dataset": "corpus-x",
    "n_rows": 120,
    "loso_folds": [
      { "held_out": "S1", "plcc": 0.97, "srocc": 0.96, "rmse": 1.1 },
      { "held_out": "S2", "plcc": 0.99, "srocc": 0.98, "rmse": 0.9 }
    ],
    "loso_mean_plcc": 0.98,
    "smoke": false
  }
}`;

describe("readSidecar", () => {
  it("reads an FR regressor with LOSO folds", () => {
    const doc = readSidecar("model/tiny/reg_a.json", LOSO);
    expect(doc.problems).toEqual([]);
    expect(doc.id).toBe("reg_a");
    expect(doc.shape).toBe("loso-regressor");
    expect(doc.synthetic).toBe(false);
    expect(doc.sidecar?.training?.loso_folds?.map((f) => f.plcc)).toEqual([0.97, 0.99]);
    expect(doc.sidecar?.codec_aware).toBe(true);
    expect(sidecarPosition(doc, ["training", "loso_mean_plcc"])).toEqual({ line: 13, column: 5 });
    expect(sidecarPosition(doc, ["training", "loso_folds", 1])).toEqual({ line: 11, column: 7 });
  });

  it.each([
    ['{"id":"s","smoke":true}', "`smoke: true`", 1],
    ['{"id":"s","training":{"smoke":true}}', "`training.smoke: true`", 1],
    ['{\n "id": "s",\n "gate": {\n  "gate": {"kind": "synthetic"},\n  "passed": true\n }\n}', "`gate.gate.kind: synthetic`", 4],
    ['{"id":"s","gate":{"kind":"synthetic"}}', "`gate.kind: synthetic`", 1],
    ['{"id":"s","training_recipe":{"smoke":true}}', "`training_recipe.smoke: true`", 1],
    ['{"id":"s","corpus":{"kind":"synthetic-stub-N=10"}}', "`corpus.kind: synthetic-stub-N=10`", 1],
  ])("flags synthetic training in %s", (text, reason, line) => {
    const doc = readSidecar("model/s.json", text);
    expect(doc.synthetic).toBe(true);
    expect(doc.syntheticEvidence[0]).toMatchObject({ reason, line });
  });

  it("falls back to the file name for the id", () => {
    expect(readSidecar("model/tiny/x_v1.json", '{"name":"display"}').id).toBe("x_v1");
  });

  it.each([
    ["model/tiny/e.json", '{"id":"e","members":[{"id":"e_seed0","sha256":"ab"}]}', "ensemble-manifest"],
    ["model/tiny/e_seed_flip_PROMOTE.json", '{"verdict":"PROMOTE","gate":{"passed":true}}', "promote-verdict"],
    ["model/tiny/e_seed0.json", '{"id":"e_seed0","ensemble_id":"e","gate":{"passed":true}}', "ensemble-seed"],
    ["model/tiny/q.int8.json", '{"id":"q_int8","onnx":"q.int8.onnx"}', "quantised"],
    ["model/tiny/u.json", '{"id":"u","license":"MIT"}', "upstream-wrapper"],
    ["model/svm.json", '{"param_dict":{},"model_dict":{}}', "libvmaf-model"],
    ["model/tiny/m.json", '{"kind":"fr","notes":"PLCC 0.9"}', "minimal"],
  ])("classifies %s as %s", (path, text, shape) => {
    expect(readSidecar(path, text).shape).toBe(shape);
  });

  it("reports a field of the wrong type at its line and keeps the rest", () => {
    const doc = readSidecar("model/bad.json", '{\n  "id": "bad",\n  "smoke": "yes",\n  "training": {\n    "n_rows": "many"\n  }\n}');
    expect(doc.problems.map((p) => [p.line, p.column])).toEqual([
      [3, 3],
      [5, 5],
    ]);
    expect(doc.problems[0]!.message).toBe("Unexpected value of `smoke` in sidecar, expected `boolean`");
    expect(doc.sidecar?.id).toBe("bad");
    expect(doc.sidecar?.smoke).toBeUndefined();
  });

  it("reports invalid JSON at the error position without throwing", () => {
    const doc = readSidecar("model/broken.json", '{\n  "id": "x",\n  oops\n}');
    expect(doc.data).toBeNull();
    expect(doc.problems).toHaveLength(1);
    expect(doc.problems[0]!.line).toBe(3);
  });

  it("reads a sidecar saved with a byte order mark, reporting the mark and keeping every position", () => {
    const doc = readSidecar("model/tiny/bom.json", '\uFEFF{\n  "id": "bom",\n  "smoke": true\n}\n');
    expect(doc.id).toBe("bom");
    expect(doc.synthetic).toBe(true);
    expect(doc.problems.map((p) => [p.line, p.column, p.message.slice(0, 40)])).toEqual([[1, 1, "Unexpected UTF-8 byte order mark (U+FEFF"]]);
    expect(sidecarPosition(doc, ["smoke"])).toMatchObject({ line: 3 });
  });

  it("reports a non-object sidecar", () => {
    const doc = readSidecar("model/list.json", "[1, 2]");
    expect(doc.sidecar).toBeNull();
    expect(doc.problems[0]!.message).toMatch(/expected an object/);
  });

  it("stays JSON-serialisable for the on-disk cache", () => {
    const doc = readSidecar("model/tiny/reg_a.json", LOSO);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it("exposes the zod schema for other rules", () => {
    expect(Sidecar.safeParse({ training: { loso_mean_plcc: null } }).success).toBe(true);
    expect(Sidecar.safeParse({ gate: { passed: "yes" } }).success).toBe(false);
  });
});

function listJson(dir: string, prefix = ""): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listJson(dir, `${prefix}${entry.name}/`) : entry.name.endsWith(".json") ? [`${prefix}${entry.name}`] : [],
  );
}

describeWithCorpus("sidecars and cards of the real corpus", () => {
  it("reads every model JSON without problems and classifies the known shapes", () => {
    const docs = listJson(join(CORPUS_DIR, "model"))
      .filter((p) => !p.startsWith("tiny/registry"))
      .map((p) => readSidecar(`model/${p}`, readFileSync(join(CORPUS_DIR, "model", p), "utf8")));
    expect(docs.flatMap((d) => d.problems)).toEqual([]);
    const shapes = new Set(docs.map((d) => d.shape));
    for (const shape of ["ensemble-manifest", "promote-verdict", "ensemble-seed", "loso-regressor", "quantised", "upstream-wrapper", "libvmaf-model", "minimal"]) {
      expect(shapes).toContain(shape);
    }
    // Reviewed: the MOS head (gate.gate.kind synthetic, training_recipe.smoke), the ensemble
    // manifest (smoke: true) and nothing else carries a structured synthetic flag.
    expect(docs.filter((d) => d.synthetic).map((d) => d.id).sort()).toEqual(["fr_regressor_v2_ensemble_v1", "konvid_mos_head_v1"]);
  });

  it("reads the predictor cards' corpus kind, banner and metrics", () => {
    const path = "model/predictor_libx264_card.md";
    const card = extractCard(readMarkdownFile(path, readFileSync(join(CORPUS_DIR, path), "utf8")));
    expect(card.synthetic).toBe(true);
    expect(card.corpusKind?.value).toMatch(/^synthetic-stub-N=\d+$/);
    expect(card.syntheticBanner).not.toBeNull();
    expect(Object.keys(card.metrics).sort()).toEqual(["plcc", "rmse", "srocc"]);
  });
});

describe("payload strings", () => {
  it("elides strings longer than the limit and keeps claims and positions intact", () => {
    const svm = "x".repeat(MAX_SIDECAR_STRING + 1);
    const text = JSON.stringify({ id: "legacy", notes: "LOSO PLCC 0.97", model_dict: { model: svm, slopes: [1, 2] } }, null, 2);
    const doc = readSidecar("model/legacy.json", text);
    const data = doc.data as { notes: string; model_dict: { model: string; slopes: number[] } };
    expect(data.notes).toBe("LOSO PLCC 0.97");
    expect(data.model_dict.model).toBe(`(${MAX_SIDECAR_STRING + 1} characters elided)`);
    expect(data.model_dict.slopes).toEqual([1, 2]);
    expect(sidecarPosition(doc, ["model_dict", "model"])).toEqual({ line: 5, column: 5 });
    expect(readSidecar("model/short.json", JSON.stringify({ id: "s", notes: "y".repeat(MAX_SIDECAR_STRING) })).data).toEqual({
      id: "s",
      notes: "y".repeat(MAX_SIDECAR_STRING),
    });
  });
});
