// Pull-request semantics: a finding is new when the head has it and the merge base does not.
// Findings are matched by rule, file and message (not by line, which shifts with every edit, nor by
// the line numbers a message cites), as a multiset, so a second copy of an existing problem still
// counts as new.
import type { ClassifiedFinding, Finding } from "./types.js";

export function findingFingerprint(finding: Finding): string {
  return `${finding.ruleId}\u0000${finding.file}\u0000${finding.message.replace(CITED_POSITION, "$1")}`;
}

/**
 * A message that cites where its evidence sits (`as stated in \`docs/ai/training.md:30\``) would
 * otherwise become a new finding whenever a pull request moves that line, even in another file.
 */
const CITED_POSITION = /([\w.-]*[\w-]\.[A-Za-z][\w]*):\d+(?::\d+)?\b/g;

export function classifyFindings(head: readonly Finding[], base: readonly Finding[] | null): ClassifiedFinding[] {
  return classifyAgainst(head, base === null ? null : base.map(findingFingerprint));
}

/** classifyFindings with the base given by its findings' fingerprints, all it needs of them. */
export function classifyAgainst(head: readonly Finding[], baseFingerprints: readonly string[] | null): ClassifiedFinding[] {
  if (baseFingerprints === null) return head.map((finding) => ({ ...finding, new: true }));
  const remaining = new Map<string, number>();
  for (const key of baseFingerprints) remaining.set(key, (remaining.get(key) ?? 0) + 1);
  return head.map((finding) => {
    const key = findingFingerprint(finding);
    const left = remaining.get(key) ?? 0;
    if (left > 0) {
      remaining.set(key, left - 1);
      return { ...finding, new: false };
    }
    return { ...finding, new: true };
  });
}

export type Verdict = "pass" | "fail";

/** The verdict counts new errors only; warnings and notices never fail a pull request. */
export function verdictOf(findings: readonly ClassifiedFinding[]): Verdict {
  return findings.some((finding) => finding.new && finding.severity === "error") ? "fail" : "pass";
}
