// Per-fold LOSO tables in digests. A table is one when its first column names folds (`fold`,
// `Source held-out`, `Held-out source`, `Source`), one column states a PLCC, and at least two
// body rows are folds with a PLCC value. Hyper-parameter tables, feature lists, per-model and
// per-seed comparison tables have no fold column and are left alone.
import type { Table, TableCell } from "mdast";
import type { LosoFold, LosoMetric, LosoSummary, LosoSummaryKind, LosoTable } from "./digest.js";
import type { PrintedNumber } from "./located.js";
import { isPercentCorrelation, parseValueWithSpread, percentToFraction } from "./numbers.js";
import { plainText } from "./plain-text.js";

/** Header words that name the fold column. `split` and `clip` tables are single-split evaluations. */
const FOLD_HEADER = /\b(?:folds?|sources?|held[- ]?out)\b/i;
/** Columns that state something derived from a metric rather than the metric itself. */
const DERIVED_HEADER = /\b(?:std|stdev|sd|spread|range|drop|gain|lift|vs|delta)\b|[Δσ±]/i;
const METRIC_HEADERS: Array<[LosoMetric, RegExp]> = [
  ["plcc", /\bplcc\b|\bpearson\b/i],
  ["srocc", /\bsrocc\b|\bsrcc\b|\bspearman\b/i],
  ["krocc", /\bkrocc\b|\bkrcc\b|\bkendall\b/i],
  ["rmse", /\brmse\b/i],
];

export type LosoTableWithoutModels = Omit<LosoTable, "modelIds">;

// ---------------------------------------------------------------------------------------------
// Result tables versus planned or quoted ones

/**
 * Words that make a table a plan rather than a measurement: `Per-fold expected PLCC`, `Target
 * PLCC`, `## Projected results`, `hypothetical`. `target` counts only next to a metric or value
 * word (`target model` is a subject, not a plan).
 */
const PLANNED_TEXT =
  /\b(?:expected|planned|plan|projected|projections?|hypothetical|anticipated|forecast)\b|\btarget(?:s|ed)?\s+(?:plcc|srocc|krocc|rmse|values?|numbers?|results?|metrics?|scores?)\b|\b(?:plcc|srocc|values?|numbers?|results?)\s+targets?\b|^\s*(?:\d+(?:\.\d+)*[.)]?\s+)?targets?\s*$/i;
/** Words that say the numbers were measured here, which wins over a plan word (`Measured vs expected`). */
const MEASURED_TEXT = /\b(?:measured|observed|actual|achieved|obtained)\b/i;
/** Numbers copied from another digest: `(from Research-0067 ...)`, `copied from Research-0023`. */
const QUOTED_TEXT =
  /(?:^|[(\[]\s*|\b(?:copied|quoted|taken|inherited|reproduced|carried(?:\s+over)?|reported|numbers|values|baselines?)\s+)from\s+\[?(?:research(?:\s+digest)?|digest)[\s-]*\d{3,5}|\b(?:as\s+)?(?:reported|published)\s+in\s+\[?(?:research(?:\s+digest)?|digest)[\s-]*\d{3,5}/i;

export type LosoTableRole = "result" | "expected" | "quoted";

export interface TableRoleContext {
  /** The nearest heading above the table and the headings that enclose it, nearest first. */
  headings: string[];
  /** The sentence that introduces the table (the last sentence of the paragraph right above it). */
  caption: string;
  /** The header of the column the PLCC values were read from. */
  plccHeader?: string;
}

/**
 * Whether a per-fold table states results measured by the digest, or numbers it plans, expects or
 * quotes from another digest. Looks at the PLCC column header, the introducing sentence, then the
 * headings; the first that says something decides (`measured` says the numbers are results).
 */
export function classifyTableRole(context: TableRoleContext): { role: LosoTableRole; reason?: string } {
  const planned = (text: string) => PLANNED_TEXT.test(text) && !MEASURED_TEXT.test(text);
  if (context.plccHeader) {
    if (MEASURED_TEXT.test(context.plccHeader)) return { role: "result" };
    if (planned(context.plccHeader)) return { role: "expected", reason: `the PLCC column is headed \`${context.plccHeader}\`` };
  }
  const caption = context.caption.trim();
  if (caption) {
    if (MEASURED_TEXT.test(caption)) return { role: "result" };
    if (planned(caption)) return { role: "expected", reason: `the sentence introducing it says \`${clip(caption)}\`` };
    if (QUOTED_TEXT.test(caption)) return { role: "quoted", reason: `the sentence introducing it says \`${clip(caption)}\`` };
  }
  for (const heading of context.headings) {
    if (MEASURED_TEXT.test(heading)) return { role: "result" };
    if (planned(heading)) return { role: "expected", reason: `its heading is \`${clip(heading)}\`` };
    if (QUOTED_TEXT.test(heading)) return { role: "quoted", reason: `its heading is \`${clip(heading)}\`` };
  }
  return { role: "result" };
}

/** The last sentence of a paragraph: the one that leads into what follows it. */
export function introducingSentence(paragraph: string): string {
  const text = paragraph.replace(/\s+/g, " ").trim();
  const sentences = text.split(/(?<=[.!?])\s+(?=[A-Z*_`(\[])/);
  return sentences[sentences.length - 1] ?? "";
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 100 ? `${flat.slice(0, 97)}...` : flat;
}

/** Which metric a header cell names, or null. */
export function metricOfHeader(header: string): LosoMetric | null {
  if (DERIVED_HEADER.test(header)) return null;
  for (const [metric, pattern] of METRIC_HEADERS) if (pattern.test(header)) return metric;
  return null;
}

export type RowRole = { role: "fold" } | { role: "summary"; kind: LosoSummaryKind; stdKind?: "sample" | "population"; withSpread: boolean } | { role: "other" };

/** Classifies a body row by its first cell: a fold, a summary row, or another aggregate row. */
export function classifyRowLabel(label: string): RowRole {
  const text = label.replace(/[*_`]/g, "").trim().toLowerCase();
  if (text === "" || /^[—–-]+$/.test(text)) return { role: "other" };
  const mean = /^(?:loso\s+|fold\s+|cross-fold\s+)?(?:mean|average|avg)\b/.exec(text);
  if (mean) return { role: "summary", kind: "mean", withSpread: /±|\+\/-|\bstd\b|\bsd\b/.test(text) };
  if (/^(?:loso\s+)?(?:std|stdev|std\.?\s*dev\.?|standard deviation|sd|σ)(?:\b|\s|\(|$)/.test(text)) {
    const stdKind = /n\s*[-−–]\s*1|sample|ddof\s*=\s*1|bessel/.test(text)
      ? "sample"
      : /\(n\)|population|ddof\s*=\s*0/.test(text)
        ? "population"
        : undefined;
    return stdKind ? { role: "summary", kind: "std", stdKind, withSpread: false } : { role: "summary", kind: "std", withSpread: false };
  }
  if (/^(?:loso\s+)?min(?:imum)?\b/.test(text)) return { role: "summary", kind: "min", withSpread: false };
  if (/^(?:loso\s+)?max(?:imum)?\b/.test(text)) return { role: "summary", kind: "max", withSpread: false };
  if (/^(?:median|total|all\b|overall|pooled|aggregate|concat|weighted|sum)|\bmean\b|\bconcat\b/.test(text)) return { role: "other" };
  return { role: "fold" };
}

/** Reads `table` as a LOSO table, or returns null when it is not one. `source` is the file text. */
export function readLosoTable(table: Table, source: string): LosoTableWithoutModels | null {
  const [header, ...body] = table.children;
  if (!header || body.length < 2) return null;
  const headers = header.children.map((cell) => plainText(cell).trim());
  if (headers.length < 2 || !FOLD_HEADER.test(headers[0]!) || metricOfHeader(headers[0]!) !== null) return null;
  // A measured column wins over an `Expected PLCC` / `Target PLCC` column beside it.
  // When only planned columns state a PLCC, the whole table is read as planned.
  let metricColumns = metricColumnsOf(headers, false);
  if (!metricColumns.has("plcc")) metricColumns = metricColumnsOf(headers, true);
  if (!metricColumns.has("plcc")) return null;

  const folds: LosoFold[] = [];
  const summaries: LosoSummary[] = [];
  for (const row of body) {
    const labelCell = row.children[0];
    if (!labelCell?.position) continue;
    const role = classifyRowLabel(plainText(labelCell));
    if (role.role === "other") continue;
    const line = labelCell.position.start.line;
    const values: Partial<Record<LosoMetric, PrintedNumber>> = {};
    const spreads: Partial<Record<LosoMetric, PrintedNumber>> = {};
    for (const [metric, index] of metricColumns) {
      const cell = row.children[index];
      const parsed = cell ? readCellValue(cell, source) : null;
      if (!parsed) continue;
      values[metric] = parsed.value;
      if (parsed.spread) spreads[metric] = parsed.spread;
    }
    if (role.role === "fold") {
      if (values.plcc) folds.push({ name: cleanFoldName(plainText(labelCell)), line, values });
      continue;
    }
    if (Object.keys(values).length === 0) continue;
    const summary: LosoSummary = { kind: role.kind, line, values };
    if (role.stdKind) summary.stdKind = role.stdKind;
    summaries.push(summary);
    if (role.kind === "mean" && Object.keys(spreads).length > 0) summaries.push({ kind: "std", line, values: spreads });
  }
  if (folds.length < 2) return null;
  for (const metric of CORRELATIONS) {
    const index = metricColumns.get(metric);
    if (index === undefined || !inPercent(headers[index]!, folds.map((fold) => fold.values[metric]?.value))) continue;
    for (const row of [...folds, ...summaries]) {
      const value = row.values[metric];
      if (value) row.values[metric] = percentToFraction(value);
    }
  }
  const start = table.position?.start;
  const plccHeader = headers[metricColumns.get("plcc")!]!;
  const { role, reason } = classifyTableRole({ headings: [], caption: "", plccHeader });
  const read: LosoTableWithoutModels = { line: start?.line ?? 1, column: start?.column ?? 1, folds, summaries, role, plccHeader };
  if (reason) read.roleReason = reason;
  return read;
}

function metricColumnsOf(headers: string[], allowPlanned: boolean): Map<LosoMetric, number> {
  const columns = new Map<LosoMetric, number>();
  headers.forEach((text, index) => {
    const metric = index === 0 ? null : metricOfHeader(text);
    if (!allowPlanned && PLANNED_TEXT.test(text) && !MEASURED_TEXT.test(text)) return;
    if (metric && !columns.has(metric)) columns.set(metric, index);
  });
  return columns;
}

function readCellValue(cell: TableCell, source: string): ReturnType<typeof parseValueWithSpread> {
  const position = cell.position;
  if (!position || position.start.offset === undefined || position.end.offset === undefined) return null;
  // The raw cell keeps bold markers and the printed digits exactly; mdast text would not.
  const raw = source.slice(position.start.offset, position.end.offset);
  if (raw.includes("\n")) return null;
  return parseValueWithSpread(raw, position.start.line, position.start.column);
}

/** The metrics that are correlations, and so may be printed in percent. */
const CORRELATIONS: readonly LosoMetric[] = ["plcc", "srocc", "krocc"];

/** `PLCC (%)`, or fold values all in (1, 100]: the column states percentages. */
function inPercent(header: string, values: ReadonlyArray<number | undefined>): boolean {
  if (header.includes("%")) return true;
  const known = values.filter((value): value is number => value !== undefined);
  return known.length > 0 && known.every(isPercentCorrelation);
}

function cleanFoldName(label: string): string {
  return label.replace(/[*_`]{2,}/g, "").trim();
}
