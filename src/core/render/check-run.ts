// The `research-governance` check run's output: a title, a summary, a text with the new findings
// and the debt, and one annotation per new finding. Pure; the GitHub adapter sends it in batches.
import { mostSevereFirst, type Finding } from "../types.js";
import {
  conclusionOf,
  headline,
  severityCounts,
  shortSha,
  tableCell,
  codeSpan,
  type CheckConclusion,
  type PullRequestVerdict,
} from "./pull-request-verdict.js";
import { plural } from "./verdict-input.js";

/** GitHub's limit for the summary and for the text of a check run's output. */
export const CHECK_OUTPUT_LIMIT = 65_535;
/** Annotations beyond this many are left out, with a note: the comment and text still list them. */
export const MAX_ANNOTATIONS = 500;

export interface RenderedAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: "notice" | "warning" | "failure";
  message: string;
  title: string;
  raw_details?: string;
}

export interface RenderedCheckRun {
  conclusion: CheckConclusion;
  title: string;
  summary: string;
  text: string;
  annotations: RenderedAnnotation[];
}

const LEVELS = { error: "failure", warning: "warning", notice: "notice" } as const;

export function renderCheckRun(verdict: PullRequestVerdict, limit = CHECK_OUTPUT_LIMIT): RenderedCheckRun {
  const fresh = verdict.findings.filter((finding) => finding.new);
  const debt = verdict.findings.filter((finding) => !finding.new);
  const annotations = mostSevereFirst(fresh).slice(0, MAX_ANNOTATIONS).map(annotationOf);

  const summary: string[] = [];
  if (verdict.outcome === "config-error") {
    summary.push("The base branch's configuration could not be used:", "", "```text", verdict.configurationError ?? "unknown error", "```");
  } else if (verdict.outcome === "neutral") {
    summary.push(`No governed file changed between ${codeSpan(shortSha(verdict.mergeBaseSha))} and ${codeSpan(shortSha(verdict.headSha))}.`);
  } else {
    summary.push(
      `Head ${codeSpan(shortSha(verdict.headSha))}, merge base ${codeSpan(shortSha(verdict.mergeBaseSha))}, ` +
        `${plural(verdict.changedGovernedPaths.length, "governed file")} changed.`,
      "",
      `- New: ${fresh.length ? severityCounts(fresh) : "none"}`,
      `- Debt (already at the merge base): ${debt.length ? severityCounts(debt) : "none"}`,
      ...(verdict.resolved?.length ? [`- Resolved (at the merge base, gone at the head): ${severityCounts(verdict.resolved)}`] : []),
      "",
      "Only new errors fail this check.",
    );
    if (fresh.length > annotations.length) {
      summary.push("", `Annotations are capped at ${MAX_ANNOTATIONS}; ${plural(fresh.length - annotations.length, "new finding")} appear only in the details below.`);
    }
  }
  if (verdict.configPreview) {
    const preview = verdict.configPreview;
    summary.push(
      "",
      preview.error
        ? `This pull request edits ${codeSpan(preview.path)}, and the proposed configuration is invalid: ${tableCell(preview.error)}`
        : `This pull request edits ${codeSpan(preview.path)}; with it, ${plural(preview.appeared.length, "finding")} would appear and ${plural(preview.disappeared.length, "finding")} would disappear (see the comment).`,
    );
  }

  const text: string[] = [];
  if (fresh.length) text.push("## New findings", "", ...findingLines(fresh), "");
  if (debt.length) text.push("## Existing debt", "", ...findingLines(debt));

  return {
    conclusion: conclusionOf(verdict.outcome),
    title: headline(verdict).slice(0, 255),
    summary: fitWithin(summary.join("\n"), limit),
    text: fitWithin(text.join("\n"), limit),
    annotations,
  };
}

/** A finding as a check-run annotation; the re-run check annotates its findings the same way. */
export function annotationOf(finding: Finding): RenderedAnnotation {
  const annotation: RenderedAnnotation = {
    path: finding.file,
    start_line: finding.line,
    end_line: finding.line,
    annotation_level: LEVELS[finding.severity],
    message: `${finding.message}\n\n${finding.docsUrl}`.slice(0, 64 * 1024),
    title: finding.ruleId,
  };
  // GitHub accepts columns only on single-line annotations.
  annotation.start_column = finding.column;
  annotation.end_column = finding.column;
  if (finding.details) annotation.raw_details = finding.details.slice(0, 64 * 1024);
  return annotation;
}

function findingLines(findings: readonly Finding[]): string[] {
  return findings.map((finding) => `- **${finding.severity}** ${codeSpan(finding.ruleId)} ${codeSpan(`${finding.file}:${finding.line}:${finding.column}`)}: ${tableCell(finding.message)}`);
}

/** Cut at a line boundary with a note, so a long list never makes GitHub reject the output. */
function fitWithin(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const note = "\n\n_Output cut at GitHub's size limit._";
  const cut = text.slice(0, limit - note.length);
  const lastLine = cut.lastIndexOf("\n");
  return (lastLine > 0 ? cut.slice(0, lastLine) : cut) + note;
}
