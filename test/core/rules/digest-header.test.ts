import { describe, expect, it } from "@jest/globals";
import { runGovernance } from "../../../src/core/engine.js";
import { defaultConfig } from "../../../src/core/config.js";
import { digestHeader } from "../../../src/core/rules/digest-header.js";
import { MemorySnapshot } from "../../../src/core/types.js";

function findingsFor(text: string) {
  const snapshot = new MemorySnapshot({ "docs/research/0500-demo.md": text });
  return runGovernance(snapshot, { config: defaultConfig(), rules: [digestHeader] }).findings;
}

describe("digest-header", () => {
  it.each([
    ["bullets", "# Research-0500: Demo\n\n- **Date**: 2026-01-01\n- **Status**: Active\n\n## Body\n"],
    ["bold lines", "# Research Digest 0500 — Demo\n\n**Date**: 2026-01-01\n**Status**: Accepted\n"],
    ["one line", "# Research 0500 — Demo\n\nDate: 2026-01-01 Status: Draft Companion ADR: ADR-0001\n"],
    ["table", "# Demo\n\n| **Date** | 2026-01-01 |\n|---|---|\n| **Status** | Audit |\n"],
    ["a `## Status` section instead of a Status field", "# Research-0500: Demo\n\n- **Date**: 2026-01-01\n\n## Findings\n\nText.\n\n## Status\n\nDone; nothing left open.\n"],
    ["last updated", "# Research-0500: Demo\n\n- **Status**: Active\n- **Last updated**: 2026-01-01\n"],
  ])("accepts %s", (_name, text) => {
    expect(findingsFor(text)).toEqual([]);
  });

  it.each([
    ["no fields", "# Research-0500: Demo (2026-01-01)\n\n## Body\n\nDate: 2026-01-01\n", ["missingDate", "missingStatus"], /title mentions `2026-01-01`/],
    ["status only", "# Research-0500: Demo\n\n- **Status**: Active\n", ["missingDate"], /`status` \(line 3\)/],
    ["date only", "# Research-0500: Demo\n\n_Updated: 2026-01-01._\n", ["missingStatus"], /`updated` \(line 3\)/],
    ["only a `Status update` appendix", "# Research-0500: Demo\n\n_Updated: 2026-01-01._\n\n## Status update 2026-02-01: Accepted\n\nDone.\n", ["missingStatus"], /`updated`/],
    ["an empty `## Status` section", "# Research-0500: Demo\n\n_Updated: 2026-01-01._\n\n## Status\n", ["missingStatus"], /`updated`/],
  ])("reports %s", (_name, text, expected, details) => {
    const findings = findingsFor(text);
    expect(findings.map((f) => [f.ruleId, f.severity, f.line, f.column])).toEqual(expected.map(() => ["digest-header", "warning", 1, 1]));
    expect(findings.map((f) => (f.message.startsWith("Missing `Date`") ? "missingDate" : "missingStatus"))).toEqual(expected);
    expect(findings[0]!.details).toMatch(details);
  });
});
