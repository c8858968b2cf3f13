// The passages of a Markdown file that may state a data licence: paragraphs, list items and table
// rows outside fenced code whose text carries a licence hint. Kept in every governed file's
// extraction (MarkdownFacts), so dataset-license-conflict attributes licences to datasets without
// reading the file's text again; the attribution itself needs the dataset catalogue, which is
// configuration, and so happens in the rule.
import { pipelessTableRows } from "./adr-table.js";
import { mayStateDataLicense } from "./datasets.js";
import { splitLines } from "../types.js";

/** The blocks that may state a data licence, in order; none for most documents. */
export function licenceBlocks(text: string): LicenceBlock[] {
  // One pass over the whole file rules out most documents, which state no data licence at all;
  // the same test on each block then skips the blocks that cannot state one (every data licence
  // form contains the hint, and a table cell is part of its row's text).
  if (!mayStateDataLicense(text)) return [];
  return markdownBlocks(text).filter((block) => mayStateDataLicense(block.text));
}

export interface LicenceBlock {
  /** Position among the file's blocks. */
  index: number;
  text: string;
  table: boolean;
  /** Offsets in `text` where each source line starts, with the line number. */
  lineStarts: Array<{ offset: number; line: number; indent: number }>;
}

function markdownBlocks(text: string): LicenceBlock[] {
  const blocks: LicenceBlock[] = [];
  let current: LicenceBlock | null = null;
  let fence: string | null = null;
  const lines = splitLines(text);
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
