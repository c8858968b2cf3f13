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

/**
 * GitHub shows at most this many annotations of each kind (error, warning, notice) per step and
 * silently drops the rest, so the rest are printed as plain log lines and a notice says so.
 */
export const ANNOTATIONS_PER_KIND = 10;

export function renderGithub(input: VerdictInput): string {
  const fresh = input.findings.filter((finding) => finding.new);
  const bySeverity = { error: 0, warning: 0, notice: 0 };
  for (const finding of fresh) bySeverity[finding.severity]++;
  const overflows = bySeverity.error > ANNOTATIONS_PER_KIND || bySeverity.warning > ANNOTATIONS_PER_KIND || bySeverity.notice > ANNOTATIONS_PER_KIND;
  // The overflow note is itself a notice, so it takes one of the notice places.
  const places = { error: ANNOTATIONS_PER_KIND, warning: ANNOTATIONS_PER_KIND, notice: overflows ? ANNOTATIONS_PER_KIND - 1 : ANNOTATIONS_PER_KIND };
  const lines: string[] = [];
  let unannotated = 0;
  for (const finding of fresh) {
    if (places[finding.severity] > 0) {
      places[finding.severity]--;
      lines.push(renderAnnotation(finding));
    } else {
      unannotated++;
      lines.push(renderPlainLine(finding));
    }
  }
  if (unannotated > 0) {
    lines.push(
      `::notice title=research-governance::${escapeCommandData(`${plural(unannotated, "more new finding")} printed above without an annotation: GitHub shows at most ${ANNOTATIONS_PER_KIND} annotations of each kind per step`)}`,
    );
  }
  const counts = countFindings(input.findings);
  const newPart = counts.newTotal === 0 ? "no new findings" : `${plural(counts.newTotal, "new finding")} (${describeSeverityCounts(counts.newBySeverity)})`;
  lines.push(`research-governance: ${input.verdict} - ${newPart}, ${plural(counts.debtTotal, "debt finding")}`);
  return `${lines.join("\n")}\n`;
}

/** A finding as an ordinary log line; indented, so no path or message can start a command. */
function renderPlainLine(finding: ClassifiedFinding): string {
  return `  ${finding.severity} ${finding.file}:${finding.line}:${finding.column} ${finding.ruleId}: ${finding.message.replace(/[\r\n]+/g, " ")}`;
}
