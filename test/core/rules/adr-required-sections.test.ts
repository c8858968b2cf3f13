import { describe, expect, it } from "@jest/globals";
import { adr, runRule, where } from "./adr-rules.helpers.js";

const file = "docs/adr/0101-x.md";
const header = "- **Status**: Accepted\n- **Date**: 2026-04-17";

describe("adr-required-sections", () => {
  const valid: Array<[string, string[]]> = [
    ["the template sections", ["Context", "Decision", "Alternatives considered", "Consequences", "References"]],
    ["variants", ["Context and problem statement", "Decision outcome", "Considered options", "Consequences and follow-ups", "References (v3 SSE)"]],
    ["numbered and emphasised", ["1. Context", "2. **Decision**", "3. Alternatives", "4. Consequences", "5. See also"]],
  ];
  it.each(valid)("accepts %s", (_name, sections) => {
    expect(runRule("adr-required-sections", { [file]: adr("0101", header, sections) })).toEqual([]);
  });

  it("reports each missing section at the title", () => {
    const findings = runRule("adr-required-sections", { [file]: adr("0101", header, ["Context", "Decision drivers", "Alternatives considered"]) });
    expect(findings.map(where)).toEqual([
      "adr-required-sections:error:docs/adr/0101-x.md:1:1",
      "adr-required-sections:error:docs/adr/0101-x.md:1:1",
      "adr-required-sections:error:docs/adr/0101-x.md:1:1",
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      "Missing section `Consequences`, expected a heading `## Consequences`",
      "Missing section `Decision`, expected a heading `## Decision`",
      "Missing section `References`, expected a heading `## References`",
    ]);
  });

  it("ignores a section heading inside a code block", () => {
    const text = adr("0101", header, ["Context", "Decision", "Alternatives considered", "References"], "```\n## Consequences\n```\n");
    expect(runRule("adr-required-sections", { [file]: text }).map((f) => f.message)).toEqual([
      "Missing section `Consequences`, expected a heading `## Consequences`",
    ]);
  });

  it("takes the section list from options", () => {
    const files = { [file]: adr("0101", header, ["Context"]) };
    expect(runRule("adr-required-sections", files, "rules:\n  adr-required-sections:\n    options:\n      sections: [Context]\n")).toEqual([]);
  });
});
