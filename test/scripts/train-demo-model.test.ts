import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "@jest/globals";
import { PROJECT_ROOT } from "../helpers/corpus.js";
// @ts-expect-error -- a plain ESM script without type declarations
import { buildArtefacts, evaluateLoso, generateCorpus, pearson, spearman } from "../../scripts/train-demo-model.mjs";

describe("scripts/train-demo-model.mjs", () => {
  it("regenerates the committed demo artefacts byte for byte", () => {
    const artefacts = buildArtefacts() as Record<string, string | Buffer>;
    expect(Object.keys(artefacts).sort()).toEqual([
      "model/demo/demo_fr_linear_v0.json",
      "model/demo/demo_fr_linear_v0.onnx",
      "model/demo/demo_fr_linear_v0_card.md",
      "model/registry.json",
    ]);
    for (const [path, content] of Object.entries(artefacts)) {
      const committed = readFileSync(join(PROJECT_ROOT, path));
      expect({ path, same: Buffer.compare(committed, Buffer.from(content)) === 0 }).toEqual({ path, same: true });
    }
  });

  it("holds out each synthetic source once", () => {
    const folds = evaluateLoso(generateCorpus()) as Array<{ held_out: string; n_train: number; n_val: number; plcc: number }>;
    expect(folds).toHaveLength(6);
    expect(new Set(folds.map((fold) => fold.held_out)).size).toBe(6);
    for (const fold of folds) {
      expect(fold.n_train + fold.n_val).toBe(240);
      expect(fold.plcc).toBeGreaterThan(0.9);
      expect(fold.plcc).toBeLessThanOrEqual(1);
    }
  });

  it("computes Pearson and Spearman correlations with ties", () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    // Ranks with a tie: x = [1, 2, 2, 3] -> [1, 2.5, 2.5, 4]
    expect(spearman([1, 2, 2, 3], [10, 20, 20, 30])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 12);
  });
});
