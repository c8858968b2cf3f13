import { describe, expect, it } from "@jest/globals";
import { CHECK_OUTPUT_LIMIT, MAX_ANNOTATIONS, renderCheckRun } from "../../../src/core/render/check-run.js";
import { failingVerdict, finding, HEAD, MERGE_BASE } from "./fixtures.js";

describe("renderCheckRun", () => {
  it("renders title, summary, text and annotations for new findings only", () => {
    expect(renderCheckRun(failingVerdict)).toMatchSnapshot();
  });

  it("maps outcomes to conclusions", () => {
    const base = { headSha: HEAD, mergeBaseSha: MERGE_BASE, findings: [], changedGovernedPaths: [] };
    expect(renderCheckRun({ ...base, outcome: "pass" }).conclusion).toBe("success");
    expect(renderCheckRun({ ...base, outcome: "neutral" }).conclusion).toBe("neutral");
    expect(renderCheckRun({ ...base, outcome: "config-error", configurationError: "key `x`" }).conclusion).toBe("failure");
  });

  it("caps annotations with a note and keeps summary and text within GitHub's limit", () => {
    const many = Array.from({ length: 2000 }, (_, i) => finding({ file: `model/m${i}.json`, message: `Problem ${i} `.repeat(10) }));
    const run = renderCheckRun({ ...failingVerdict, findings: many });
    expect(run.annotations).toHaveLength(MAX_ANNOTATIONS);
    expect(run.summary).toContain(`Annotations are capped at ${MAX_ANNOTATIONS}`);
    expect(run.text.length).toBeLessThanOrEqual(CHECK_OUTPUT_LIMIT);
    expect(run.text).toMatch(/cut at GitHub's size limit/);
  });

  it("annotates errors before warnings when the cap leaves findings out", () => {
    const warnings = Array.from({ length: MAX_ANNOTATIONS + 10 }, (_, i) => finding({ severity: "warning", file: `docs/a${String(i).padStart(4, "0")}.md` }));
    const error = finding({ severity: "error", file: "model/tiny/registry.json", message: "Unexpected licence" });
    const run = renderCheckRun({ ...failingVerdict, findings: [...warnings, error] });
    expect(run.annotations).toHaveLength(MAX_ANNOTATIONS);
    expect(run.annotations[0]).toMatchObject({ path: "model/tiny/registry.json", annotation_level: "failure" });
  });
});
