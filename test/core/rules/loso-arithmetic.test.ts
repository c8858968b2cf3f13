import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { runGovernance } from "../../../src/core/engine.js";
import { defaultConfig } from "../../../src/core/config.js";
import { checkStatistic, losoArithmetic } from "../../../src/core/rules/loso-arithmetic.js";
import { MemorySnapshot } from "../../../src/core/types.js";
import { PROJECT_ROOT } from "../../helpers/corpus.js";

function run(files: Record<string, string>) {
  return runGovernance(new MemorySnapshot(files), { config: defaultConfig(), rules: [losoArithmetic] }).findings;
}

function fixture(name: string): string {
  return readFileSync(`${PROJECT_ROOT}/test/fixtures/digest/${name}`, "utf8");
}

describe("checkStatistic", () => {
  const folds = [0.9, 0.94, 0.98].map((value, index) => ({ name: `f${index}`, value, decimals: 4 }));

  it.each([
    ["mean", 0.94, 2, undefined, true],
    ["mean", 0.95, 2, undefined, false],
    ["std", 0.04, 2, undefined, true], // sample std 0.04
    ["std", 0.0327, 4, "population" as const, true], // population std 0.03266
    ["std", 0.0327, 4, "sample" as const, false],
    ["min", 0.9, 1, undefined, true],
    ["max", 0.97, 2, undefined, false],
  ])("%s stated %p (%p decimals, %p) ok=%p", (kind, value, decimals, stdKind, ok) => {
    expect(checkStatistic(kind as "mean", { value, decimals }, folds, stdKind)?.ok).toBe(ok);
  });

  it("needs two folds for a std", () => {
    expect(checkStatistic("std", { value: 0, decimals: 2 }, folds.slice(0, 1))).toBeNull();
  });
});

describe("loso-arithmetic on digests", () => {
  it.each(["0101-demo-loso-results.md", "0103-demo-prose-mean.md"])("accepts %s", (name) => {
    expect(run({ [`docs/research/${name}`]: fixture(name) })).toEqual([]);
  });

  it("reports each wrong summary value at its cell", () => {
    const findings = run({ "docs/research/0104-demo-bad-arithmetic.md": fixture("0104-demo-bad-arithmetic.md") });
    expect(findings.map((f) => [f.ruleId, f.severity, f.line, f.column])).toEqual([
      ["loso-arithmetic", "error", 8, 73], // RMSE mean 3.10 vs 3.00
      ["loso-arithmetic", "error", 9, 19], // Std (n) 0.0400 vs population 0.0327
      ["loso-arithmetic", "error", 11, 11], // Max 0.9700 vs 0.9800
    ]);
    expect(findings[0]!.message).toBe("Unexpected mean RMSE `3.10`, expected `3.0000` from the 3 per-fold values (table at line 3)");
    expect(findings[1]!.message).toBe("Unexpected population std PLCC `0.0400`, expected `0.032660` from the 3 per-fold values (table at line 3)");
    expect(findings[1]!.details).toMatch(/population \(n\): 0\.0326/);
    expect(findings[1]!.details).not.toMatch(/sample/);
    expect(findings[0]!.details).toMatch(/- A: 2 \(line 5\)/);
    expect(findings[0]!.related).toEqual([{ file: "docs/research/0104-demo-bad-arithmetic.md", line: 3, column: 1, message: "Per-fold RMSE values (3 folds)" }]);
  });
});

describe("loso-arithmetic std conventions", () => {
  const digest = (plccStd: string, rmseStd: string): string =>
    [
      "# Research-0105: `demo_regressor_v6` LOSO check",
      "",
      "| fold | PLCC | RMSE |",
      "|---|---:|---:|",
      "| A | 0.9000 | 2.00 |",
      "| B | 0.9400 | 3.00 |",
      "| C | 0.9800 | 4.00 |",
      "| D | 0.9400 | 3.00 |",
      `| **Mean ± std** | 0.9400 ± ${plccStd} | 3.00 ± ${rmseStd} |`,
      "",
    ].join("\n");

  it("quotes the definition the row's other std follows when a std matches neither", () => {
    // PLCC 0.0327 is the sample std (population: 0.0283); RMSE 0.69 is neither (sample 0.8165,
    // population 0.7071): the sample one is quoted although the population one is nearer.
    const findings = run({ "docs/research/0105-demo.md": digest("0.0327", "0.69") });
    expect(findings.map((f) => f.message)).toEqual(["Unexpected std RMSE `0.69`, expected `0.8165` from the 4 per-fold values (table at line 3)"]);
    expect(findings[0]!.details).toMatch(/Quoted: the sample std, which the same row's PLCC std follows\./);
  });

  it("quotes the nearest definition when the row does not decide one", () => {
    // PLCC 0.0300 matches neither either, so nothing tells the row's convention.
    const findings = run({ "docs/research/0105-demo.md": digest("0.0300", "0.69") });
    expect(findings.map((f) => f.message)).toEqual([
      "Unexpected std PLCC `0.0300`, expected `0.028284` from the 4 per-fold values (table at line 3)",
      "Unexpected std RMSE `0.69`, expected `0.7071` from the 4 per-fold values (table at line 3)",
    ]);
  });
});

describe("loso-arithmetic on sidecars", () => {
  const folds = [
    { held_out: "A_25fps", plcc: 0.9973075320766857, srocc: 0.98 },
    { held_out: "B_30fps", plcc: 0.9988475000231712, srocc: 0.99 },
    { held_out: "C_24fps", plcc: 0.9950473838477225, srocc: 0.97 },
  ];
  const values = folds.map((f) => f.plcc);
  const mean = values.reduce((a, b) => a + b) / values.length;
  const sample = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / 2);

  function sidecar(training: Record<string, unknown>, top: Record<string, unknown> = {}): string {
    return `${JSON.stringify({ id: "demo_v1", ...top, training: { loso_folds: folds, ...training } }, null, 2)}\n`;
  }

  it("accepts full-precision fields that follow from the folds", () => {
    const text = sidecar({ loso_mean_plcc: mean, loso_std_plcc: sample, loso_min_plcc: 0.9950473838477225, loso_mean_srocc: 0.98 }, { loso_mean_plcc: mean });
    expect(run({ "model/tiny/demo_v1.json": text })).toEqual([]);
  });

  it("reports a wrong field at its key with the fold paths in the details", () => {
    const text = sidecar({ loso_mean_plcc: 0.9981, loso_max_plcc: 0.9988475000231712 });
    const findings = run({ "model/tiny/demo_v1.json": text });
    expect(findings.map((f) => [f.ruleId, f.file, f.line, f.column])).toEqual([["loso-arithmetic", "model/tiny/demo_v1.json", 21, 5]]);
    expect(findings[0]!.message).toBe(`Unexpected mean PLCC \`0.9981\`, expected \`${mean}\` from the 3 per-fold values (\`training.loso_folds\`)`);
    expect(findings[0]!.details).toMatch(/training\.loso_folds\[2\]\.plcc/);
    expect(findings[0]!.related?.[0]).toMatchObject({ line: 4, column: 5 });
  });

  it("skips sidecars without folds or with invalid JSON", () => {
    expect(run({ "model/tiny/a.json": JSON.stringify({ training: { loso_mean_plcc: 0.5 } }) })).toEqual([]);
  });
});
