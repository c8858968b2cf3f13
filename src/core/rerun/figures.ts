// The figures a reproducer produced, read the ways SPEC section 5 allows: a per-fold table printed
// in the digest's own table format, a `LOSO PLCC = <mean> ± <std>` line, or the model's sidecar
// rewritten with `training.loso_folds` / `loso_mean_plcc`; and the lines the governed repository's
// own LOSO scripts print, which follow none of those.
import { collectHeadings, enclosingHeadings, extractDigest } from "../model/digest.js";
import { readMarkdownFile } from "../model/markdown-file.js";
import { LOSO_MEAN_FIELDS, losoFoldsIn, mean, tableFolds, tableMean } from "../evidence/loso.js";
import { numberAt } from "../evidence/json-fields.js";
import { normaliseFoldName } from "../evidence/paired-lift.js";
import { splitLines } from "../types.js";
import type { LosoFigures } from "./results.js";

/**
 * `LOSO PLCC = 0.9681 ± 0.012` (also `+/-`, `:`); the last such line wins, as the final figure.
 * Stricter than the digests' prose reader (proseLosoFigures) on purpose: a reproducer that also
 * prints a baseline's LOSO figure must not have it read as its own.
 */
const LOSO_LINE = /\bLOSO\s+(?:mean\s+)?PLCC\s*[=:]\s*(-?\d+(?:\.\d+)?)(?:\s*(?:±|\+\/-|\+-)\s*\d+(?:\.\d+)?)?/gi;

/**
 * The governed repository's LOSO scripts tag their lines (`[loso-v3]  mean PLCC=0.9978 ± 0.0021`):
 * a line that names LOSO and states a mean PLCC, baselines left out.
 */
const TAGGED_MEAN = /\bLOSO\b.*?\bmean[ _]PLCC\s*[=:]\s*(-?\d+(?:\.\d+)?)/i;

/** A PLCC figure on a per-fold line: `PLCC=0.9912`, `PLCC: 0.9912`. */
const FOLD_PLCC = /\bPLCC\s*[=:]\s*(-?\d+(?:\.\d+)?)/i;

/** What the claim says about itself, so the reproducer's output can be matched to it. */
export interface ClaimShape {
  /** Fold names the claim states; per-fold lines are read only for these. */
  folds: readonly string[];
  /** Model or architecture names the claimed table is about (`mlp_small`, a model id). */
  names: readonly string[];
}

/**
 * Figures a reproducer printed, or null when it printed none in a form we read. The forms, the
 * last of each kind winning as the final result:
 * - a per-fold table in the digest's own format (SPEC section 5), which also gives the mean;
 * - a `LOSO PLCC = <mean> ± <std>` line (SPEC section 5);
 * - the forms the governed repository's own LOSO scripts print: a LOSO-tagged `mean PLCC=` line,
 *   and, for each claimed fold, a line naming that fold with its `PLCC=` figure
 *   (`[loso-v3]   BigBuckBunny_25fps n= 120 PLCC=0.9912 SROCC=…`).
 * Tables under a heading about baselines are left out: they are the reference models' figures,
 * printed beside the model's own. When the output has tables for several models (one section per
 * architecture), the last one under a heading that names the claim's model is read. The output's
 * title (its `#` heading) names neither.
 */
export function figuresFromOutput(output: string, claim: ClaimShape = { folds: [], names: [] }): LosoFigures | null {
  const lines = [...output.matchAll(LOSO_LINE)];
  const textLines = splitLines(output);
  const stated = lines.length ? Number(lines[lines.length - 1]![1]) : taggedMean(textLines);
  // The output is read as Markdown: a table with a fold column and a PLCC column is the digest's
  // own per-fold format.
  const file = readMarkdownFile("reproducer-output.md", output);
  const digest = extractDigest(file);
  const headings = collectHeadings(file.root);
  const candidates = [...digest.losoTables, ...digest.otherLosoTables]
    .filter((table) => table.folds.some((fold) => fold.values.plcc))
    .map((table) => ({ table, under: enclosingHeadings(headings, table.line).map((heading) => heading.text) }))
    .filter(({ under }) => !under.some((heading) => /baseline/i.test(heading)))
    .sort((a, b) => a.table.line - b.table.line);
  const named = candidates.filter(({ table, under }) => claim.names.some((name) => [...under, ...table.modelIds, ...(table.mentions ?? [])].some((text) => namesWord(text, name))));
  const table = (named.length ? named : candidates).at(-1)?.table;
  const folds: Record<string, number> = {};
  if (table) for (const fold of tableFolds(table, "output")) folds[fold.name] = fold.plcc;
  else Object.assign(folds, foldLines(textLines, claim.folds));
  if (stated === null && Object.keys(folds).length === 0) return null;
  return { meanPlcc: stated ?? (table ? (tableMean(table, "output")?.value ?? null) : null), folds };
}

/** Whether `text` has `name` as a whole word (`mlp_small` in `mlp_small per-fold`, not in `mlp_small_v1`). */
function namesWord(text: string, name: string): boolean {
  const at = text.toLowerCase().indexOf(name.toLowerCase());
  if (at < 0 || name === "") return false;
  const before = text[at - 1];
  const after = text[at + name.length];
  return !(before && /[A-Za-z0-9_]/.test(before)) && !(after && /[A-Za-z0-9_]/.test(after));
}

function taggedMean(lines: readonly string[]): number | null {
  for (let index = lines.length - 1; index >= 0; index--) {
    const line = lines[index]!;
    if (/baseline/i.test(line)) continue;
    const match = TAGGED_MEAN.exec(line);
    if (match) return Number(match[1]);
  }
  return null;
}

/** For each claimed fold, the PLCC on the last line that names it (as a word) before a `PLCC=` figure. */
function foldLines(lines: readonly string[], claimedFolds: readonly string[]): Record<string, number> {
  const wanted = new Map(claimedFolds.map((name) => [normaliseFoldName(name), name]));
  const found: Record<string, number> = {};
  if (wanted.size === 0) return found;
  for (const line of lines) {
    const figure = FOLD_PLCC.exec(line);
    if (!figure || /baseline/i.test(line)) continue;
    // Words before the figure: the fold is named first on these lines.
    const words = line.slice(0, figure.index).split(/[^A-Za-z0-9_.-]+/).map(normaliseFoldName);
    const named = words.map((word) => wanted.get(word)).filter((name): name is string => name !== undefined);
    if (named.length === 1) found[named[0]!] = Number(figure[1]);
  }
  return found;
}

/** Figures a sidecar states, read where the gates read them (`loso_folds`, `loso_mean_plcc`), or null. */
export function figuresFromSidecar(data: unknown): LosoFigures | null {
  const found = losoFoldsIn(data)?.folds ?? [];
  const stated = LOSO_MEAN_FIELDS.map((path) => numberAt(data, path)).find((value) => value !== undefined);
  if (stated === undefined && found.length === 0) return null;
  return { meanPlcc: stated ?? mean(found.map((fold) => fold.plcc)), folds: Object.fromEntries(found.map((fold) => [fold.name, fold.plcc])) };
}
