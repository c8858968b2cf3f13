import { describe, expect, it } from "@jest/globals";
import { blockPosition, licenceBlocks, proseBlocks } from "../../../src/core/model/prose-blocks.js";

const DOC = [
  "# ADR-0286: student",
  "",
  "We will ship `saliency_student_v1`, a tiny U-Net.",
  "The model is trained from scratch on DUTS-TR.",
  "",
  "- `saliency_student_v2` was fine-tuned on the same split.",
  "- Trained on DUTS-TR, but no model is named here.",
  "",
  "| Option | Notes |",
  "| --- | --- |",
  "| `saliency_student_v3` | trained on DUTS-TR |",
  "",
  "```",
  "`saliency_student_v4` trained on DUTS-TR",
  "```",
  "",
  "DUTS-TR is free for academic research only.",
  "",
].join("\n");

describe("prose blocks", () => {
  it("keeps paragraphs and list items that name a model and say it was trained on something, not table rows or code", () => {
    const blocks = proseBlocks(DOC).trainingBlocks;
    expect(blocks.map((block) => block.text)).toEqual([
      "We will ship `saliency_student_v1`, a tiny U-Net. The model is trained from scratch on DUTS-TR.",
      "- `saliency_student_v2` was fine-tuned on the same split.",
    ]);
    // Offsets map back to source lines and columns across the paragraph's joined lines.
    const first = blocks[0]!;
    expect(blockPosition(first, first.text.indexOf("DUTS-TR"))).toEqual({ line: 4, column: 38 });
  });

  it("finds both kinds in one pass, and neither in a document without their hints", () => {
    const both = proseBlocks(DOC);
    expect(both.licenceBlocks.map((block) => block.text)).toEqual(licenceBlocks(DOC).map((block) => block.text));
    expect(both.licenceBlocks.map((block) => block.text)).toEqual(["DUTS-TR is free for academic research only."]);
    expect(proseBlocks(DOC, { training: false }).trainingBlocks).toEqual([]);
    expect(proseBlocks("# Notes\n\nNothing about data or models here.\n")).toEqual({ licenceBlocks: [], trainingBlocks: [] });
  });
});
