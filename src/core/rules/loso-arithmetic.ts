// loso-arithmetic: a stated LOSO mean, std, min or max must follow from the per-fold values it
// summarises. A digest summary row and a sidecar's `training.loso_*` fields are both checked.
//
// "Match" means: at the stated value's printed precision. The tolerance is half a unit of the
// stated value's last digit, plus the error the per-fold values' own rounding can carry into the
// statistic (half a unit of the folds' last digit; times sqrt(n/(n-1)) for the sample std), plus
// a floating-point floor. Documents state the sample std or the population std, so either is
// accepted unless the row names one (`Std (n-1)` is the sample std). A std that matches neither is
// reported with the definition the row's other std figures follow, when they decide one.
import * as z from "zod";
import type { DigestDocument, LosoMetric, LosoSummary, LosoSummaryKind, LosoTable } from "../model/digest.js";
import { locateJson, positionOf, toPointer } from "../model/json-locate.js";
import { halfUnit, printedFromJson } from "../model/numbers.js";
import { max, mean, min, populationStd, sampleStd } from "../stats.js";
import { defineRule, type RuleReport } from "./rule.js";

const METRICS: readonly LosoMetric[] = ["plcc", "srocc", "krocc", "rmse"];
/** Summing a few dozen doubles in another order moves the result by far less than this. */
const FLOAT_FLOOR = 1e-12;

type StdDefinition = "sample" | "population";

export interface Fold {
  name: string;
  value: number;
  decimals: number;
}

export interface ArithmeticCheck {
  ok: boolean;
  /** The computed value closest to the stated one (the best std definition for std). */
  computed: number;
  /** Which std definitions were tried, with their values. */
  tried: Array<{ definition: StdDefinition; value: number }>;
  tolerance: number;
}

/** Compares a stated statistic with the one computed from `folds` at the stated precision. */
export function checkStatistic(kind: LosoSummaryKind, stated: { value: number; decimals: number }, folds: readonly Fold[], stdKind?: StdDefinition): ArithmeticCheck | null {
  const values = folds.map((fold) => fold.value);
  if (values.length < (kind === "std" ? 2 : 1)) return null;
  const foldHalfUnit = Math.max(...folds.map((fold) => halfUnit(fold.decimals)));
  const statedHalfUnit = halfUnit(stated.decimals);
  if (kind !== "std") {
    const computed = kind === "mean" ? mean(values) : kind === "min" ? min(values) : max(values);
    const tolerance = statedHalfUnit + foldHalfUnit + FLOAT_FLOOR;
    return { ok: Math.abs(computed - stated.value) <= tolerance, computed, tried: [], tolerance };
  }
  const definitions: StdDefinition[] = stdKind ? [stdKind] : ["sample", "population"];
  const tried = definitions.map((definition) => ({ definition, value: definition === "sample" ? sampleStd(values) : populationStd(values) }));
  const n = values.length;
  const best = tried.reduce((a, b) => (Math.abs(b.value - stated.value) < Math.abs(a.value - stated.value) ? b : a));
  const propagation = best.definition === "sample" ? Math.sqrt(n / (n - 1)) : 1;
  const tolerance = statedHalfUnit + foldHalfUnit * propagation + FLOAT_FLOOR;
  return { ok: Math.abs(best.value - stated.value) <= tolerance, computed: best.value, tried, tolerance };
}

/** `value` printed with `decimals` digits, plus two more so a near miss is visible. */
export function formatComputed(value: number, decimals: number): string {
  return value.toFixed(Math.min(20, decimals + 2));
}

const METRIC_LABEL: Record<LosoMetric, string> = { plcc: "PLCC", srocc: "SROCC", krocc: "KROCC", rmse: "RMSE" };

export const losoArithmetic = defineRule({
  id: "loso-arithmetic",
  defaultSeverity: "error",
  description: "A stated LOSO mean, std, min or max matches the per-fold values at the printed precision.",
  messages: {
    mismatch: "Unexpected {kind} {metric} `{stated}`, expected `{expected}` from the {count} per-fold values ({source})",
  },
  options: z.object({}).strict(),
  check({ model, checkFile }) {
    for (const digest of model.digests) {
      checkFile(digest.path, (report) => {
        for (const table of digest.losoTables) checkDigestTable(digest, table, report);
      });
    }
    for (const sidecar of model.sidecars) {
      // Per file, so a run reads the raw text (for positions) of changed sidecars only.
      checkFile(sidecar.path, (report) => {
        const text = model.snapshot.read(sidecar.path);
        if (sidecar.data !== null && text !== undefined) checkSidecar(sidecar.path, sidecar.data, text, report);
      });
    }
  },
});

type Report = (report: RuleReport) => void;

function checkDigestTable(digest: DigestDocument, table: LosoTable, report: Report): void {
  const foldsFor = (metric: LosoMetric) =>
    table.folds.flatMap((fold) => {
      const value = fold.values[metric];
      return value ? [{ name: fold.name, value: value.value, decimals: value.decimals, line: fold.line }] : [];
    });
  for (const summary of table.summaries) {
    const convention = summary.kind === "std" && !summary.stdKind ? rowStdConvention(summary, foldsFor) : null;
    for (const metric of METRICS) {
      const stated = summary.values[metric];
      if (!stated) continue;
      const folds = foldsFor(metric);
      let result = checkStatistic(summary.kind, stated, folds, summary.stdKind);
      if (!result || result.ok) continue;
      // Wrong under both definitions: quote the one the row's other std figures follow.
      const followed = convention ? result.tried.find((attempt) => attempt.definition === convention.definition) : undefined;
      if (followed) result = { ...result, computed: followed.value };
      const where = summary.source === "prose" ? `the sentence on line ${summary.line}` : `the summary row on line ${summary.line}`;
      report({
        messageId: "mismatch",
        data: {
          kind: describeKind(summary),
          metric: METRIC_LABEL[metric],
          stated: stated.text,
          expected: formatComputed(result.computed, stated.decimals),
          count: folds.length,
          source: `table at line ${table.line}`,
        },
        file: digest.path,
        line: stated.line,
        column: stated.column,
        related: [{ file: digest.path, line: table.line, column: table.column, message: `Per-fold ${METRIC_LABEL[metric]} values (${folds.length} folds)` }],
        details:
          explain(summary.kind, metric, stated, where, folds.map((f) => ({ ...f, where: `line ${f.line}` })), result) +
          (followed && convention ? `\nQuoted: the ${convention.definition} std, which the same row's ${convention.metrics.map((m) => METRIC_LABEL[m]).join(", ")} std follows.` : ""),
      });
    }
  }
}

/**
 * The std definition a summary row follows, when its figures say: some metric's stated std
 * matches only one definition, and no metric's matches only the other. Null when undecided.
 */
function rowStdConvention(summary: LosoSummary, foldsFor: (metric: LosoMetric) => Fold[]): { definition: StdDefinition; metrics: LosoMetric[] } | null {
  const decided = new Map<StdDefinition, LosoMetric[]>();
  for (const metric of METRICS) {
    const stated = summary.values[metric];
    if (!stated) continue;
    const folds = foldsFor(metric);
    const sample = checkStatistic("std", stated, folds, "sample")?.ok;
    const population = checkStatistic("std", stated, folds, "population")?.ok;
    const only: StdDefinition | null = sample && !population ? "sample" : population && !sample ? "population" : null;
    if (only) decided.set(only, [...(decided.get(only) ?? []), metric]);
  }
  if (decided.size !== 1) return null;
  const [definition, metrics] = [...decided][0]!;
  return { definition, metrics };
}

function describeKind(summary: LosoSummary): string {
  if (summary.kind === "std" && summary.stdKind) return `${summary.stdKind} std`;
  return summary.kind;
}

function explain(
  kind: LosoSummaryKind,
  metric: LosoMetric,
  stated: { text: string; decimals: number },
  where: string,
  folds: Array<Fold & { where: string }>,
  result: ArithmeticCheck,
): string {
  const lines = [
    `Stated ${kind} ${METRIC_LABEL[metric]}: ${stated.text} (${where}; ${stated.decimals} decimals, tolerance ±${result.tolerance.toPrecision(3)}).`,
    `Per-fold values used (${folds.length}):`,
    ...folds.map((fold) => `  - ${fold.name}: ${fold.value} (${fold.where})`),
  ];
  if (kind === "std") {
    lines.push("Std definitions tried:");
    for (const attempt of result.tried) lines.push(`  - ${attempt.definition} (n${attempt.definition === "sample" ? "-1" : ""}): ${attempt.value}`);
  } else {
    lines.push(`Computed ${kind}: ${result.computed}.`);
  }
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------------
// Sidecars

const SIDECAR_FIELD = /^loso_(mean|std|min|max)_(plcc|srocc|krocc|rmse)$/;

/** Sidecar fields `loso_<kind>_<metric>` next to `training.loso_folds[]`, at the top level or in `training`. */
export function checkSidecar(path: string, data: unknown, text: string, report: Report): void {
  if (!isObject(data) || !isObject(data.training)) return;
  const training = data.training;
  const folds = foldsOf(training.loso_folds);
  if (folds.length === 0) return;
  let locations: ReturnType<typeof locateJson> | undefined;
  const locate = (pointer: string) => positionOf((locations ??= locateJson(text, { scalarsInArrays: false })), pointer);
  const containers: Array<{ object: Record<string, unknown>; path: string[] }> = [
    { object: training, path: ["training"] },
    { object: data, path: [] },
  ];
  for (const { object, path: prefix } of containers) {
    for (const [key, value] of Object.entries(object)) {
      const match = SIDECAR_FIELD.exec(key);
      if (!match || typeof value !== "number") continue;
      const kind = match[1] as LosoSummaryKind;
      const metric = match[2] as LosoMetric;
      const metricFolds = folds.flatMap((fold) => (fold.values[metric] === undefined ? [] : [{ name: fold.name, index: fold.index, ...printedFromJson(fold.values[metric]!, 0, 0) }]));
      const result = checkStatistic(kind, printedFromJson(value, 0, 0), metricFolds);
      if (!result || result.ok) continue;
      const fieldPath = [...prefix, key].join(".");
      const position = locate(toPointer([...prefix, key]));
      const foldsPosition = locate(toPointer(["training", "loso_folds"]));
      report({
        messageId: "mismatch",
        data: {
          kind,
          metric: METRIC_LABEL[metric],
          stated: String(value),
          expected: String(result.computed),
          count: metricFolds.length,
          source: "`training.loso_folds`",
        },
        file: path,
        line: position.line,
        column: position.column,
        related: [{ file: path, line: foldsPosition.line, column: foldsPosition.column, message: `\`training.loso_folds\` (${metricFolds.length} folds with \`${metric}\`)` }],
        details: explain(
          kind,
          metric,
          { text: String(value), decimals: printedFromJson(value, 0, 0).decimals },
          `\`${fieldPath}\``,
          metricFolds.map((fold) => ({ ...fold, where: `\`training.loso_folds[${fold.index}].${metric}\`` })),
          result,
        ),
      });
    }
  }
}

interface SidecarFold {
  name: string;
  index: number;
  values: Partial<Record<LosoMetric, number>>;
}

/** Reads `loso_folds` as an array of fold objects or a `{fold: {...}}` map; metrics flat or under `metrics`. */
function foldsOf(raw: unknown): SidecarFold[] {
  const entries: Array<[string, unknown, number]> = Array.isArray(raw)
    ? raw.map((fold, index) => [foldName(fold, index), fold, index])
    : isObject(raw)
      ? Object.entries(raw).map(([name, fold], index) => [name, fold, index])
      : [];
  return entries.flatMap(([name, fold, index]) => {
    if (!isObject(fold)) return [];
    const source = isObject(fold.metrics) ? { ...fold, ...fold.metrics } : fold;
    const values: Partial<Record<LosoMetric, number>> = {};
    for (const metric of METRICS) if (typeof source[metric] === "number") values[metric] = source[metric];
    return Object.keys(values).length ? [{ name, index, values }] : [];
  });
}

function foldName(fold: unknown, index: number): string {
  if (isObject(fold)) for (const key of ["held_out", "fold", "source", "name"]) if (typeof fold[key] === "string" || typeof fold[key] === "number") return String(fold[key]);
  return `fold ${index}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
