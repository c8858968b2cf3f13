import { describe, expect, it } from "@jest/globals";
import { extractCard, modelIdFromPath } from "../../../src/core/model/card.js";
import { readMarkdownFile } from "../../../src/core/model/markdown-file.js";

const STUB = `# \`pred_x\` — predictor card

- **Codec adapter**: \`x\`
- **SHA-256**: \`abc\`

> **Warning — synthetic-stub model.** Trained on generated rows; numbers are meaningless.

## Training data

- **Corpus kind**: \`synthetic-stub-N=50\`
- **Train rows**: 40

## Metrics

| Metric | Value |
|--------|-------|
| PLCC   | **0.9949** |
| RMSE   | 1.13 VMAF |
`;

const REAL = `# Tiny model y

> **Status — shipped.** Production weights.

| Field | Value |
| --- | --- |
| Model id | \`y_v2\` |
| License | CC BY-NC-SA 4.0 (non-commercial research use only) |
| Training corpus | ExampleSet-1k, see [ADR-0001](../adr/0001-x.md) |

- **Corpus kind**: real-N=900
`;

describe("extractCard", () => {
  it("reads a synthetic-stub predictor card", () => {
    const card = extractCard(readMarkdownFile("model/pred_x_card.md", STUB));
    expect(card.modelId).toBe("pred_x");
    expect(card.synthetic).toBe(true);
    expect(card.corpusKind).toEqual({ value: "synthetic-stub-N=50", line: 10, column: 3 });
    expect(card.syntheticBanner).toMatchObject({ line: 6, column: 1 });
    expect(card.syntheticBanner?.value).toMatch(/^Warning — synthetic-stub model\./);
    expect(card.metrics.plcc).toMatchObject({ value: 0.9949, decimals: 4, line: 17 });
    expect(card.metrics.rmse).toMatchObject({ value: 1.13, decimals: 2, line: 18 });
    expect(card.fields["sha-256"]?.value).toBe("abc");
    expect(card.nonCommercialLabel).toBeNull();
  });

  it("reads a real card with a licence row and table fields", () => {
    const card = extractCard(readMarkdownFile("docs/ai/models/y.md", REAL));
    expect(card.modelId).toBe("y");
    expect(card.aliases).toEqual(["y_v2"]);
    expect(card.synthetic).toBe(false);
    expect(card.syntheticBanner).toBeNull();
    expect(card.corpusKind?.value).toBe("real-N=900");
    expect(card.nonCommercialLabel).toMatchObject({ line: 8 });
    expect(card.licenses.map((l) => l.value)).toEqual(["CC BY-NC-SA 4.0 (non-commercial research use only)"]);
    expect(card.trainingText.map((t) => t.line)).toEqual([9, 11]);
    expect(card.links.map((l) => l.value)).toEqual(["../adr/0001-x.md"]);
  });

  it.each([
    ["> The shipped checkpoint is a **smoke-only synthetic placeholder**.", true],
    ["> **Status: Proposed — synthetic-corpus checkpoint.**", true],
    ["> **Status — real upstream weights.**", false],
    // Placeholder-era cards: weights that were never trained are a stub too.
    ["> **Status — placeholder weights only.** The graph respects the I/O contract.", true],
    ["> **Note.** The shipped ONNX is a smoke-only stand-in: a small randomly-initialised network.", true],
    ["> **Status.** Random init, not trained. Swap in the real weights when they land.", true],
    // Cards of real weights that mention the stand-in they replaced, or a dataset they skipped.
    ["> **Status — real upstream weights.** The previous smoke-only placeholder is documented in ADR-0001.", false],
    ["> **Status — shipped.** Supersedes `x_placeholder_v0`, whose randomly-initialised weights stay registered.", false],
    ["> **Status — production.** This head was not trained on KoNViD-150k.", false],
  ])("detects the banner in %s", (banner, expected) => {
    const card = extractCard(readMarkdownFile("docs/ai/models/z.md", `# z\n\n${banner}\n`));
    expect(card.syntheticBanner !== null).toBe(expected);
    expect(card.synthetic).toBe(expected);
  });

  it("reads training data from bullets, including a wrapped line that Markdown turns into one", () => {
    const text = [
      "# m",
      "",
      "## Training data",
      "",
      "Identical to v2: the 4-corpus parquet (Netflix Public",
      "+ KoNViD-1k 5-fold + BVI-DVC A + B + C + D, 330 499 rows).",
      "",
      "## Limitations",
      "",
      "- Trained 4-corpus (NF Public + BVI-DVC A+B+C+D); out-of-distribution content inherits the gaps.",
      "- Screen content is not covered.",
      "",
    ].join("\n");
    const card = extractCard(readMarkdownFile("docs/ai/models/m.md", text));
    expect(card.trainingText.map((t) => [t.line, t.value.slice(0, 24)])).toEqual([
      [5, "Identical to v2: the 4-c"],
      [6, "KoNViD-1k 5-fold + BVI-D"],
      [10, "Trained 4-corpus (NF Pub"],
    ]);
  });

  it("does not take an upstream licence row as the artefact's own label", () => {
    const card = extractCard(
      readMarkdownFile("docs/ai/models/w.md", "| Field | Value |\n| --- | --- |\n| License (upstream weights) | CC BY-NC-SA 4.0 — incompatible |\n"),
    );
    expect(card.nonCommercialLabel).toBeNull();
    expect(card.licenses).toHaveLength(1);
  });

  it("derives ids from paths", () => {
    expect(modelIdFromPath("model/predictor_libaom-av1_card.md")).toBe("predictor_libaom-av1");
    expect(modelIdFromPath("docs/ai/models/fr_regressor_v3.md")).toBe("fr_regressor_v3");
  });

  it("is JSON-serialisable", () => {
    const card = extractCard(readMarkdownFile("model/pred_x_card.md", STUB));
    expect(JSON.parse(JSON.stringify(card))).toEqual(card);
  });
});
