// Passages of a Markdown file that rules read without its mdast: paragraphs, list items and table
// rows outside fenced code, each with where its lines start. Two kinds are kept in extractions
// (MarkdownFacts), so rules that need the dataset catalogue (configuration) can work from them
// without reading the file's text again:
// - licence blocks, which may state a data licence (dataset-license-conflict), in every governed
//   Markdown file;
// - training blocks, which say a named model was trained on something (non-commercial-label, for
//   the ADRs and digests an artefact's documents cite), in ADRs and digests.
import { pipelessTableRows } from "./adr-table.js";
import { mayStateDataLicense } from "./datasets.js";
import { findModelIds } from "./model-ids.js";
import { splitLines } from "../types.js";

/** A training verb with `on` after it in the same clause. */
const TRAINED_ON = /\b(?:trained|fit|fine-tuned)\b[^.;]*?\bon\b/i;

/** The blocks that may state a data licence, in order; none for most documents. */
export function licenceBlocks(text: string): ProseBlock[] {
  // One pass over the whole file rules out most documents, which state no data licence at all;
  // the same test on each block then skips the blocks that cannot state one (every data licence
  // form contains the hint, and a table cell is part of its row's text).
  if (!mayStateDataLicense(text)) return [];
  return markdownBlocks(splitLines(text)).filter((block) => mayStateDataLicense(block.text));
}

/**
 * Both kinds from one pass over the file's blocks; no pass at all when neither hint occurs.
 * Training blocks are paragraphs and list items that name a model and say something was
 * trained, fit or fine-tuned on something ("The model is trained from scratch on DUTS-TR"); table
 * rows are left out, since in these documents they compare options rather than state what a model
 * was trained on. `lines`, when the caller has them, are `splitLines(text)`.
 */
export function proseBlocks(
  text: string,
  wanted: { training: boolean; lines?: readonly string[] } = { training: true },
): { licenceBlocks: ProseBlock[]; trainingBlocks: ProseBlock[] } {
  const licence = mayStateDataLicense(text);
  const training = wanted.training && TRAINED_ON.test(text);
  if (!licence && !training) return { licenceBlocks: [], trainingBlocks: [] };
  const blocks = markdownBlocks(wanted.lines ?? splitLines(text));
  return {
    licenceBlocks: licence ? blocks.filter((block) => mayStateDataLicense(block.text)) : [],
    trainingBlocks: training ? blocks.filter((block) => !block.table && TRAINED_ON.test(block.text) && findModelIds(block.text).length > 0) : [],
  };
}

/** The line and column of offset `at` in a block's text. */
export function blockPosition(block: ProseBlock, at: number): { line: number; column: number } {
  let start = block.lineStarts[0]!;
  for (const candidate of block.lineStarts) if (candidate.offset <= at) start = candidate;
  return { line: start.line, column: start.indent + (at - start.offset) + 1 };
}

export interface ProseBlock {
  /** Position among the file's blocks. */
  index: number;
  text: string;
  table: boolean;
  /** Offsets in `text` where each source line starts, with the line number. */
  lineStarts: Array<{ offset: number; line: number; indent: number }>;
}

function markdownBlocks(lines: readonly string[]): ProseBlock[] {
  const blocks: ProseBlock[] = [];
  let current: ProseBlock | null = null;
  let fence: string | null = null;
  // GFM rows may omit the outer pipes (`Option | Licence`); they are table rows all the same.
  const pipeless = pipelessTableRows(lines, 1, lines.length);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const fenceMatch = /^\s*(`{3,}|~{3,})/.exec(raw);
    if (fence) {
      if (fenceMatch && fenceMatch[1]!.startsWith(fence)) fence = null;
      return;
    }
    if (fenceMatch) {
      fence = fenceMatch[1]!;
      current = null;
      return;
    }
    const trimmed = raw.trim();
    if (!trimmed) {
      current = null;
      return;
    }
    const indent = raw.length - raw.trimStart().length;
    if (trimmed.startsWith("|") || pipeless.has(line)) {
      blocks.push({ index: blocks.length, text: trimmed, table: true, lineStarts: [{ offset: 0, line, indent }] });
      current = null;
      return;
    }
    // A heading or list item starts a new block; other lines continue the paragraph.
    if (!current || /^(#{1,6}\s|[-*+]\s|\d+[.)]\s|>)/.test(trimmed)) {
      current = { index: blocks.length, text: "", table: false, lineStarts: [] };
      blocks.push(current);
    } else {
      current.text += " ";
    }
    current.lineStarts.push({ offset: current.text.length, line, indent });
    current.text += trimmed;
  });
  return blocks;
}
