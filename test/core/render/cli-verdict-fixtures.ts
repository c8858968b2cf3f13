// Hand-made verdicts shared by the renderer snapshot tests.
import type { VerdictInput } from "../../../src/core/render/verdict-input.js";
import type { ClassifiedFinding } from "../../../src/core/types.js";

const DOCS = "https://example.invalid/docs/rules";

export function finding(overrides: Partial<ClassifiedFinding> & Pick<ClassifiedFinding, "ruleId" | "file" | "line">): ClassifiedFinding {
  return {
    severity: "error",
    column: 1,
    message: "Unexpected `x`, expected `y`",
    docsUrl: `${DOCS}/${overrides.ruleId}.md`,
    new: true,
    ...overrides,
  };
}

const STATS: VerdictInput["stats"] = {
  governedFiles: 42,
  parsedFiles: 5,
  cachedFiles: 37,
  rulesRun: 12,
  findingsBySeverity: { error: 3, warning: 1, notice: 1 },
};

/** A pull-request verdict: new findings in two files, plus debt. */
export const MIXED: VerdictInput = {
  verdict: "fail",
  base: { ref: "origin/main", commit: "0123456789abcdef0123456789abcdef01234567" },
  stats: STATS,
  findings: [
    finding({
      ruleId: "adr-supersession",
      file: "docs/adr/0007-cache.md",
      line: 5,
      column: 3,
      message: "Unexpected `Supersedes ADR-0002`, expected ADR-0002 to say `Superseded by ADR-0007`",
      related: [{ file: "docs/adr/0002-engine.md", line: 4, column: 1, message: "ADR-0002 header" }],
    }),
    finding({ ruleId: "adr-link-slug", file: "docs/adr/0007-cache.md", line: 12, column: 10, severity: "warning", message: "Stale slug `old-name` for ADR-0003" }),
    finding({ ruleId: "adr-header", file: "docs/adr/0001-first.md", line: 3, new: false, message: "Missing `Date`" }),
    finding({
      ruleId: "loso-arithmetic",
      file: "model/fr/demo.json",
      line: 14,
      column: 7,
      message: "Stated `loso_mean_plcc` 0.9612 does not match the folds' mean 0.9587 | checked at 4 decimals",
      details: "folds: 0.95, 0.96, 0.9661\nmean: 0.9587",
    }),
    finding({ ruleId: "digest-header", file: "docs/research/0003-x.md", line: 1, severity: "notice", new: false, message: "Missing `Status`" }),
    finding({ ruleId: "adr-header", file: "docs/adr/0004-four.md", line: 2, new: false, message: "Unknown status `Maybe <b>`" }),
  ],
};

/** A plain run without --base: every finding is new. */
export const WITHOUT_BASE: VerdictInput = {
  verdict: "pass",
  stats: { ...STATS, findingsBySeverity: { error: 0, warning: 1, notice: 0 } },
  findings: [finding({ ruleId: "adr-link-slug", file: "docs/adr/0007-cache.md", line: 12, severity: "warning", message: "Stale slug `old-name`" })],
};

export const CLEAN: VerdictInput = {
  verdict: "pass",
  stats: { ...STATS, findingsBySeverity: { error: 0, warning: 0, notice: 0 } },
  findings: [],
};
