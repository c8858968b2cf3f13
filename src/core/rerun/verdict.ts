// The re-run check's verdict: one `rerun-mismatch` finding per target that was not reproduced,
// placed at its claimed figures, and the check's conclusion. A target that did not run, or ran
// and stated no figures, fails the check whatever the rule's severity (SPEC section 5: a failed or
// timed-out run is a failure). Figures outside the tolerance fail it at severity error, leave it
// neutral at warning or notice, and are only shown in the table when the rule is off.
import type { GovernanceConfig } from "../config.js";
import { configureRule } from "../rules/configure.js";
import { rerunMismatch, type ClaimLocation } from "../rules/rerun-mismatch.js";
import { findingOf, ruleDocsUrl } from "../rules/rule.js";
import type { Finding } from "../types.js";
import type { TargetComparison } from "./compare.js";

export type RerunConclusion = "success" | "failure" | "neutral";

export interface RerunVerdict {
  conclusion: RerunConclusion;
  findings: Finding[];
  /** Targets not reproduced that have no claimed figures to point at (an unknown target). */
  unplaced: TargetComparison[];
}

/**
 * `claimedFrom` gives each target's `file:line` (RerunPlan.claimedFrom); a target without one
 * gets no finding, and is listed in `unplaced` instead. Throws ConfigurationError when the rule's
 * settings are invalid.
 */
export function judgeRerun(comparisons: readonly TargetComparison[], claimedFrom: (target: string) => string | null | undefined, config: GovernanceConfig): RerunVerdict {
  const { severity } = configureRule(config, rerunMismatch);
  const docsUrl = ruleDocsUrl(config.docsBaseUrl, rerunMismatch.id);
  const findings: Finding[] = [];
  const unplaced: TargetComparison[] = [];
  for (const comparison of comparisons) {
    if (comparison.outcome === "reproduced" || (severity === "off" && !didNotComplete(comparison))) continue;
    const location = parseLocation(claimedFrom(comparison.target));
    const report = location ? rerunMismatch.judge(comparison, location, config.rerun.tolerance) : null;
    if (!report) unplaced.push(comparison);
    // A run that did not complete fails the check even when the rule is off, so it is reported.
    else findings.push(findingOf(rerunMismatch, severity === "off" ? "error" : severity, docsUrl, report));
  }
  const differs = comparisons.some((c) => c.outcome === "differs");
  let conclusion: RerunConclusion = "success";
  if (comparisons.length === 0 || comparisons.some(didNotComplete) || (differs && severity === "error")) conclusion = "failure";
  else if (differs && severity !== "off") conclusion = "neutral";
  return { conclusion, findings, unplaced };
}

/** The reproducer could not run, failed, timed out, or printed no figures to compare. */
function didNotComplete(comparison: TargetComparison): boolean {
  return comparison.outcome === "failed" || comparison.outcome === "no-figures";
}

/** `docs/research/0067-x.md:12` → its file and line; anything else → null. */
function parseLocation(text: string | null | undefined): ClaimLocation | null {
  const match = /^(.+):(\d+)$/.exec(text ?? "");
  return match ? { file: match[1]!, line: Number(match[2]) } : null;
}
