import { describe, expect, it } from "@jest/globals";
import { escapeCommandData, escapeCommandProperty, renderAnnotation, renderGithub } from "../../../src/core/render/github.js";
import { CLEAN, MIXED, finding } from "./cli-verdict-fixtures.js";

describe("renderGithub", () => {
  it("annotates new findings only, by severity, and ends with a plain summary", () => {
    expect(renderGithub(MIXED)).toMatchSnapshot();
    expect(renderGithub(CLEAN)).toMatchSnapshot();
  });

  it("annotates at most 10 findings of each kind, prints the rest as plain lines and says so", () => {
    const many = (severity: "error" | "warning", count: number) =>
      Array.from({ length: count }, (_, i) => finding({ ruleId: "r", file: `docs/${severity}-${String(i).padStart(2, "0")}.md`, line: 1, severity, message: `m${i}` }));
    const findings = [...many("error", 12), ...many("warning", 3), finding({ ruleId: "r", file: "docs/n.md", line: 1, severity: "notice", message: "two\n::error::x" })];
    const lines = renderGithub({ verdict: "fail", findings, stats: MIXED.stats, base: MIXED.base }).trimEnd().split("\n");
    expect(lines.filter((line) => line.startsWith("::error "))).toHaveLength(10);
    expect(lines.filter((line) => line.startsWith("::warning "))).toHaveLength(3);
    expect(lines.filter((line) => line.startsWith("::notice "))).toHaveLength(2);
    expect(lines.filter((line) => line.startsWith("  error docs/error-1"))).toEqual(["  error docs/error-10.md:1:1 r: m10", "  error docs/error-11.md:1:1 r: m11"]);
    expect(lines.at(-2)).toBe(
      "::notice title=research-governance::2 more new findings printed above without an annotation: GitHub shows at most 10 annotations of each kind per step",
    );
    // Ten findings of a kind fit, and then no note is needed.
    const ten = renderGithub({ verdict: "fail", findings: many("error", 10), stats: MIXED.stats, base: MIXED.base });
    expect(ten).not.toMatch(/without an annotation/);
  });

  it("escapes data and properties per the workflow-command rules", () => {
    expect(escapeCommandData("100% done\r\nnext: a,b")).toBe("100%25 done%0D%0Anext: a,b");
    expect(escapeCommandProperty("a:b,c%\n")).toBe("a%3Ab%2Cc%25%0A");
  });

  it("keeps a hostile path and message inside their command", () => {
    const line = renderAnnotation(
      finding({ ruleId: "r", file: "docs/a,title=x::y.md", line: 2, column: 3, severity: "warning", message: "two\nlines ::error::x" }),
    );
    expect(line).toBe("::warning file=docs/a%2Ctitle=x%3A%3Ay.md,line=2,col=3,title=r::two%0Alines ::error::x");
    expect(line.split("\n")).toHaveLength(1);
  });
});
