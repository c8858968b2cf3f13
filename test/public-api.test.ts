// The package's public API (package.json `main`: src/index.ts built) is small on purpose. This
// pins its runtime names, so a change to them is a deliberate one, and runs the API the way an
// embedder would: govern an in-memory repository and render its discovery report.
import { describe, expect, it } from "@jest/globals";
import * as api from "../src/index.js";

describe("public API", () => {
  it("exports exactly these names", () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        "ConfigurationError",
        "DiscoveryReportError",
        "GovernanceConfig",
        "MemorySnapshot",
        "RERUN_RULES",
        "RULES",
        "classifyFindings",
        "defaultConfig",
        "parseConfig",
        "renderDiscoveryReport",
        "runGovernance",
        "verdictOf",
      ].sort(),
    );
  });

  it("governs an in-memory repository and renders its report", () => {
    const snapshot = new api.MemorySnapshot({
      "docs/adr/0001-first.md": "# ADR-0001: First\n\n- **Status**: Accepted\n- **Date**: 2026-01-01\n\n## Context\n\nx\n",
      "model/tiny/a.json": '{"id": "a", "kind": "fr"}\n',
    });
    const run = api.runGovernance(snapshot, { config: api.defaultConfig() });
    const findings = api.classifyFindings(run.findings, []);
    expect(findings.map((f) => [f.ruleId, f.file, f.line])).toContainEqual(["adr-required-sections", "docs/adr/0001-first.md", 1]);
    expect(api.verdictOf(findings)).toBe("fail");
    expect(api.renderDiscoveryReport(snapshot, api.defaultConfig())).toContain("| model/tiny/a.json | a | fr | - | - | - | none |");
    expect(() => api.parseConfig("rules:\n  nope: error\n")).not.toThrow();
    expect(() => api.runGovernance(snapshot, { config: api.parseConfig("rules:\n  nope: error\n") })).toThrow(api.ConfigurationError);
  });
});
