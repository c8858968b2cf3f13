import { describe, expect, it } from "@jest/globals";
import { renderJson } from "../../../src/core/render/json.js";
import { CLEAN, MIXED } from "./cli-verdict-fixtures.js";

describe("renderJson", () => {
  it("follows the CLI contract: verdict, findings with the contract's keys, stats", () => {
    const parsed = JSON.parse(renderJson(MIXED)) as { verdict: string; findings: Array<Record<string, unknown>>; stats: Record<string, unknown> };
    expect(Object.keys(parsed)).toEqual(["verdict", "findings", "stats"]);
    expect(parsed.verdict).toBe("fail");
    expect(Object.keys(parsed.findings[1]!)).toEqual(["ruleId", "severity", "file", "line", "column", "message", "docsUrl", "new"]);
    expect(parsed.findings[0]!.related).toEqual([{ file: "docs/adr/0002-engine.md", line: 4, column: 1, message: "ADR-0002 header" }]);
    expect(parsed.stats).toMatchObject({ governedFiles: 42, newFindings: 3, debtFindings: 3, base: { ref: "origin/main" } });
  });

  it("renders stable text", () => {
    expect(renderJson(MIXED)).toMatchSnapshot();
    expect(renderJson(CLEAN)).toMatchSnapshot();
  });
});
