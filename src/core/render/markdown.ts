// Markdown verdict for a job summary or a pull-request comment body: a table of new findings and
// the debt collapsed in <details>. Tables are capped so a repository with thousands of findings
// still fits GitHub's size limits (1 MiB job summary, 65536-character comment).
import { mostSevereFirst, type ClassifiedFinding } from "../types.js";
import { countFindings, describeSeverityCounts, plural, type VerdictInput } from "./verdict-input.js";

export const MAX_TABLE_ROWS = 100;

const SEVERITY_ICON: Record<ClassifiedFinding["severity"], string> = { error: "🔴", warning: "🟡", notice: "🔵" };

export function renderMarkdown(input: VerdictInput): string {
  const counts = countFindings(input.findings);
  const newFindings = input.findings.filter((finding) => finding.new);
  const debt = input.findings.filter((finding) => !finding.new);
  const out: string[] = [];

  out.push(`### ${input.verdict === "pass" ? "✅" : "❌"} research-governance: ${input.verdict}`, "");
  const newPart =
    counts.newTotal === 0
      ? "No new findings"
      : `**${plural(counts.newTotal, "new finding")}** (${describeSeverityCounts(counts.newBySeverity)}) in ${plural(counts.newFiles, "file")}`;
  const basePart = input.base ? ` since \`${escapeInline(input.base.ref)}\` (${input.base.commit.slice(0, 12)})` : "";
  const resolvedPart = input.resolvedFindings ? ` · ${input.resolvedFindings} resolved` : "";
  out.push(`${newPart}${basePart} · ${plural(counts.debtTotal, "debt finding")}${resolvedPart} · ${plural(input.stats.governedFiles, "governed file")} checked`, "");

  if (newFindings.length > 0) out.push(...findingsTable(newFindings), "");

  if (debt.length > 0) {
    const where = input.base ? ` already present at \`${escapeInline(input.base.ref)}\`` : "";
    out.push("<details>", `<summary>Debt: ${plural(debt.length, "finding")}${where}, not counted in the verdict</summary>`, "");
    out.push(...findingsTable(debt), "", "</details>", "");
  }
  return `${out.join("\n").replace(/\n+$/, "")}\n`;
}

function findingsTable(findings: readonly ClassifiedFinding[]): string[] {
  const rows = [
    "| Severity | Rule | Location | Message |",
    "| --- | --- | --- | --- |",
    ...mostSevereFirst(findings).slice(0, MAX_TABLE_ROWS).map(
      (f) =>
        `| ${SEVERITY_ICON[f.severity]} ${f.severity} | [\`${escapeCell(f.ruleId)}\`](${f.docsUrl}) | \`${escapeCell(`${f.file}:${f.line}:${f.column}`)}\` | ${escapeCell(f.message)} |`,
    ),
  ];
  if (findings.length > MAX_TABLE_ROWS) rows.push("", `…and ${findings.length - MAX_TABLE_ROWS} more (run \`rgov check\` locally for the full list).`);
  return rows;
}

/**
 * A table cell: pipes escaped (GFM honours `\|` even inside code spans), line breaks as <br>, and
 * `<`/`>` outside code spans as entities so text never turns into HTML.
 */
export function escapeCell(text: string): string {
  return escapeInline(text).replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

function escapeInline(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/</g, "&lt;").replace(/>/g, "&gt;")))
    .join("");
}
