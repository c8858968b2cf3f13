import { describe, expect, it } from "@jest/globals";
import { escapeCommandData, escapeCommandProperty, renderAnnotation, renderGithub } from "../../../src/core/render/github.js";
import { CLEAN, MIXED, finding } from "./cli-verdict-fixtures.js";

describe("renderGithub", () => {
  it("annotates new findings only, by severity, and ends with a plain summary", () => {
    expect(renderGithub(MIXED)).toMatchSnapshot();
    expect(renderGithub(CLEAN)).toMatchSnapshot();
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
