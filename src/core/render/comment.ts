// The sticky pull-request comment: new findings first, debt collapsed, discovery-report rows and a
// configuration preview when present, the hidden marker first so the app can find and edit it.
// Kept within GitHub's comment limit by showing fewer rows per table, with a note saying so.
import { mostSevereFirst, type Finding } from "../types.js";
import {
  COMMENT_MARKER,
  codeSpan,
  headline,
  severityCounts,
  shortSha,
  tableCell,
  type PullRequestVerdict,
  type ReportSectionChanges,
} from "./pull-request-verdict.js";
import { plural } from "./verdict-input.js";

/** GitHub rejects issue comments longer than this many characters. */
export const COMMENT_LIMIT = 65_536;

const ICONS = { pass: "✅", fail: "❌", neutral: "⚪", "config-error": "❌" } as const;

export interface CommentOptions {
  /** Defaults to GitHub's limit; tests pass a small one to exercise truncation. */
  limit?: number;
}

export function renderComment(verdict: PullRequestVerdict, options: CommentOptions = {}): string {
  const limit = options.limit ?? COMMENT_LIMIT;
  // Show every row when it fits; otherwise halve the rows per table until it does.
  let rowsPerTable = Number.POSITIVE_INFINITY;
  let body = renderWithRowLimit(verdict, rowsPerTable);
  if (body.length <= limit) return body;
  rowsPerTable = 1024;
  while (rowsPerTable > 1) {
    body = renderWithRowLimit(verdict, rowsPerTable);
    if (body.length <= limit) return body;
    rowsPerTable = Math.floor(rowsPerTable / 2);
  }
  body = renderWithRowLimit(verdict, 1);
  if (body.length <= limit) return body;
  const note = "\n\n_Comment cut at GitHub's size limit; the check run has the full list._\n";
  return body.slice(0, Math.max(0, limit - note.length)) + note;
}

function renderWithRowLimit(verdict: PullRequestVerdict, rowsPerTable: number): string {
  const fresh = verdict.findings.filter((finding) => finding.new);
  const debt = verdict.findings.filter((finding) => !finding.new);
  const resolved = verdict.resolved ?? [];
  const parts: string[] = [COMMENT_MARKER, `## ${ICONS[verdict.outcome]} research-governance: ${headline(verdict)}`, ""];

  if (verdict.outcome === "config-error") {
    parts.push(
      "The configuration on the base branch could not be used, so nothing was checked:",
      "",
      "```text",
      (verdict.configurationError ?? "unknown error").replace(/```/g, "'''"),
      "```",
      "",
      "Fix the configuration on the base branch; a pull request cannot change the configuration its own verdict uses.",
    );
  } else if (verdict.outcome === "neutral") {
    parts.push(`This pull request changes no governed file, so there is nothing to check at ${codeSpan(shortSha(verdict.headSha))}.`);
  } else {
    parts.push(
      `Head ${codeSpan(shortSha(verdict.headSha))} compared with merge base ${codeSpan(shortSha(verdict.mergeBaseSha))}: ` +
        `${fresh.length ? `**${plural(fresh.length, "new finding")}** (${severityCounts(fresh)})` : "no new findings"}` +
        `${debt.length ? `, ${plural(debt.length, "existing finding")} left as debt` : ""}` +
        `${resolved.length ? `, ${plural(resolved.length, "finding")} resolved` : ""}. ` +
        `Only new errors fail the check.`,
    );
    if (fresh.length) {
      parts.push("", "### New findings", "", ...findingsTable(fresh, verdict, rowsPerTable));
    }
    if (debt.length) {
      parts.push(
        "",
        "<details>",
        `<summary>Existing debt: ${plural(debt.length, "finding")} already at the merge base (${severityCounts(debt)})</summary>`,
        "",
        ...findingsTable(debt, verdict, rowsPerTable),
        "",
        "</details>",
      );
    }
    if (resolved.length) {
      parts.push(
        "",
        "<details>",
        `<summary>Resolved: ${plural(resolved.length, "finding")} at the merge base that the head no longer has (${severityCounts(resolved)})</summary>`,
        "",
        ...findingsTable(resolved, verdict, rowsPerTable, verdict.mergeBaseSha),
        "",
        "</details>",
      );
    }
  }

  if (verdict.reportChanges?.length) {
    parts.push("", "### Discovery report rows this pull request changes", "", ...reportChangeLines(verdict.reportChanges, rowsPerTable));
  }
  if (verdict.configPreview) parts.push("", ...configPreviewLines(verdict, rowsPerTable));
  parts.push("", `<sub>Configuration is read from the base branch. Re-run from the Checks tab to re-check.</sub>`, "");
  return parts.join("\n");
}

/** `sha`: the commit the locations link to; the head unless the findings are the merge base's. */
function findingsTable(findings: readonly Finding[], verdict: PullRequestVerdict, rowsPerTable: number, sha = verdict.headSha): string[] {
  const shown = mostSevereFirst(findings).slice(0, rowsPerTable);
  const lines = ["| Severity | Rule | Location | Message |", "| --- | --- | --- | --- |"];
  for (const finding of shown) {
    lines.push(`| ${finding.severity} | [${codeSpan(finding.ruleId)}](${finding.docsUrl}) | ${location(finding, verdict, sha)} | ${tableCell(finding.message)} |`);
  }
  if (findings.length > shown.length) lines.push("", omittedNote(findings.length - shown.length));
  return lines;
}

function location(finding: Finding, verdict: PullRequestVerdict, sha: string): string {
  const label = codeSpan(`${finding.file}:${finding.line}`);
  if (!verdict.repositoryUrl) return tableCell(label);
  const path = finding.file.split("/").map(encodeURIComponent).join("/");
  return `[${tableCell(label)}](${verdict.repositoryUrl}/blob/${sha}/${path}#L${finding.line})`;
}

/** One diff block per report section: removed rows, each changed row as a -/+ pair, added rows. */
function reportChangeLines(sections: readonly ReportSectionChanges[], rowsPerTable: number): string[] {
  const lines: string[] = [];
  for (const section of sections) {
    const rows = [
      ...section.removed.map((row) => `- ${row}`),
      ...section.changed.flatMap((change) => [`- ${change.before}`, `+ ${change.after}`]),
      ...section.added.map((row) => `+ ${row}`),
    ];
    const shown = rows.slice(0, rowsPerTable);
    lines.push(`**${tableCell(section.section)}**`, "", "```diff", ...shown.map((row) => row.replace(/```/g, "'''")), "```", "");
    if (rows.length > shown.length) lines.push(omittedNote(rows.length - shown.length), "");
  }
  while (lines.at(-1) === "") lines.pop();
  return lines;
}

function configPreviewLines(verdict: PullRequestVerdict, rowsPerTable: number): string[] {
  const preview = verdict.configPreview!;
  const lines = [
    "### Configuration preview",
    "",
    `This pull request edits ${codeSpan(preview.path)}. The verdict above uses the base branch's configuration; ` +
      "the proposed one takes effect after merge.",
    "",
  ];
  if (preview.error) {
    lines.push("The proposed configuration is invalid and would stop every check after merge:", "", "```text", preview.error.replace(/```/g, "'''"), "```");
    return lines;
  }
  if (!preview.appeared.length && !preview.disappeared.length) {
    lines.push("With the proposed configuration the head would have the same findings.");
    return lines;
  }
  if (preview.appeared.length) {
    lines.push(`**${plural(preview.appeared.length, "finding")} would appear** with the proposed configuration:`, "", ...findingsTable(preview.appeared, verdict, rowsPerTable), "");
  }
  if (preview.disappeared.length) {
    lines.push(`**${plural(preview.disappeared.length, "finding")} would disappear** with the proposed configuration:`, "", ...findingsTable(preview.disappeared, verdict, rowsPerTable));
  }
  return lines;
}

function omittedNote(count: number): string {
  return `_…and ${plural(count, "more row")} not shown to stay within GitHub's comment size limit; the check run lists every new finding._`;
}
