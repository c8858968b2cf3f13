// rerun-mismatch: the re-run check's findings (id, severity, position at the claimed figures) and
// its conclusion under each severity; and the rule is a known, validated id of the configuration.
import { describe, expect, it } from "@jest/globals";
import { ConfigurationError, GovernanceConfig } from "../../../src/core/config.js";
import { runGovernance } from "../../../src/core/engine.js";
import { compareTarget } from "../../../src/core/rerun/compare.js";
import type { RerunTargetResult } from "../../../src/core/rerun/results.js";
import { judgeRerun } from "../../../src/core/rerun/verdict.js";
import { MemorySnapshot } from "../../../src/core/types.js";

const TOLERANCE = 0.005;
const DIGEST = "docs/research/0067-fr-regressor-v2-loso.md";
const CLAIMED_AT = `${DIGEST}:14`;

function result(reproduced: RerunTargetResult["reproduced"], extra: Partial<RerunTargetResult> = {}): RerunTargetResult {
  return {
    target: DIGEST,
    kind: "digest",
    command: "python3 train.py --loso",
    exitCode: 0,
    durationSeconds: 30,
    claimed: { meanPlcc: 0.9681, folds: { BigBuckBunny: 0.9712, FoxBird: 0.9650 } },
    reproduced,
    logTail: "",
    ...extra,
  };
}

function judge(results: RerunTargetResult[], rules: Record<string, unknown> = {}, claimedFrom: string | null = CLAIMED_AT) {
  const config = GovernanceConfig.parse({ rules });
  const comparisons = results.map((r) => compareTarget(r, config.rerun.tolerance));
  return judgeRerun(comparisons, () => claimedFrom, config);
}

describe("rerun-mismatch", () => {
  it("finds nothing when every figure is within the tolerance, a difference of exactly the tolerance included", () => {
    // 0.9731 − 0.9681 is 0.0050000000000000044 in binary floating point.
    const verdict = judge([result({ meanPlcc: 0.9731, folds: { BigBuckBunny: 0.9712, FoxBird: 0.9650 } })]);
    expect(verdict).toEqual({ conclusion: "success", findings: [], unplaced: [] });
  });

  it("reports a figure outside the tolerance as an error at the claimed figures, and fails the check", () => {
    const verdict = judge([result({ meanPlcc: 0.9402, folds: { BigBuckBunny: 0.9712, FoxBird: 0.9101 } })]);
    expect(verdict.conclusion).toBe("failure");
    expect(verdict.findings).toHaveLength(1);
    expect(verdict.findings[0]).toMatchObject({
      ruleId: "rerun-mismatch",
      severity: "error",
      file: DIGEST,
      line: 14,
      column: 1,
      message: `The re-run of \`${DIGEST}\` differs from its claim by up to 0.0549 PLCC, more than the tolerance 0.005`,
      docsUrl: expect.stringMatching(/\/rerun-mismatch\.md$/),
    });
    expect(verdict.findings[0]!.details).toContain("FoxBird: claimed 0.9650, reproduced 0.9101.");
  });

  it("names the claimed folds a re-run left out", () => {
    const verdict = judge([result({ meanPlcc: 0.9690, folds: { BigBuckBunny: 0.9712 } })]);
    expect(verdict.conclusion).toBe("failure");
    expect(verdict.findings.map((f) => f.message)).toEqual([`The re-run of \`${DIGEST}\` gave no figure for the claimed fold \`FoxBird\``]);
  });

  it("reports a run that failed or printed nothing, with the reason", () => {
    const verdict = judge([result(null, { exitCode: 1 }), result(null)]);
    expect(verdict.conclusion).toBe("failure");
    expect(verdict.findings.map((f) => [f.severity, f.message])).toEqual([
      ["error", `The re-run of \`${DIGEST}\` did not complete: the reproducer exited with status 1`],
      ["error", expect.stringMatching(/^The re-run of `.+` produced no LOSO figures to compare: the reproducer printed no `LOSO PLCC = …` line/)],
    ]);
  });

  it("leaves the check neutral for a mismatch at severity warning or notice, and passes it when the rule is off", () => {
    const differs = result({ meanPlcc: 0.9402, folds: {} });
    const warning = judge([differs], { "rerun-mismatch": "warning" });
    expect(warning.conclusion).toBe("neutral");
    expect(warning.findings.map((f) => f.severity)).toEqual(["warning"]);
    expect(judge([differs], { "rerun-mismatch": { severity: "notice" } }).conclusion).toBe("neutral");
    expect(judge([differs], { "rerun-mismatch": "off" })).toEqual({ conclusion: "success", findings: [], unplaced: [] });
  });

  it("fails the check for a run that did not complete whatever the severity, as SPEC section 5 asks", () => {
    const off = judge([result(null, { exitCode: null, timedOut: true, durationSeconds: 3600 })], { "rerun-mismatch": "off" });
    expect(off.conclusion).toBe("failure");
    expect(off.findings.map((f) => [f.severity, f.message])).toEqual([["error", `The re-run of \`${DIGEST}\` did not complete: the reproducer was stopped at the timeout after 3600 s`]]);
  });

  it("lists a target with no claimed figures to point at instead of placing a finding", () => {
    const unknown = result(null, { target: "no_such_model", kind: "model", error: "is not the id of a model" });
    const verdict = judge([unknown], {}, null);
    expect(verdict.conclusion).toBe("failure");
    expect(verdict.findings).toEqual([]);
    expect(verdict.unplaced.map((c) => c.target)).toEqual(["no_such_model"]);
  });

  it("fails a re-run with no targets", () => {
    expect(judge([]).conclusion).toBe("failure");
  });

  it("is a rule id the configuration may set, with its options validated", () => {
    const files = { "docs/adr/README.md": "# ADRs\n" };
    const withSeverity = GovernanceConfig.parse({ rules: { "rerun-mismatch": "warning" } });
    expect(() => runGovernance(new MemorySnapshot(files), { config: withSeverity })).not.toThrow();
    const withOption = GovernanceConfig.parse({ rules: { "rerun-mismatch": { options: { tolerance: 0.01 } } } });
    expect(() => runGovernance(new MemorySnapshot(files), { config: withOption })).toThrow(ConfigurationError);
    expect(() => judgeRerun([], () => null, withOption)).toThrow(/key `rules\.rerun-mismatch\.options`: Unrecognized key: "tolerance"/);
  });
});
