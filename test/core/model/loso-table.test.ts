import { describe, expect, it } from "@jest/globals";
import type { Table } from "mdast";
import { classifyRowLabel, classifyTableRole, introducingSentence, metricOfHeader, readLosoTable } from "../../../src/core/model/loso-table.js";
import { parseMarkdown } from "../../../src/core/parse/markdown.js";

function firstTable(text: string) {
  const root = parseMarkdown(text);
  const table = root.children.find((node): node is Table => node.type === "table");
  if (!table) throw new Error("fixture has no table");
  return readLosoTable(table, text);
}

describe("metricOfHeader", () => {
  it.each([
    ["PLCC", "plcc"],
    ["LOSO PLCC", "plcc"],
    ["Mean PLCC", "plcc"],
    ["LOSO SROCC", "srocc"],
    ["RMSE", "rmse"],
    ["KROCC", "krocc"],
    ["Δ PLCC vs canonical6", null],
    ["PLCC std", null],
    ["n", null],
  ])("%s -> %p", (header, metric) => {
    expect(metricOfHeader(header)).toBe(metric);
  });
});

describe("classifyRowLabel", () => {
  it.each([
    ["BigBuckBunny_25fps", { role: "fold" }],
    ["**FoxBird**", { role: "fold" }],
    ["**Mean ± std**", { role: "summary", kind: "mean", withSpread: true }],
    ["**LOSO mean ± std**", { role: "summary", kind: "mean", withSpread: true }],
    ["Mean across folds", { role: "summary", kind: "mean", withSpread: false }],
    ["**Std (n-1)**", { role: "summary", kind: "std", stdKind: "sample", withSpread: false }],
    ["Std (n)", { role: "summary", kind: "std", stdKind: "population", withSpread: false }],
    ["Min", { role: "summary", kind: "min", withSpread: false }],
    ["max", { role: "summary", kind: "max", withSpread: false }],
    ["**all-clips concat**", { role: "other" }],
    ["Median", { role: "other" }],
  ])("%s", (label, role) => {
    expect(classifyRowLabel(label)).toEqual(role);
  });
});

describe("readLosoTable", () => {
  it("reads folds with the cell positions of each value", () => {
    const table = firstTable("| Source held-out | LOSO PLCC | RMSE |\n|---|---|---|\n| A_25fps | 0.9652 | 3.794 |\n| **B_30fps** | **0.9183** | 1.2 |\n");
    expect(table?.folds).toEqual([
      { name: "A_25fps", line: 3, values: { plcc: { value: 0.9652, text: "0.9652", decimals: 4, line: 3, column: 13 }, rmse: expect.objectContaining({ value: 3.794 }) } },
      { name: "B_30fps", line: 4, values: { plcc: expect.objectContaining({ value: 0.9183, column: 19 }), rmse: expect.objectContaining({ decimals: 1 }) } },
    ]);
  });

  it.each([
    ["a hyper-parameter table", "| Parameter | Value |\n|---|---|\n| lr | 0.001 |\n| epochs | 40 |\n"],
    ["a per-model table", "| Model | PLCC |\n|---|---|\n| a_v1 | 0.9 |\n| b_v2 | 0.8 |\n"],
    ["a single-split table", "| split | n | PLCC |\n|---|---|---|\n| A | 1 | 0.9 |\n| B | 2 | 0.8 |\n"],
    ["a table with one fold", "| fold | PLCC |\n|---|---|\n| A | 0.9 |\n| **Mean** | 0.9 |\n"],
    ["a fold table without PLCC", "| fold | RMSE |\n|---|---|\n| A | 1.0 |\n| B | 2.0 |\n"],
  ])("rejects %s", (_name, text) => {
    expect(firstTable(text)).toBeNull();
  });
});

describe("readLosoTable: planned columns", () => {
  it("reads a measured PLCC column rather than an expected one beside it", () => {
    const table = firstTable("| fold | Expected PLCC | Measured PLCC |\n|---|---|---|\n| A | 0.90 | 0.9012 |\n| B | 0.80 | 0.8011 |\n");
    expect(table?.folds.map((f) => f.values.plcc?.text)).toEqual(["0.9012", "0.8011"]);
    expect(table).toMatchObject({ role: "result", plccHeader: "Measured PLCC" });
  });

  it("marks a table whose only PLCC column is a target as expected", () => {
    const table = firstTable("| fold | Target PLCC |\n|---|---|\n| A | 0.95 |\n| B | 0.95 |\n");
    expect(table).toMatchObject({ role: "expected", plccHeader: "Target PLCC", roleReason: "the PLCC column is headed `Target PLCC`" });
  });
});

describe("classifyTableRole", () => {
  it.each([
    [{ headings: ["2. Per-fold LOSO results"], caption: "" }, "result"],
    [{ headings: ["Result"], caption: "Per-fold result (each clip is the held-out source for its fold):" }, "result"],
    [{ headings: ["Headline results"], caption: "Per-source PLCC range 0.9945 to 0.9996; every source clears the 0.99 mark." }, "result"],
    [{ headings: ["Target model: demo_v2"], caption: "" }, "result"],
    [{ headings: ["Results compared with Research-0101"], caption: "" }, "result"],
    [{ headings: ["Measured vs expected PLCC"], caption: "" }, "result"],
    [{ headings: ["2. Fold budget"], caption: "Per-fold expected PLCC (from Research-0101 on the deterministic run):" }, "expected"],
    [{ headings: ["Projected results"], caption: "" }, "expected"],
    [{ headings: ["Targets"], caption: "" }, "expected"],
    [{ headings: ["Method"], caption: "A hypothetical outcome, for illustration:" }, "expected"],
    [{ headings: ["Sizing"], caption: "The PLCC targets per fold:" }, "expected"],
    [{ headings: ["Baselines (from Research-0101)"], caption: "" }, "quoted"],
    [{ headings: ["Context"], caption: "Numbers copied from Research-0101:" }, "quoted"],
    [{ headings: ["Context"], caption: "As reported in Research Digest 0101, the folds were:" }, "quoted"],
    [{ headings: [], caption: "", plccHeader: "Expected PLCC" }, "expected"],
  ])("%j -> %s", (context, role) => {
    expect(classifyTableRole(context).role).toBe(role);
  });

  it("lets the introducing sentence speak before an enclosing heading", () => {
    expect(classifyTableRole({ headings: ["Run 2", "Plan and results"], caption: "Per-fold measured result:" }).role).toBe("result");
    expect(classifyTableRole({ headings: ["Run 2", "Expected outcomes"], caption: "" })).toEqual({ role: "expected", reason: "its heading is `Expected outcomes`" });
  });
});

describe("introducingSentence", () => {
  it("keeps the last sentence of the paragraph above a table", () => {
    expect(introducingSentence("We expected the Beta fold to be weak. Per-fold result:")).toBe("Per-fold result:");
    expect(introducingSentence("Per-fold expected PLCC (from Research-0101\non the deterministic run):")).toBe("Per-fold expected PLCC (from Research-0101 on the deterministic run):");
    expect(introducingSentence("")).toBe("");
  });
});

describe("readLosoTable: correlations in percent", () => {
  it.each([
    ["a `%` header", "| Fold | PLCC (%) | RMSE |\n|---|---|---|\n| A | 94.10 | 3.1 |\n| B | 93.80 | 3.3 |\n| Mean | 93.95 | 3.2 |\n"],
    ["values above 1", "| Fold | PLCC | RMSE |\n|---|---|---|\n| A | 94.10 | 3.1 |\n| B | 93.80 | 3.3 |\n| Mean | 93.95 | 3.2 |\n"],
  ])("reads %s as fractions, printed to two more decimals, and leaves RMSE alone", (_name, text) => {
    const table = firstTable(text)!;
    expect(table.folds.map((fold) => [fold.values.plcc?.value, fold.values.plcc?.text, fold.values.plcc?.decimals, fold.values.rmse?.value])).toEqual([
      [0.941, "0.9410", 4, 3.1],
      [0.938, "0.9380", 4, 3.3],
    ]);
    expect(table.summaries[0]!.values.plcc).toMatchObject({ value: 0.9395, text: "0.9395", decimals: 4 });
  });

  it("keeps fractions as they are", () => {
    const table = firstTable("| Fold | PLCC |\n|---|---|\n| A | 0.941 |\n| B | 0.938 |\n")!;
    expect(table.folds.map((fold) => fold.values.plcc?.text)).toEqual(["0.941", "0.938"]);
  });
});
