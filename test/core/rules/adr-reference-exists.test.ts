import { describe, expect, it } from "@jest/globals";
import { adr, runRule, where } from "./adr-rules.helpers.js";

const header = "- **Status**: Accepted\n- **Date**: 2026-04-17";
const base = { "docs/adr/0101-a.md": adr("0101", header), "docs/adr/0000-template.md": "# ADR-0000: template\n" };

describe("adr-reference-exists", () => {
  const valid: Array<[string, string, string]> = [
    ["a mention of an existing ADR", "docs/research/0001-d.md", "See ADR-0101.\n"],
    ["links with ../adr/ and ../../docs/adr/", "docs/research/0001-d.md", "[a](../adr/0101-a.md) [b](../../docs/adr/0101-a.md)\n"],
    ["a mention in inline code", "docs/research/0001-d.md", "Use `ADR-0999` as a placeholder.\n"],
    ["a mention in a fenced block", "docs/research/0001-d.md", "```\nADR-0999\n```\n"],
    ["a link to the template", "docs/adr/0102-b.md", adr("0102", header, undefined, "[t](0000-template.md)\n")],
    ["a link to a research digest", "docs/adr/0102-b.md", adr("0102", header, undefined, "[r](../research/0999-x.md)\n")],
  ];
  it.each(valid)("accepts %s", (_name, path, text) => {
    expect(runRule("adr-reference-exists", { ...base, [path]: text })).toEqual([]);
  });

  it("reports mentions, inline links and reference definitions of missing numbers", () => {
    const text = "Per ADR-0999 and\n[ADR-0998](../adr/0998-gone.md) once.\n\n[old]: ../../docs/adr/0997-old.md\n";
    const findings = runRule("adr-reference-exists", { ...base, "docs/research/0001-d.md": text });
    expect(findings.map(where)).toEqual([
      "adr-reference-exists:error:docs/research/0001-d.md:1:5",
      "adr-reference-exists:error:docs/research/0001-d.md:2:2",
      "adr-reference-exists:error:docs/research/0001-d.md:4:8",
    ]);
    expect(findings[0]!.message).toBe("Unexpected reference `ADR-0999`, expected an existing ADR but `docs/adr` has no `0999-*.md`");
    expect(findings[2]!.message).toContain("`../../docs/adr/0997-old.md`");
  });

  it("honours ignoreNumbers", () => {
    const files = { ...base, "docs/research/0001-d.md": "ADR-0999\n" };
    expect(runRule("adr-reference-exists", files, "rules:\n  adr-reference-exists:\n    options:\n      ignoreNumbers: [999]\n")).toEqual([]);
  });
});
