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

/** Split a row on unescaped pipes (GFM does not protect pipes inside code spans either). */
export function splitTableRow(line: string): TableCell[] {
  const cells: TableCell[] = [];
  const start = line.indexOf("|");
  if (start < 0) return cells;
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

/** `**Status**` -> `Status`; also drops surrounding backticks and emphasis underscores. */
export function stripEmphasis(text: string): string {
  return text.replace(/^(\*\*|__|\*|_|`)(.*)\1$/, "$2").trim();
}
