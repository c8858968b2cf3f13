import { describe, expect, it } from "@jest/globals";
import { COMMENT_LIMIT, renderComment } from "../../../src/core/render/comment.js";
import { COMMENT_MARKER } from "../../../src/core/render/pull-request-verdict.js";
import { failingVerdict, finding, HEAD, MERGE_BASE } from "./fixtures.js";

describe("renderComment", () => {
  it("renders new findings first, debt collapsed, report rows and the configuration preview", () => {
    expect(renderComment(failingVerdict)).toMatchSnapshot();
  });

  it("renders a neutral verdict", () => {
    expect(renderComment({ outcome: "neutral", headSha: HEAD, mergeBaseSha: MERGE_BASE, findings: [], changedGovernedPaths: [] })).toMatchSnapshot();
  });

  it("renders an invalid base configuration with its message", () => {
    const body = renderComment({
      outcome: "config-error",
      headSha: HEAD,
      findings: [],
      changedGovernedPaths: [],
      configurationError: ".github/research-governance.yml:1: unknown key `pathz`: Unrecognized key",
    });
    expect(body).toMatchSnapshot();
  });

  it("lists the findings the pull request resolved, collapsed and linked at the merge base", () => {
    const fixed = finding({ ruleId: "synthetic-stub-label", message: "Unexpected synthetic-stub banner", file: "docs/ai/models/a.md", line: 9, new: false });
    const body = renderComment({ ...failingVerdict, resolved: [fixed], configPreview: undefined, reportChanges: undefined });
    expect(body).toContain("1 existing finding left as debt, 1 finding resolved.");
    expect(body).toContain("<summary>Resolved: 1 finding at the merge base that the head no longer has (1 error)</summary>");
    expect(body).toContain(`(https://github.com/lab/models/blob/${MERGE_BASE}/docs/ai/models/a.md#L9)`);
    expect(renderComment(failingVerdict)).not.toContain("Resolved");
  });

  it("starts with the hidden marker", () => {
    expect(renderComment(failingVerdict).startsWith(COMMENT_MARKER)).toBe(true);
  });

  it("stays within the limit by showing fewer rows, and says so", () => {
    const many = Array.from({ length: 5000 }, (_, i) => finding({ file: `model/m${i}.json`, message: `Problem number ${i} `.repeat(8) }));
    const body = renderComment({ ...failingVerdict, findings: many, configPreview: undefined, reportChanges: undefined });
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(body).toMatch(/more rows? not shown/);
    expect(body.startsWith(COMMENT_MARKER)).toBe(true);
    const small = renderComment({ ...failingVerdict, findings: many.slice(0, 50) }, { limit: 2000 });
    expect(small.length).toBeLessThanOrEqual(2000);
  });

  it("keeps the errors that fail the check when rows must be left out", () => {
    // Sorted by file, the warnings come first; the error is the last new finding.
    const warnings = Array.from({ length: 200 }, (_, i) => finding({ severity: "warning", file: `docs/adr/${String(i).padStart(4, "0")}-a.md`, message: `Missing index row ${i}` }));
    const error = finding({ severity: "error", file: "model/tiny/registry.json", message: "Unexpected licence for the production model" });
    const body = renderComment({ ...failingVerdict, findings: [...warnings, error], configPreview: undefined, reportChanges: undefined }, { limit: 6000 });
    expect(body).toMatch(/more rows? not shown/);
    expect(body).toContain("Unexpected licence for the production model");
    expect(body.indexOf("| error |")).toBeLessThan(body.indexOf("| warning |"));
  });
});
