import { describe, expect, it } from "@jest/globals";
import { adr, runRule, where } from "./adr-rules.helpers.js";

const header = "- **Status**: Accepted\n- **Date**: 2026-04-17";
const base = { "docs/adr/0101-current-name.md": adr("0101", header), "docs/adr/0405-moved-here.md": adr("0405", header) };

describe("adr-link-slug", () => {
  it("accepts links with the current file name, mentions, and anchors", () => {
    const text = "[a](../adr/0101-current-name.md#decision) ADR-0101\n";
    expect(runRule("adr-link-slug", { ...base, "docs/research/0001-d.md": text })).toEqual([]);
  });

  it("reports a stale slug at the link target, as a warning", () => {
    const findings = runRule("adr-link-slug", { ...base, "docs/research/0001-d.md": "See [ADR-0101](../adr/0101-old-name.md).\n" });
    expect(findings.map(where)).toEqual(["adr-link-slug:warning:docs/research/0001-d.md:1:16"]);
    expect(findings[0]!.message).toBe(
      "Unexpected link target `0101-old-name.md`, expected `0101-current-name.md` (the file numbered `0101`)",
    );
  });

  it("names the renumbered file when the slug lives on under another number", () => {
    const findings = runRule("adr-link-slug", { ...base, "docs/adr/README.md": "[x]: 0101-moved-here.md\n" });
    expect(findings.map(where)).toEqual(["adr-link-slug:warning:docs/adr/README.md:1:6"]);
    expect(findings[0]!.message).toContain("expected `0405-moved-here.md` (the ADR with this slug was renumbered)");
  });
});
