// The input every verdict renderer (text, JSON, Markdown, GitHub workflow commands) takes: the
// classified findings, the verdict they produce, and the run statistics. Pure data, no I/O.
import type { Verdict } from "../diff.js";
import type { GovernanceRun } from "../engine.js";
import type { ClassifiedFinding, Finding } from "../types.js";

export interface VerdictInput {
  verdict: Verdict;
  /** Sorted with compareFindings. */
  findings: readonly ClassifiedFinding[];
  stats: GovernanceRun["stats"];
  /** Set when findings were classified against a base: the ref as given and its merge-base commit. */
  base?: { ref: string; commit: string };
  /** With a base: how many of its findings the head no longer has. */
  resolvedFindings?: number;
}

export interface VerdictCounts {
  newBySeverity: Record<Finding["severity"], number>;
  newTotal: number;
  debtTotal: number;
  /** Distinct files with at least one new finding. */
  newFiles: number;
}

export function countFindings(findings: readonly ClassifiedFinding[]): VerdictCounts {
  const newBySeverity = { error: 0, warning: 0, notice: 0 };
  const files = new Set<string>();
  let debtTotal = 0;
  for (const finding of findings) {
    if (finding.new) {
      newBySeverity[finding.severity]++;
      files.add(finding.file);
    } else {
      debtTotal++;
    }
  }
  const newTotal = newBySeverity.error + newBySeverity.warning + newBySeverity.notice;
  return { newBySeverity, newTotal, debtTotal, newFiles: files.size };
}

/** `1 error, 2 warnings` (zero counts left out); `none` when every count is zero. */
export function describeSeverityCounts(counts: Record<Finding["severity"], number>): string {
  const parts: string[] = [];
  for (const severity of ["error", "warning", "notice"] as const) {
    const n = counts[severity];
    if (n > 0) parts.push(plural(n, severity));
  }
  return parts.length ? parts.join(", ") : "none";
}

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** Debt grouped by rule id, most frequent first, then by id: the collapsed view of old findings. */
export function debtByRule(findings: readonly ClassifiedFinding[]): Array<{ ruleId: string; count: number }> {
  const counts = new Map<string, number>();
  for (const finding of findings) if (!finding.new) counts.set(finding.ruleId, (counts.get(finding.ruleId) ?? 0) + 1);
  return [...counts]
    .map(([ruleId, count]) => ({ ruleId, count }))
    .sort((a, b) => b.count - a.count || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}
