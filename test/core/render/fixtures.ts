// Verdict models shared by the comment and check-run snapshot tests.
import type { ClassifiedFinding } from "../../../src/core/types.js";
import type { PullRequestVerdict } from "../../../src/core/render/pull-request-verdict.js";

export function finding(overrides: Partial<ClassifiedFinding> = {}): ClassifiedFinding {
  return {
    ruleId: "document-parse",
    severity: "error",
    message: "Invalid JSON: Unexpected token `t`",
    file: "model/tiny/broken.json",
    line: 1,
    column: 1,
    docsUrl: "https://example.invalid/docs/rules/document-parse.md",
    new: true,
    ...overrides,
  };
}

export const HEAD = "1111111111111111111111111111111111111111";
export const MERGE_BASE = "2222222222222222222222222222222222222222";

export const failingVerdict: PullRequestVerdict = {
  outcome: "fail",
  headSha: HEAD,
  mergeBaseSha: MERGE_BASE,
  repositoryUrl: "https://github.com/lab/models",
  changedGovernedPaths: ["model/tiny/broken.json", "docs/research/0001-x.md"],
  findings: [
    finding(),
    finding({ ruleId: "digest-header", severity: "warning", message: "Missing `Date` | with a pipe <b>", file: "docs/research/0001-x.md", line: 3, column: 2 }),
    finding({ ruleId: "adr-link-slug", severity: "warning", message: "Stale slug `old`, expected `new`", file: "docs/adr/0002-b.md", line: 9, new: false }),
  ],
  reportChanges: [{ section: "Predictors", added: ["| fr_new | 0.9500 |"], removed: [], changed: [{ before: "| fr_a | 0.9400 |", after: "| fr_a | 0.9410 |" }] }],
  configPreview: {
    path: ".github/research-governance.yml",
    appeared: [],
    disappeared: [finding()],
  },
};
