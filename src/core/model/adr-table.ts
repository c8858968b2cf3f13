// Line-level reading of GFM table rows, shared by the ADR header tables (`| Status | Accepted |`)
// and the ADR index. Cells keep their 1-based column so findings can point into the row.

export interface TableCell {
  /** Cell text, trimmed, escaped pipes unescaped. */
  text: string;
  /** 1-based column of the first non-space character (of the cell start when empty). */
  column: number;
}

export function isTableRow(line: string): boolean {
  return /^ {0,3}\|/.test(line);
}

export function isDelimiterRow(line: string): boolean {
  return /^ {0,3}\|?(?:\s*:?-+:?\s*\|)+\s*:?-*:?\s*$/.test(line) && line.includes("-");
}

/**
 * Split a row on unescaped pipes (GFM does not protect pipes inside code spans either). A row
 * without the leading pipe (`Status | Accepted`, valid GFM) starts its first cell at the line start.
 */
export function splitTableRow(line: string): TableCell[] {
  const cells: TableCell[] = [];
  if (!line.includes("|")) return cells;
  const start = isTableRow(line) ? line.indexOf("|") : -1;
  let i = start + 1;
  let current = "";
  let cellStart = i;
  const push = (): void => {
    const leading = current.length - current.trimStart().length;
    cells.push({ text: current.trim().replace(/\\\|/g, "|"), column: cellStart + leading + 1 });
  };
  for (; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === "\\" && line[i + 1] === "|") {
      current += "\\|";
      i++;
      continue;
    }
    if (ch === "|") {
      push();
      current = "";
      cellStart = i + 1;
      continue;
    }
    current += ch;
  }
  if (current.trim() !== "") push();
  return cells;
}

/**
 * Line numbers of the tables in `lines[start-1 .. end-1]` written without the outer pipes: a row
 * with a pipe, then a delimiter row, then the rows with a pipe up to the first row without one.
 */
export function pipelessTableRows(lines: readonly string[], start: number, end: number): Set<number> {
  const rows = new Set<number>();
  for (let line = start + 1; line <= end; line++) {
    const text = lines[line - 1] ?? "";
    const header = lines[line - 2] ?? "";
    // The leading pipe is optional row by row: `|---|---|` under `Field | Value` is one table.
    if (!isDelimiterRow(text) || !header.includes("|") || isTableRow(header)) continue;
    rows.add(line - 1);
    rows.add(line);
    for (let next = line + 1; next <= end && (lines[next - 1] ?? "").includes("|") && (lines[next - 1] ?? "").trim() !== ""; next++) rows.add(next);
  }
  return rows;
}

/** `**Status**` -> `Status`; also drops surrounding backticks and emphasis underscores. */
export function stripEmphasis(text: string): string {
  return text.replace(/^(\*\*|__|\*|_|`)(.*)\1$/, "$2").trim();
}
