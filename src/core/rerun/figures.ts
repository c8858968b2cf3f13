// The figures a reproducer produced, read the ways SPEC section 5 allows: a per-fold table printed
// in the digest's own table format, a `LOSO PLCC = <mean> ± <std>` line, or the model's sidecar
// rewritten with `training.loso_folds` / `loso_mean_plcc`.
import { extractDigest } from "../model/digest.js";
import { readMarkdownFile } from "../model/markdown-file.js";
import { LOSO_MEAN_FIELDS, losoFoldsIn, mean, tableFolds, tableMean } from "../evidence/loso.js";
import { numberAt } from "../evidence/json-fields.js";
import type { LosoFigures } from "./results.js";

/**
 * `LOSO PLCC = 0.9681 ± 0.012` (also `+/-`, `:`); the last such line wins, as the final figure.
 * Stricter than the digests' prose reader (proseLosoFigures) on purpose: a reproducer that also
 * prints a baseline's LOSO figure must not have it read as its own.
 */
const LOSO_LINE = /\bLOSO\s+(?:mean\s+)?PLCC\s*[=:]\s*(-?\d+(?:\.\d+)?)(?:\s*(?:±|\+\/-|\+-)\s*\d+(?:\.\d+)?)?/gi;

/** Figures printed by a reproducer, or null when it printed none in a form we read. */
export function figuresFromOutput(output: string): LosoFigures | null {
  const lines = [...output.matchAll(LOSO_LINE)];
  const stated = lines.length ? Number(lines[lines.length - 1]![1]) : null;
  // The output is read as Markdown: a table with a fold column and a PLCC column is the digest's
  // own per-fold format. The last one printed is the final result.
  const digest = extractDigest(readMarkdownFile("reproducer-output.md", output));
  const tables = [...digest.losoTables, ...digest.otherLosoTables].filter((table) => table.folds.some((fold) => fold.values.plcc));
  const table = tables.sort((a, b) => a.line - b.line).at(-1);
  if (!table && stated === null) return null;
  const folds: Record<string, number> = {};
  if (table) for (const fold of tableFolds(table, "output")) folds[fold.name] = fold.plcc;
  return { meanPlcc: stated ?? (table ? (tableMean(table, "output")?.value ?? null) : null), folds };
}

/** Figures a sidecar states, read where the gates read them (`loso_folds`, `loso_mean_plcc`), or null. */
export function figuresFromSidecar(data: unknown): LosoFigures | null {
  const found = losoFoldsIn(data)?.folds ?? [];
  const stated = LOSO_MEAN_FIELDS.map((path) => numberAt(data, path)).find((value) => value !== undefined);
  if (stated === undefined && found.length === 0) return null;
  return { meanPlcc: stated ?? mean(found.map((fold) => fold.plcc)), folds: Object.fromEntries(found.map((fold) => [fold.name, fold.plcc])) };
}
