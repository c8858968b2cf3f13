import { describe, expect, it } from "@jest/globals";
import { defaultConfig } from "../../../src/core/config.js";
import * as report from "../../../src/core/report/index.js";
import { EXTENDED_MARKER_HEADING, renderDiscoveryReport, resolveReportPreset } from "../../../src/core/report/index.js";
import { MemorySnapshot } from "../../../src/core/types.js";
import { fixtureSnapshot, fixtureText } from "./fixtures.js";

const generic = new MemorySnapshot({ "model/a.json": '{"id": "a"}' });

describe("renderDiscoveryReport", () => {
  it("pins the public API", () => {
    expect(Object.keys(report).sort()).toEqual([
      "DiscoveryReportError",
      "EXTENDED_MARKER_HEADING",
      "VMAF_REQUIRED_FILES",
      "diffReportRows",
      "hasVmafLayout",
      "renderDiscoveryReport",
      "resolveReportPreset",
    ]);
  });

  it("auto-detects the VMAF layout and falls back to the generic preset", () => {
    expect(resolveReportPreset(fixtureSnapshot("vmaf-later"), "auto")).toBe("vmaf");
    expect(resolveReportPreset(generic, "auto")).toBe("generic");
    expect(resolveReportPreset(generic, "vmaf")).toBe("vmaf");
  });

  it("honours config.report.preset and lets the caller override it", () => {
    const config = defaultConfig();
    config.report.preset = "generic";
    const vmafRepo = fixtureSnapshot("vmaf-later");
    expect(renderDiscoveryReport(vmafRepo, config)).toContain("## Sidecars");
    expect(renderDiscoveryReport(vmafRepo, config, { preset: "vmaf" })).toBe(fixtureText("vmaf-later", "expected.md"));
    expect(() => renderDiscoveryReport(generic, defaultConfig(), { preset: "vmaf" })).toThrow(report.DiscoveryReportError);
  });

  it("appends the extended sections after the preset's own", () => {
    const plain = renderDiscoveryReport(fixtureSnapshot("vmaf-later"), defaultConfig());
    const extended = renderDiscoveryReport(fixtureSnapshot("vmaf-later"), defaultConfig(), { extended: true });
    expect(extended.startsWith(`${plain}\n${EXTENDED_MARKER_HEADING}\n`)).toBe(true);
    expect(extended).toContain("| model/tiny/fr_regressor_v3.json | fr_regressor_v3 | fr | passed | LOSO folds (2) | no |");
    expect(extended).toContain('x-axis ["SourceA", "SourceB"]');
  });
});
