// discovery-report-stale: a committed copy of the training discovery report (listed in
// `report.committedCopies`) must equal a fresh regeneration from the same commit, or readers act on
// numbers the sidecars and cards no longer state. The finding points at the first differing line
// and carries the whole unified diff in `details`.
import { createTwoFilesPatch } from "diff";
import * as z from "zod";
import { DiscoveryReportError, EXTENDED_MARKER_HEADING, renderDiscoveryReport } from "../report/index.js";
import { defineRule } from "./rule.js";

/** Longest excerpt of a line quoted in a message. */
const EXCERPT_LENGTH = 80;
/** Diffs longer than this are cut in `details` (comments and annotations have size limits). */
const MAX_DIFF_LINES = 400;

export const discoveryReportStale = defineRule({
  id: "discovery-report-stale",
  defaultSeverity: "error",
  description: "A committed copy of the generated discovery report differs from a fresh regeneration.",
  messages: {
    stale: "Unexpected `{found}`, expected `{expected}` from a fresh regeneration (run `rgov report`)",
    missing: "Unexpected missing report copy `{file}`, expected a committed copy of the discovery report",
    unregenerable: "Unexpected `{problem}`, expected inputs the discovery report can be regenerated from",
  },
  options: z
    .object({
      /** `auto`: compare with the extended report when the copy contains the extended sections. */
      extended: z.union([z.boolean(), z.literal("auto")]).default("auto"),
    })
    .strict(),
  check({ model, options, report }) {
    const { snapshot, config } = model;
    const regenerated = new Map<boolean, string | DiscoveryReportError>();
    const regenerate = (extended: boolean): string | DiscoveryReportError => {
      let result = regenerated.get(extended);
      if (result === undefined) {
        try {
          result = renderDiscoveryReport(snapshot, config, { extended });
        } catch (error) {
          if (!(error instanceof DiscoveryReportError)) throw error;
          result = error;
        }
        regenerated.set(extended, result);
      }
      return result;
    };

    for (const copyPath of config.report.committedCopies) {
      const committed = snapshot.read(copyPath);
      if (committed === undefined) {
        report({ messageId: "missing", data: { file: copyPath }, file: copyPath, line: 1 });
        continue;
      }
      const extended = options.extended === "auto" ? committed.includes(`\n${EXTENDED_MARKER_HEADING}\n`) : options.extended;
      const fresh = regenerate(extended);
      if (fresh instanceof DiscoveryReportError) {
        report({
          messageId: "unregenerable",
          data: { problem: fresh.message },
          file: copyPath,
          line: 1,
          related: [{ file: fresh.file, line: 1, column: 1, message: fresh.message }],
        });
        continue;
      }
      if (committed === fresh) continue;
      const difference = firstDifference(committed, fresh);
      report({
        messageId: "stale",
        data: { found: difference.found, expected: difference.expected },
        file: copyPath,
        line: difference.line,
        column: difference.column,
        details: truncatedPatch(createTwoFilesPatch(copyPath, copyPath, committed, fresh, "committed", "regenerated")),
      });
    }
  },
});

export interface LineDifference {
  line: number;
  column: number;
  found: string;
  expected: string;
}

/** Where two texts first differ, by line, with printable excerpts of both lines. */
export function firstDifference(committed: string, fresh: string): LineDifference {
  const committedLines = committed.split("\n");
  const freshLines = fresh.split("\n");
  let index = 0;
  while (index < committedLines.length && index < freshLines.length && committedLines[index] === freshLines[index]) index++;
  const found = committedLines[index];
  const expected = freshLines[index];
  let column = 0;
  if (found !== undefined && expected !== undefined) {
    while (column < found.length && found[column] === expected[column]) column++;
  }
  return { line: index + 1, column: column + 1, found: excerpt(found), expected: excerpt(expected) };
}

function excerpt(line: string | undefined): string {
  if (line === undefined) return "end of file";
  if (line === "") return "empty line";
  const visible = line.replace(/\r/g, "\\r").replace(/`/g, "'");
  return visible.length > EXCERPT_LENGTH ? `${visible.slice(0, EXCERPT_LENGTH - 1)}…` : visible;
}

function truncatedPatch(patch: string): string {
  const lines = patch.split("\n");
  if (lines.length <= MAX_DIFF_LINES) return patch;
  return [...lines.slice(0, MAX_DIFF_LINES), `… ${lines.length - MAX_DIFF_LINES} more diff lines`].join("\n");
}
