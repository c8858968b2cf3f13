// The one model a pull-request verdict is rendered from: the sticky comment (comment.ts) and the
// check run (check-run.ts) both read this, so they can never disagree. Pure data and helpers.
import type { ClassifiedFinding, Finding } from "../types.js";
import { describeSeverityCounts } from "./verdict-input.js";

/** The hidden marker that finds the sticky comment again. */
export const COMMENT_MARKER = "<!-- research-governance:verdict -->";

/**
 * `pass`/`fail` come from verdictOf; `neutral` when the pull request touches nothing governed;
 * `config-error` when the base branch's configuration cannot be used (the check fails).
 */
export type VerdictOutcome = "pass" | "fail" | "neutral" | "config-error";

export interface ConfigPreview {
  /** The configuration file the pull request edits. */
  path: string;
  /** The proposed configuration is itself invalid: the message names the key. */
  error?: string;
  /** Findings the proposed configuration would add at the head. */
  appeared: readonly Finding[];
  /** Findings the proposed configuration would no longer report at the head. */
  disappeared: readonly Finding[];
}

/** Table rows of one `##` section of the discovery report that differ between base and head. */
export interface ReportSectionChanges {
  section: string;
  added: readonly string[];
  removed: readonly string[];
  changed: ReadonlyArray<{ before: string; after: string }>;
}

export interface PullRequestVerdict {
  outcome: VerdictOutcome;
  headSha: string;
  /** The merge base the head was compared with. */
  mergeBaseSha?: string;
  /** Sorted with compareFindings; `new` marks what the pull request introduces. */
  findings: readonly ClassifiedFinding[];
  /** Findings at the merge base that the head no longer has (sorted), when computed. */
  resolved?: readonly Finding[];
  /** Governed paths the pull request changes (neutral when empty). */
  changedGovernedPaths: readonly string[];
  /** Why the configuration could not be used (outcome `config-error`). */
  configurationError?: string;
  configPreview?: ConfigPreview;
  /** Rows of the generated discovery report that the pull request changes, when computed. */
  reportChanges?: readonly ReportSectionChanges[];
  /** `https://github.com/owner/repo`, to link findings to the head's files. */
  repositoryUrl?: string;
}

export type CheckConclusion = "success" | "failure" | "neutral";

export function conclusionOf(outcome: VerdictOutcome): CheckConclusion {
  if (outcome === "pass") return "success";
  if (outcome === "neutral") return "neutral";
  return "failure";
}

/** `2 errors, 1 warning`; empty string when there are none. */
export function severityCounts(findings: readonly Finding[]): string {
  const counts = { error: 0, warning: 0, notice: 0 };
  for (const finding of findings) counts[finding.severity]++;
  const described = describeSeverityCounts(counts);
  return described === "none" ? "" : described;
}

/** One line that names the verdict: the comment heading and the check-run title share it. */
export function headline(verdict: PullRequestVerdict): string {
  const fresh = verdict.findings.filter((finding) => finding.new);
  switch (verdict.outcome) {
    case "config-error":
      return "Invalid governance configuration on the base branch";
    case "neutral":
      return "No governed files changed";
    case "fail":
      return `${severityCounts(fresh.filter((f) => f.severity === "error"))} introduced`;
    case "pass":
      return fresh.length ? `Passed with ${severityCounts(fresh)} to look at` : "Passed: no new findings";
  }
}

export function shortSha(sha: string | undefined): string {
  return sha ? sha.slice(0, 7) : "unknown";
}

/** Text safe inside a Markdown table cell: one line, no column breaks, no raw HTML. */
export function tableCell(text: string, maxLength = 1000): string {
  const oneLine = text.replace(/\r?\n/g, " ").trim();
  const clipped = oneLine.length > maxLength ? `${oneLine.slice(0, maxLength - 1)}…` : oneLine;
  return clipped.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A code span that cannot be broken out of by backticks in the value. */
export function codeSpan(text: string): string {
  return `\`${text.replace(/`/g, "'").replace(/\r?\n/g, " ")}\``;
}
