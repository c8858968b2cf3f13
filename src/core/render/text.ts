// Human-readable verdict for a terminal: new findings grouped by file, debt summarised by rule, a
// summary line and the verdict last, where the eye lands after a long run.
import type { ClassifiedFinding } from "../types.js";
import { countFindings, debtByRule, describeSeverityCounts, plural, type VerdictInput } from "./verdict-input.js";

export function renderText(input: VerdictInput): string {
  const lines: string[] = [];
  const newFindings = input.findings.filter((finding) => finding.new);
  // Only mark findings as new when there was something to compare with; otherwise all are new.
  const marker = input.base ? "new  " : "";

  for (const [file, group] of groupByFile(newFindings)) {
    lines.push(file);
    const positionWidth = Math.max(...group.map((f) => position(f).length));
    for (const finding of group) {
      lines.push(
        `  ${position(finding).padEnd(positionWidth)}  ${finding.severity.padEnd(7)}  ${marker}${oneLine(finding.message)}  ${finding.ruleId}`,
      );
      for (const related of finding.related ?? []) {
        lines.push(`      see ${related.file}:${related.line}:${related.column}  ${oneLine(related.message)}`);
      }
      if (finding.details) {
        for (const detail of finding.details.replace(/\s+$/, "").split(/\r?\n/)) lines.push(`      ${detail}`.trimEnd());
      }
    }
    lines.push("");
  }

  const counts = countFindings(input.findings);
  const debt = debtByRule(input.findings);
  if (debt.length > 0) {
    const where = input.base ? ` already present at ${input.base.ref} (${input.base.commit.slice(0, 12)})` : "";
    lines.push(`Debt: ${plural(counts.debtTotal, "finding")}${where}, not counted in the verdict`);
    for (const { ruleId, count } of debt) lines.push(`  ${String(count).padStart(5)}  ${ruleId}`);
    lines.push("");
  }

  const { stats } = input;
  const newPart =
    counts.newTotal === 0
      ? "No new findings"
      : `${plural(counts.newTotal, "new finding")} (${describeSeverityCounts(counts.newBySeverity)}) in ${plural(counts.newFiles, "file")}`;
  lines.push(
    `${newPart}; ${plural(counts.debtTotal, "debt finding")}` +
      `${input.resolvedFindings ? `; ${input.resolvedFindings} resolved` : ""}; ${plural(stats.governedFiles, "governed file")} ` +
      `(${stats.parsedFiles} parsed, ${stats.cachedFiles} from cache), ${plural(stats.rulesRun, "rule")} run`,
  );
  lines.push(
    input.verdict === "pass"
      ? "Verdict: PASS"
      : `Verdict: FAIL (${plural(counts.newBySeverity.error, `new error`)})`,
  );
  return `${lines.join("\n")}\n`;
}

function position(finding: ClassifiedFinding): string {
  return `${finding.line}:${finding.column}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, " ");
}

/** Findings are sorted by file already; keep that order. */
function groupByFile(findings: readonly ClassifiedFinding[]): Map<string, ClassifiedFinding[]> {
  const groups = new Map<string, ClassifiedFinding[]>();
  for (const finding of findings) {
    const group = groups.get(finding.file);
    if (group) group.push(finding);
    else groups.set(finding.file, [finding]);
  }
  return groups;
}
