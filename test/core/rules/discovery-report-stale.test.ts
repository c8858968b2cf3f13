import { describe, expect, it } from "@jest/globals";
import { defaultConfig, type GovernanceConfig } from "../../../src/core/config.js";
import { runGovernance } from "../../../src/core/engine.js";
import { renderDiscoveryReport } from "../../../src/core/report/index.js";
import { discoveryReportStale, firstDifference } from "../../../src/core/rules/discovery-report-stale.js";
import { MemorySnapshot } from "../../../src/core/types.js";

const COPY = "docs/ai/training-discovery-report.md";
const inputs = { "model/a.json": JSON.stringify({ id: "a", kind: "fr", loso_mean_plcc: 0.97 }) };

function config(overrides: Partial<GovernanceConfig["report"]> = {}, extended?: boolean | "auto"): GovernanceConfig {
  const base = defaultConfig();
  base.report = { ...base.report, committedCopies: [COPY], ...overrides };
  if (extended !== undefined) base.rules["discovery-report-stale"] = { options: { extended } };
  return base;
}

function fresh(extended = false): string {
  return renderDiscoveryReport(new MemorySnapshot(inputs), config(), { extended });
}

function check(files: Record<string, string>, settings = config()) {
  return runGovernance(new MemorySnapshot({ ...inputs, ...files }), { config: settings, rules: [discoveryReportStale] }).findings;
}

describe("discovery-report-stale", () => {
  it("accepts fresh plain and extended copies", () => {
    expect(check({ [COPY]: fresh() })).toEqual([]);
    expect(check({ [COPY]: fresh(true) })).toEqual([]);
  });

  it("reports a stale copy at the first differing line with a unified diff", () => {
    const stale = fresh().replace("| 0.9700 |", "| 0.9600 |");
    const findings = check({ [COPY]: stale });
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding).toMatchObject({ ruleId: "discovery-report-stale", severity: "error", file: COPY, line: 9, column: 30 });
    expect(finding!.message).toBe(
      "Unexpected `| model/a.json | a | fr | 0.9600 | - | - | LOSO mean |`, expected `| model/a.json | a | fr | 0.9700 | - | - | LOSO mean |` from a fresh regeneration (run `rgov report`)",
    );
    expect(finding!.details).toContain(`--- ${COPY}\tcommitted`);
    expect(finding!.details).toContain("-| model/a.json | a | fr | 0.9600 | - | - | LOSO mean |");
    expect(finding!.details).toContain("+| model/a.json | a | fr | 0.9700 | - | - | LOSO mean |");
  });

  it("reports a configured copy that is missing", () => {
    const findings = check({});
    expect(findings.map((finding) => [finding.file, finding.line, finding.message])).toEqual([
      [COPY, 1, `Unexpected missing report copy \`${COPY}\`, expected a committed copy of the discovery report`],
    ]);
  });

  it("reports inputs that cannot be regenerated, pointing at the input", () => {
    const findings = check({ [COPY]: "# old\n" }, config({ preset: "vmaf" }));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain("model/tiny/fr_regressor_v2.json: file is missing");
    expect(findings[0]!.related).toEqual([
      { file: "model/tiny/fr_regressor_v2.json", line: 1, column: 1, message: "model/tiny/fr_regressor_v2.json: file is missing" },
    ]);
  });

  it("compares with the mode the option forces", () => {
    expect(check({ [COPY]: fresh() }, config({}, true))).toHaveLength(1);
    expect(check({ [COPY]: fresh(true) }, config({}, false))).toHaveLength(1);
  });

  it("does nothing when no copies are configured", () => {
    expect(check({ [COPY]: "stale" }, config({ committedCopies: [] }))).toEqual([]);
  });
});

describe("firstDifference", () => {
  it.each([
    ["a\nb\n", "a\nc\n", { line: 2, column: 1, found: "b", expected: "c" }],
    ["a\n", "a\nb\n", { line: 2, column: 1, found: "empty line", expected: "b" }],
    ["a\nb", "a\nb\n", { line: 3, column: 1, found: "end of file", expected: "empty line" }],
    ["a\r\nb\r\n", "a\nb\n", { line: 1, column: 2, found: "a\\r", expected: "a" }],
    ["x `y`", "x y", { line: 1, column: 3, found: "x 'y'", expected: "x y" }],
  ])("locates the difference between %j and %j", (committed, regenerated, expected) => {
    expect(firstDifference(committed, regenerated)).toEqual(expected);
  });
});
