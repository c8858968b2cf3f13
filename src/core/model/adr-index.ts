// The ADR index (`docs/adr/README.md`): one table row per ADR with its status. Read line by line
// (the real index is ~200 KB of table) so each row keeps its line and the status cell its column.
// The same row reader serves index fragments (`_index_fragments/NNNN-slug.md`), which hold single
// rows without a header.
import type { MarkdownFile, ParseProblem } from "./markdown-file.js";
import { resolveNumberedLink } from "./adr-references.js";
import { isDelimiterRow, isTableRow, splitTableRow, stripEmphasis, type TableCell } from "./adr-table.js";

export interface AdrIndexRow {
  /** ADR number from the row's link target (`0123-slug.md`), else from its label (`ADR-0123`). */
  number: number | null;
  /** The number the row's label states (`[ADR-0123](...)`, `0123`), when it states one. */
  labelNumber: number | null;
  /** The link target as written, when the row links to an ADR file. */
  target: string | null;
  /** The status cell, when the table has a Status column. */
  status: { text: string; line: number; column: number } | null;
  line: number;
  column: number;
}

export interface AdrIndex {
  kind: "adr-index";
  path: string;
  rows: AdrIndexRow[];
  problems: ParseProblem[];
}

/** Column layout of an index table, taken from its header row. */
export interface IndexTableLayout {
  cellCount: number;
  statusColumn: number;
}

export function extractAdrIndex(file: MarkdownFile): AdrIndex {
  return { kind: "adr-index", path: file.path, rows: readIndexRows(file.path, file.lines), problems: [] };
}

/**
 * Rows of every table whose header names a Status column. With `layout` (fragments), every table
 * row is read with that layout; otherwise layouts come from the header rows found.
 */
export function readIndexRows(path: string, lines: readonly string[], layout?: IndexTableLayout): AdrIndexRow[] {
  const rows: AdrIndexRow[] = [];
  const directory = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
  let current: IndexTableLayout | null = layout ?? null;
  let inFence = false;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (/^ {0,3}(`{3,}|~{3,})/.test(line)) inFence = !inFence;
    if (inFence) continue;
    if (!isTableRow(line)) {
      if (!layout) current = null;
      continue;
    }
    if (!layout && isDelimiterRow(lines[index + 1] ?? "")) {
      current = layoutOfHeader(line);
      index++; // the delimiter row
      continue;
    }
    if (!current || isDelimiterRow(line)) continue;
    const row = readRow(directory, splitTableRow(line), current, index + 1);
    if (row) rows.push(row);
  }
  return rows;
}

/** The layout of a table header row, or null when it has no Status column. */
export function layoutOfHeader(line: string): IndexTableLayout | null {
  const cells = splitTableRow(line);
  const statusColumn = cells.findIndex((cell) => stripEmphasis(cell.text).toLowerCase() === "status");
  return statusColumn < 0 ? null : { cellCount: cells.length, statusColumn };
}

function readRow(directory: string, cells: TableCell[], layout: IndexTableLayout, line: number): AdrIndexRow | null {
  if (cells.length === 0) return null;
  const first = cells[0]!;
  const link = /\]\(\s*<?([^)\s>]+)>?/.exec(first.text);
  const resolved = link ? resolveNumberedLink(directory, link[1]!) : null;
  const label = /(?:ADR[-\u2010\u2011 ]?)?(\d{3,5})/.exec(first.text.replace(/\]\(.*$/, ""));
  const labelNumber = label ? Number(label[1]) : null;
  const number = resolved?.number ?? labelNumber;
  if (number === null) return null;
  // Unescaped pipes inside the title (code spans do not protect them) add cells before the
  // status; the columns after it are short tag lists, so count the status column from the right.
  const statusIndex = cells.length > layout.cellCount ? layout.statusColumn + (cells.length - layout.cellCount) : layout.statusColumn;
  const statusCell = cells[statusIndex];
  return {
    number,
    labelNumber,
    target: resolved ? link![1]! : null,
    status: statusCell ? { text: statusCell.text, line, column: statusCell.column } : null,
    line,
    column: first.column,
  };
}
