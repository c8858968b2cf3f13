import { describe, expect, it } from "@jest/globals";
import { diffReportRows } from "../../../src/core/report/diff-rows.js";

const table = (heading: string, rows: string[]): string =>
  [`## ${heading}`, "", "| Codec | PLCC |", "| --- | --- |", ...rows, ""].join("\n");

describe("diffReportRows", () => {
  it("reports added, removed and changed rows per section", () => {
    const before = ["# R", "", table("Real", ["| a | 0.9 |", "| b | 0.8 |"]), table("Synthetic", ["| s | 0.1 |"])].join("\n");
    const after = ["# R", "", table("Real", ["| a | 0.95 |", "| c | 0.7 |"]), table("Synthetic", ["| s | 0.1 |"])].join("\n");
    expect(diffReportRows(before, after)).toEqual([
      { section: "Real", added: ["| c | 0.7 |"], removed: ["| b | 0.8 |"], changed: [{ before: "| a | 0.9 |", after: "| a | 0.95 |" }] },
    ]);
  });

  it("matches repeated keys by occurrence and covers sections that disappear", () => {
    const before = [table("Real", ["| h | 1 |", "| h | 2 |"]), table("Gone", ["| g | 1 |"])].join("\n");
    const after = table("Real", ["| h | 1 |", "| h | 3 |", "| h | 4 |"]);
    expect(diffReportRows(before, after)).toEqual([
      { section: "Real", added: ["| h | 4 |"], removed: [], changed: [{ before: "| h | 2 |", after: "| h | 3 |" }] },
      { section: "Gone", added: [], removed: ["| g | 1 |"], changed: [] },
    ]);
  });

  it("returns nothing for identical reports", () => {
    const report = table("Real", ["| a | 1 |"]);
    expect(diffReportRows(report, report)).toEqual([]);
  });
});
