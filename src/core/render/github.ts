// GitHub Actions workflow commands: one annotation per new finding, so the run's log and the pull
// request's diff show them in place. Debt is not annotated (it would bury the new findings); a
// plain summary line ends the output. Escaping follows GitHub's workflow-command rules.
import type { ClassifiedFinding } from "../types.js";
import { countFindings, describeSeverityCounts, plural, type VerdictInput } from "./verdict-input.js";

/** Escape a command's message: `%`, CR and LF. */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escape a command property value: as data, plus `:` and `,` which delimit properties. */
export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function renderAnnotation(finding: ClassifiedFinding): string {
  const properties = [
    `file=${escapeCommandProperty(finding.file)}`,
    `line=${finding.line}`,
    `col=${finding.column}`,
    `title=${escapeCommandProperty(finding.ruleId)}`,
  ].join(",");
  return `::${finding.severity} ${properties}::${escapeCommandData(finding.message)}`;
}

export function renderGithub(input: VerdictInput): string {
  const lines = input.findings.filter((finding) => finding.new).map(renderAnnotation);
  const counts = countFindings(input.findings);
  const newPart = counts.newTotal === 0 ? "no new findings" : `${plural(counts.newTotal, "new finding")} (${describeSeverityCounts(counts.newBySeverity)})`;
  lines.push(`research-governance: ${input.verdict} - ${newPart}, ${plural(counts.debtTotal, "debt finding")}`);
  return `${lines.join("\n")}\n`;
}
