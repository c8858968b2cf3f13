// rerun-mismatch: a re-run of a reproducer (`/rerun-loso`, or the Action's `rerun` mode) did not
// give back the LOSO figures its digest or sidecar claims. It judges a re-run's results, not the
// repository, so `rgov check` never runs it; like every rule it has an id, a configurable
// severity and a docs page, and its findings point at the claimed figures.
import * as z from "zod";
import { formatPlcc } from "../evidence/render.js";
import type { TargetComparison } from "../rerun/compare.js";
import type { RuleDefinition, RuleReport } from "./rule.js";

export interface RerunRule extends RuleDefinition<Record<string, never>> {
  /** The finding for one target's comparison; null when it was reproduced. */
  judge(comparison: TargetComparison, claimedAt: ClaimLocation, tolerance: number): RuleReport | null;
}

/** Where a target's claimed figures are: the digest table or sidecar field the claim was read from. */
export interface ClaimLocation {
  file: string;
  line: number;
}

export const rerunMismatch: RerunRule = {
  id: "rerun-mismatch",
  defaultSeverity: "error",
  description: "A re-run of a digest's or model's reproducer gives back the LOSO PLCC figures claimed for it, within the tolerance.",
  messages: {
    differs: "The re-run of `{target}` differs from its claim by up to {difference} PLCC, more than the tolerance {tolerance}",
    foldsMissing: "The re-run of `{target}` gave no figure for the claimed {folds}",
    noFigures: "The re-run of `{target}` produced no LOSO figures to compare: {reason}",
    failed: "The re-run of `{target}` did not complete: {reason}",
  },
  options: z.object({}).strict(),
  judge(comparison, claimedAt, tolerance): RuleReport | null {
    const at = { file: claimedAt.file, line: claimedAt.line, details: describe(comparison) };
    const target = comparison.target;
    switch (comparison.outcome) {
      case "reproduced":
        return null;
      case "failed":
        return { ...at, messageId: "failed", data: { target, reason: reasonOf(comparison) } };
      case "no-figures":
        return { ...at, messageId: "noFigures", data: { target, reason: comparison.note } };
      case "differs":
        if (comparison.outsideTolerance && comparison.largestDifference !== null) {
          return { ...at, messageId: "differs", data: { target, difference: formatPlcc(comparison.largestDifference), tolerance } };
        }
        return { ...at, messageId: "foldsMissing", data: { target, folds: foldList(comparison.missingFolds) } };
    }
  },
};

/** The outcome's note; a target that could not run has a note that starts with its name. */
function reasonOf(comparison: TargetComparison): string {
  const named = `\`${comparison.target}\` `;
  return comparison.note.startsWith(named) ? `the target ${comparison.note.slice(named.length)}` : comparison.note;
}

function foldList(folds: readonly string[]): string {
  const named = folds.map((fold) => `\`${fold}\``).join(", ");
  return folds.length === 1 ? `fold ${named}` : `folds ${named}`;
}

/** The comparison in plain lines, for the finding's details (annotations show them unrendered). */
function describe(comparison: TargetComparison): string {
  const show = (value: number | null): string => (value === null ? "not stated" : formatPlcc(value));
  const lines = [`Mean PLCC: claimed ${show(comparison.mean.claimed)}, reproduced ${show(comparison.mean.reproduced)}.`];
  for (const fold of comparison.folds) lines.push(`${fold.name}: claimed ${formatPlcc(fold.claimed)}, reproduced ${show(fold.reproduced)}.`);
  lines.push(`Outcome: ${comparison.note}.`);
  return lines.join("\n");
}
