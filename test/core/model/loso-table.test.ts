import { describe, expect, it } from "@jest/globals";
import type { Table } from "mdast";
import { classifyRowLabel, metricOfHeader, readLosoTable } from "../../../src/core/model/loso-table.js";
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
