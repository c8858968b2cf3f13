// Row-level difference between two renderings of the report, for the GitHub App's comment ("this
// pull request changes these discovery rows"). Rows are matched within their `##` section by
// their first cell; a key that repeats (two cards for one codec) is matched by occurrence.

export interface ReportRowChange {
  before: string;
  after: string;
}

export interface SectionRowDiff {
  /** The `##` heading text, without the hashes. */
  section: string;
  added: string[];
  removed: string[];
  changed: ReportRowChange[];
}

/** Sections whose table rows differ, in the order they appear (after, then removed sections). */
export function diffReportRows(before: string, after: string): SectionRowDiff[] {
  const beforeSections = tableRowsBySection(before);
  const afterSections = tableRowsBySection(after);
  const sectionNames = [...afterSections.keys()];
  for (const name of beforeSections.keys()) if (!afterSections.has(name)) sectionNames.push(name);
  const diffs: SectionRowDiff[] = [];
  for (const section of sectionNames) {
    const diff = diffRows(section, beforeSections.get(section) ?? [], afterSections.get(section) ?? []);
    if (diff.added.length || diff.removed.length || diff.changed.length) diffs.push(diff);
  }
  return diffs;
}

function diffRows(section: string, before: readonly string[], after: readonly string[]): SectionRowDiff {
  const beforeByKey = keyedRows(before);
  const afterByKey = keyedRows(after);
  const diff: SectionRowDiff = { section, added: [], removed: [], changed: [] };
  for (const [key, row] of afterByKey) {
    const previous = beforeByKey.get(key);
    if (previous === undefined) diff.added.push(row);
    else if (previous !== row) diff.changed.push({ before: previous, after: row });
  }
  for (const [key, row] of beforeByKey) if (!afterByKey.has(key)) diff.removed.push(row);
  return diff;
}

function keyedRows(rows: readonly string[]): Map<string, string> {
  const seen = new Map<string, number>();
  const keyed = new Map<string, string>();
  for (const row of rows) {
    const firstCell = row.split(/(?<!\\)\|/)[1]?.trim() ?? row;
    const occurrence = (seen.get(firstCell) ?? 0) + 1;
    seen.set(firstCell, occurrence);
    keyed.set(`${firstCell}\u0000${occurrence}`, row);
  }
  return keyed;
}

/** Body rows of every table, grouped by the `##` section they sit in (header rows skipped). */
function tableRowsBySection(report: string): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let section = "";
  let tableLine = 0;
  for (const line of report.split("\n")) {
    const heading = /^## (.*)$/.exec(line);
    if (heading) {
      section = heading[1]!.trim();
      tableLine = 0;
      continue;
    }
    if (!line.startsWith("|")) {
      tableLine = 0;
      continue;
    }
    tableLine++;
    // Lines 1 and 2 of a table are its header and separator.
    if (tableLine <= 2) continue;
    const rows = sections.get(section) ?? [];
    rows.push(line);
    sections.set(section, rows);
  }
  return sections;
}
