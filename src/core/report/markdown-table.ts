// The report's table shape: header, a `---` separator per column, one line per row, no padding.

export function markdownTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const lines = [tableLine(headers), tableLine(headers.map(() => "---"))];
  for (const row of rows) lines.push(tableLine(row));
  return lines.join("\n");
}

function tableLine(cells: readonly string[]): string {
  return `| ${cells.join(" | ")} |`;
}
