// adr-index-sync: the index (`docs/adr/README.md`, or the `_index_fragments/` it is rendered from)
// must show each ADR's current status. The status an ADR has now is its latest
// `Status update YYYY-MM-DD: <status>` appendix, else its header Status field.
import * as z from "zod";
import { readIndexRows, layoutOfHeader, type AdrIndexRow, type IndexTableLayout } from "../model/adr-index.js";
import { DEFAULT_ADR_STATUSES, effectiveStatus, leadingStatus } from "../model/adr-status.js";
import { isDelimiterRow } from "../model/adr-table.js";
import { formatAdrNumber } from "../model/adr-catalogue.js";
import type { AdrDocument } from "../model/adr.js";
import type { RepositoryModel } from "../model/repository.js";
import { contentId, splitLines } from "../types.js";
import { defineRule } from "./rule.js";

interface LocatedRow extends AdrIndexRow {
  file: string;
}

export const adrIndexSync = defineRule({
  id: "adr-index-sync",
  defaultSeverity: "warning",
  description: "The ADR index row must show the ADR's effective status (the latest status update wins).",
  messages: {
    mismatch: "Unexpected index status `{found}` for `ADR-{number}`, expected `{expected}` from {source}",
    missingStatus: "Missing index status for `ADR-{number}`, expected `{expected}` from {source}",
    missingRow: "Missing index row for `ADR-{number}`, expected a row linking `{file}` in `{index}`{fragment}",
  },
  options: z
    .object({
      statuses: z.array(z.string().min(1)).min(1).default([...DEFAULT_ADR_STATUSES]),
      /**
       * Statuses that mean the same for the index: an ADR that `Supersedes` another is in force,
       * so an index row `Supersedes ADR-0006` agrees with a header `Accepted`.
       */
      equivalent: z.record(z.string(), z.string()).default({ Supersedes: "Accepted" }),
      /** Directory of per-ADR index rows, relative to the index's directory. */
      fragmentsDir: z.string().default("_index_fragments"),
      /** Report an ADR that has no row in the index at all (when the repository keeps an index). */
      requireRow: z.boolean().default(true),
    })
    .strict(),
  check({ model, options, report, memo }) {
    const index = model.adrIndex;
    const readmeRows: LocatedRow[] = index ? index.rows.map((row) => ({ ...row, file: index.path })) : [];
    // Reading ~300 fragment files is the costly part; the rows depend only on those files' contents.
    const inputs = fragmentInputs(model, options.fragmentsDir);
    const fragmentRows = memo(`fragments:${inputs.key}`, () => readFragmentRows(model, inputs));
    const canonical = (status: string): string => (options.equivalent[status] ?? status).toLowerCase();
    const numberCounts = new Map<number, number>();
    for (const adr of model.adrs) if (adr.number !== null) numberCounts.set(adr.number, (numberCounts.get(adr.number) ?? 0) + 1);

    const fragmentsFor = indexRowsByAdr(fragmentRows);
    const readmeFor = indexRowsByAdr(readmeRows);
    // Only a repository that keeps an index (rows in it or fragments) is held to one.
    const keepsIndex = readmeRows.length > 0 || fragmentRows.length > 0;
    for (const adr of model.adrs) {
      if (adr.number === null) continue;
      const unique = numberCounts.get(adr.number) === 1;
      const fragments = fragmentsFor(adr, unique);
      const readme = readmeFor(adr, unique);
      if (options.requireRow && keepsIndex && fragments.length === 0 && readme.length === 0) {
        report({
          messageId: "missingRow",
          data: {
            number: formatAdrNumber(adr.number),
            file: adr.fileName,
            index: index?.path ?? model.config.paths.adrIndex,
            fragment: fragmentRows.length > 0 ? ` (or a fragment in \`${inputs.prefix}\`)` : "",
          },
          file: adr.path,
          line: adr.title?.line ?? 1,
          column: 1,
        });
        continue;
      }
      const effective = effectiveStatus(adr, options.statuses);
      if (!effective) continue; // no readable status: adr-header reports it
      // The fragment is the source the index is rendered from: report there, with the index row as
      // related; report on the index itself only for ADRs without a fragment.
      const rows = fragments.length ? fragments : readme;
      for (const row of rows) {
        const text = row.status?.text ?? "";
        const found = leadingStatus(text, options.statuses);
        if (found !== null && canonical(found) === canonical(effective.status)) continue;
        const source =
          effective.source === "header"
            ? `its Status field (${adr.path}:${effective.line})`
            : `its status update of ${effective.date} (${adr.path}:${effective.line})`;
        const related = [
          { file: adr.path, line: effective.line, column: effective.column, message: `effective status: ${effective.text}` },
          ...(fragments.length ? readme.map((r) => ({ file: r.file, line: r.line, column: r.status?.column ?? r.column, message: `rendered index row: ${r.status?.text ?? "(no status)"}` })) : []),
        ];
        report({
          messageId: text.trim() === "" ? "missingStatus" : "mismatch",
          data: { found: text, number: formatAdrNumber(adr.number), expected: effective.status, source },
          file: row.file,
          line: row.line,
          column: row.status?.column ?? row.column,
          related,
          details: describeStatusHistory(adr),
        });
      }
    }
  },
});

/** A row names an ADR by its link target's file name, or by number when the number is unique. */
/**
 * The rows that name an ADR: a row whose link targets the ADR's file, or, for a row without a
 * link, the row whose number is the ADR's when no other ADR shares that number. Indexed once, so
 * the rule is linear in rows plus ADRs.
 */
function indexRowsByAdr<Row extends AdrIndexRow>(rows: readonly Row[]): (adr: AdrDocument, numberIsUnique: boolean) => Row[] {
  const byTargetFile = new Map<string, Row[]>();
  const byNumberWithoutLink = new Map<number, Row[]>();
  const push = <K>(map: Map<K, Row[]>, key: K, row: Row): void => {
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  };
  for (const row of rows) {
    const bare = row.target?.replace(/[#?].*$/, "") ?? null;
    if (bare !== null) push(byTargetFile, bare.slice(bare.lastIndexOf("/") + 1), row);
    else if (row.number !== null) push(byNumberWithoutLink, row.number, row);
  }
  return (adr, numberIsUnique) => [
    ...(byTargetFile.get(adr.fileName) ?? []),
    ...(numberIsUnique && adr.number !== null ? (byNumberWithoutLink.get(adr.number) ?? []) : []),
  ];
}

interface FragmentInputs {
  indexPath: string;
  prefix: string;
  paths: string[];
  /** Content id over every file the rows are read from. */
  key: string;
}

function fragmentInputs(model: RepositoryModel, fragmentsDir: string): FragmentInputs {
  const indexPath = model.config.paths.adrIndex;
  const indexDir = indexPath.includes("/") ? indexPath.slice(0, indexPath.lastIndexOf("/")) : "";
  const prefix = `${indexDir ? `${indexDir}/` : ""}${fragmentsDir.replace(/\/+$/, "")}/`;
  const paths = model.snapshot.paths().filter((p) => p.startsWith(prefix) && p.endsWith(".md") && !p.slice(prefix.length).includes("/"));
  const ids = [indexPath, `${prefix}_header.md`, ...paths].map((path) => `${path}\u0000${model.snapshot.hash(path) ?? "-"}`);
  return { indexPath, prefix, paths, key: contentId(ids.join("\n")) };
}

function readFragmentRows(model: RepositoryModel, { indexPath, prefix, paths }: FragmentInputs): LocatedRow[] {
  if (paths.length === 0) return [];
  const layout =
    findLayout(model.snapshot.read(`${prefix}_header.md`)) ?? findLayout(model.snapshot.read(indexPath)) ?? null;
  if (!layout) return [];
  const rows: LocatedRow[] = [];
  for (const path of paths) {
    const name = path.slice(prefix.length);
    if (name.startsWith("_") || name.toLowerCase() === "readme.md") continue;
    const text = model.snapshot.read(path);
    if (text === undefined) continue;
    for (const row of readIndexRows(path, splitLines(text), layout)) rows.push({ ...row, file: path });
  }
  return rows;
}

/** The layout of the last table header (followed by a delimiter row) that has a Status column. */
function findLayout(text: string | undefined): IndexTableLayout | null {
  if (text === undefined) return null;
  const lines = splitLines(text);
  let layout: IndexTableLayout | null = null;
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!isDelimiterRow(lines[i + 1]!)) continue;
    layout = layoutOfHeader(lines[i]!) ?? layout;
  }
  return layout;
}

function describeStatusHistory(adr: AdrDocument): string {
  const lines = [`Header Status (line ${adr.status?.line ?? "-"}): ${adr.status?.value ?? "(none)"}`];
  for (const update of adr.statusUpdates) lines.push(`Status update ${update.date} (line ${update.line}): ${update.text || "(no status stated)"}`);
  return lines.join("\n");
}
