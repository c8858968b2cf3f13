import { describe, expect, it } from "@jest/globals";
import { adr, runRule, where } from "./adr-rules.helpers.js";

const header = "- **Status**: Accepted\n- **Date**: 2026-04-17";

describe("adr-number-unique", () => {
  it("accepts distinct numbers", () => {
    expect(runRule("adr-number-unique", { "docs/adr/0101-a.md": adr("0101", header), "docs/adr/0102-b.md": adr("0102", header) })).toEqual([]);
  });

  it("reports both files that share a number, each pointing at the other", () => {
    const findings = runRule("adr-number-unique", { "docs/adr/0101-a.md": adr("0101", header), "docs/adr/0101-b.md": adr("0101", header) });
    expect(findings.map(where)).toEqual(["adr-number-unique:error:docs/adr/0101-a.md:1:3", "adr-number-unique:error:docs/adr/0101-b.md:1:3"]);
    expect(findings[0]!.related?.[0]?.file).toBe("docs/adr/0101-b.md");
  });

  it("reports a title that states another number than the file name", () => {
    const findings = runRule("adr-number-unique", { "docs/adr/0409-a.md": adr("0350", header) });
    expect(findings.map(where)).toEqual(["adr-number-unique:error:docs/adr/0409-a.md:1:3"]);
    expect(findings[0]!.message).toBe("Unexpected title number `ADR-0350`, expected `ADR-0409` from the file name");
  });
});
