// Claimed against reproduced LOSO figures, per fold and in the mean, within the configured PLCC
// tolerance (`rerun.tolerance`). The app completes the re-run check with this; the Action prints
// the same table in its job summary (render/rerun.ts).
import { formatPlcc } from "../evidence/render.js";
import { normaliseFoldName } from "../evidence/paired-lift.js";
import type { RerunTargetResult } from "./results.js";

export type RerunOutcome = "reproduced" | "differs" | "no-figures" | "failed";

export interface FoldComparison {
  name: string;
  claimed: number;
  reproduced: number | null;
}

export interface TargetComparison {
  target: string;
  outcome: RerunOutcome;
  mean: { claimed: number | null; reproduced: number | null };
  folds: FoldComparison[];
  /** Largest |reproduced − claimed| over the mean and the folds compared. */
  largestDifference: number | null;
  /** Claimed folds the re-run gave no figure for. */
  missingFolds: string[];
  /** Whether largestDifference exceeds the tolerance. */
  outsideTolerance: boolean;
  /** One sentence for the table: why the outcome is what it is. */
  note: string;
}

const FLOAT_SLACK = 1e-9;

export function compareTarget(result: RerunTargetResult, tolerance: number): TargetComparison {
  const claimed = result.claimed;
  const reproduced = result.reproduced;
  const base = { target: result.target, mean: { claimed: claimed.meanPlcc, reproduced: reproduced?.meanPlcc ?? null }, folds: [] as FoldComparison[], largestDifference: null, missingFolds: [] as string[], outsideTolerance: false };
  if (result.error) return { ...base, outcome: "failed", note: result.error };
  if (result.timedOut) return { ...base, outcome: "failed", note: `the reproducer was stopped at the timeout after ${Math.round(result.durationSeconds)} s` };
  if (result.exitCode !== 0) return { ...base, outcome: "failed", note: `the reproducer exited with status ${result.exitCode}` };
  if (!reproduced) return { ...base, outcome: "no-figures", note: "the reproducer printed no `LOSO PLCC = …` line or per-fold table and rewrote no sidecar" };

  const byName = new Map(Object.entries(reproduced.folds).map(([name, value]) => [normaliseFoldName(name), value]));
  const folds = Object.entries(claimed.folds).map(([name, value]) => ({ name, claimed: value, reproduced: byName.get(normaliseFoldName(name)) ?? null }));
  const differences: number[] = [];
  if (claimed.meanPlcc !== null && reproduced.meanPlcc !== null) differences.push(Math.abs(reproduced.meanPlcc - claimed.meanPlcc));
  for (const fold of folds) if (fold.reproduced !== null) differences.push(Math.abs(fold.reproduced - fold.claimed));
  const missing = folds.filter((fold) => fold.reproduced === null).map((fold) => fold.name);
  const comparison = { ...base, folds, largestDifference: differences.length ? Math.max(...differences) : null, missingFolds: missing };
  if (differences.length === 0) return { ...comparison, outcome: "no-figures", note: "the reproduced figures name none of the claimed folds and state no mean" };
  // Figures are decimals printed to 3–4 places: 0.9731 − 0.9681 is 0.0050000000000000044 in binary,
  // and a difference of exactly the tolerance is within it.
  const outside = comparison.largestDifference! > tolerance + FLOAT_SLACK;
  const missingNote = missing.length ? `; not reproduced: ${missing.join(", ")}` : "";
  return {
    ...comparison,
    outsideTolerance: outside,
    outcome: outside || missing.length ? "differs" : "reproduced",
    note: outside
      ? `differs by up to ${formatPlcc(comparison.largestDifference!)} PLCC, more than the tolerance ${tolerance}${missingNote}`
      : `within ${tolerance} PLCC${missingNote}`,
  };
}

/** Whether every target was reproduced within the tolerance. */
export function allReproduced(comparisons: readonly TargetComparison[]): boolean {
  return comparisons.length > 0 && comparisons.every((c) => c.outcome === "reproduced");
}
