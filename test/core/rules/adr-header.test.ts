import { describe, expect, it } from "@jest/globals";
import { adr, runRule, where } from "./adr-rules.helpers.js";

const file = "docs/adr/0101-x.md";

describe("adr-header", () => {
  const valid: Array<[string, string]> = [
    ["bold bullets", "- **Status**: Accepted\n- **Date**: 2026-04-17"],
    ["colon inside bold", "- **Status:** Proposed\n- **Date:** 2026-04-17"],
    ["plain bullets", "- Status: Draft\n- Date: 2026-05-02"],
    ["bare lines", "Status: Accepted\nDate: 2026-05-10"],
    ["table", "| Field | Value |\n| --- | --- |\n| **Status** | Accepted |\n| Date | 2026-05-05 |"],
    ["qualified status", "- **Status**: Accepted (gate passed: v2 IoU 0.71 >= v1 0.65)\n- **Date**: 2026-05-02 (proposed)"],
    ["superseded with link", "- **Status**: Superseded by [ADR-0102](0102-y.md)\n- **Date**: 2026-04-17"],
    ["wrapped status", "- **Status**: Accepted (amended 2026-04-20 with\n  a second line)\n- **Date**: 2026-04-17"],
  ];
  it.each(valid)("accepts %s", (_name, header) => {
    expect(runRule("adr-header", { [file]: adr("0101", header) })).toEqual([]);
  });

  const invalid: Array<[string, string, string[], string]> = [
    ["missing status", "- **Date**: 2026-04-17", ["adr-header:error:docs/adr/0101-x.md:1:1"], "Missing `Status`"],
    ["missing date", "- **Status**: Accepted", ["adr-header:error:docs/adr/0101-x.md:1:1"], "Missing `Date`"],
    ["unknown status", "- **Status**: Approved\n- **Date**: 2026-04-17", ["adr-header:error:docs/adr/0101-x.md:3:15"], "Unexpected status `Approved`"],
    ["non-ISO date", "- **Status**: Accepted\n- **Date**: 17/04/2026", ["adr-header:error:docs/adr/0101-x.md:4:13"], "Unexpected date `17/04/2026`"],
    ["impossible date", "- Status: Accepted\n- Date: 2026-02-30", ["adr-header:error:docs/adr/0101-x.md:4:9"], "Unexpected date `2026-02-30`"],
    ["table status", "| Field | Value |\n|---|---|\n| Status | Approved |\n| Date | 2026-05-05 |", ["adr-header:error:docs/adr/0101-x.md:5:12"], "`Approved`"],
  ];
  it.each(invalid)("reports %s", (_name, header, expected, message) => {
    const findings = runRule("adr-header", { [file]: adr("0101", header) });
    expect(findings.map(where)).toEqual(expected);
    expect(findings[0]!.message).toContain(message);
  });

  it("takes the allowed statuses from options", () => {
    const files = { [file]: adr("0101", "- **Status**: Approved\n- **Date**: 2026-04-17") };
    expect(runRule("adr-header", files, "rules:\n  adr-header:\n    options:\n      statuses: [Approved]\n")).toEqual([]);
  });
});
