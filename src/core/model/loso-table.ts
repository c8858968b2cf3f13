// Per-fold LOSO tables in digests. A table is one when its first column names folds (`fold`,
// `Source held-out`, `Held-out source`, `Source`), one column states a PLCC, and at least two
// body rows are folds with a PLCC value. Hyper-parameter tables, feature lists, per-model and
// per-seed comparison tables have no fold column and are left alone.
import type { Table, TableCell } from "mdast";
import type { LosoFold, LosoMetric, LosoSummary, LosoSummaryKind, LosoTable } from "./digest.js";
import type { PrintedNumber } from "./located.js";
import { parseValueWithSpread } from "./numbers.js";
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
  const metricColumns = new Map<LosoMetric, number>();
  headers.forEach((text, index) => {
    const metric = index === 0 ? null : metricOfHeader(text);
    if (metric && !metricColumns.has(metric)) metricColumns.set(metric, index);
  });
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
  const start = table.position?.start;
  return { line: start?.line ?? 1, column: start?.column ?? 1, folds, summaries };
}

function readCellValue(cell: TableCell, source: string): ReturnType<typeof parseValueWithSpread> {
  const position = cell.position;
  if (!position || position.start.offset === undefined || position.end.offset === undefined) return null;
  // The raw cell keeps bold markers and the printed digits exactly; mdast text would not.
  const raw = source.slice(position.start.offset, position.end.offset);
  if (raw.includes("\n")) return null;
  return parseValueWithSpread(raw, position.start.line, position.start.column);
}

function cleanFoldName(label: string): string {
  return label.replace(/[*_`]{2,}/g, "").trim();
}
