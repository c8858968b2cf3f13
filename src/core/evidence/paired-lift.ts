// Paired per-fold lift of one model over its baseline, with a Student t confidence interval.
// Folds are the unit of replication: both models were scored on the same held-out sources, so
// the per-fold differences cancel the source difficulty that dominates raw PLCC variance.
import { studentTQuantile } from "./student-t.js";
import type { FoldValue } from "./types.js";

export interface PairedLift {
  /** Fold names present for both models, in the model's order. */
  folds: Array<{ name: string; model: number; baseline: number; lift: number }>;
  n: number;
  meanLift: number;
  /** Sample standard deviation (n-1) of the per-fold lifts. */
  sd: number;
  confidence: number;
  /** Two-sided interval; null when n < 2 (no spread to estimate). */
  interval: [number, number] | null;
  /** The interval excludes zero. */
  distinguishableFromZero: boolean;
}

/** `FoxBird_25fps`, `**FoxBird**`, `foxbird` all name the same held-out source. */
export function normaliseFoldName(name: string): string {
  return name
    .replace(/[*_`]+$/g, "")
    .replace(/^[*_`]+/g, "")
    .replace(/_\d+(?:\.\d+)?fps$/i, "")
    .trim()
    .toLowerCase();
}

export function pairedLift(model: readonly FoldValue[], baseline: readonly FoldValue[], confidence = 0.95): PairedLift | null {
  const baselineByName = new Map(baseline.map((fold) => [normaliseFoldName(fold.name), fold.plcc]));
  const folds: PairedLift["folds"] = [];
  const seen = new Set<string>();
  for (const fold of model) {
    const key = normaliseFoldName(fold.name);
    const other = baselineByName.get(key);
    if (other === undefined || seen.has(key)) continue;
    seen.add(key);
    folds.push({ name: fold.name, model: fold.plcc, baseline: other, lift: fold.plcc - other });
  }
  const n = folds.length;
  if (n === 0) return null;
  const meanLift = folds.reduce((sum, fold) => sum + fold.lift, 0) / n;
  const sd = n < 2 ? 0 : Math.sqrt(folds.reduce((sum, fold) => sum + (fold.lift - meanLift) ** 2, 0) / (n - 1));
  let interval: [number, number] | null = null;
  if (n >= 2) {
    const halfWidth = studentTQuantile(1 - (1 - confidence) / 2, n - 1) * (sd / Math.sqrt(n));
    interval = [meanLift - halfWidth, meanLift + halfWidth];
  }
  const distinguishableFromZero = interval !== null && (interval[0] > 0 || interval[1] < 0);
  return { folds, n, meanLift, sd, confidence, interval, distinguishableFromZero };
}
