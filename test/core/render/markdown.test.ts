import { describe, expect, it } from "@jest/globals";
import { MAX_TABLE_ROWS, escapeCell, renderMarkdown } from "../../../src/core/render/markdown.js";
import { CLEAN, MIXED, WITHOUT_BASE, finding } from "./cli-verdict-fixtures.js";

describe("renderMarkdown", () => {
  it("puts new findings in a table and debt in <details>", () => {
    expect(renderMarkdown(MIXED)).toMatchSnapshot();
  });

  it("renders runs without a base and clean runs", () => {
    expect(renderMarkdown(WITHOUT_BASE)).toMatchSnapshot();
    expect(renderMarkdown(CLEAN)).toMatchSnapshot();
  });

  it("escapes pipes, line breaks and HTML outside code spans", () => {
    expect(escapeCell("a | b\nc <b>`<kept>`")).toBe("a \\| b<br>c &lt;b&gt;`<kept>`");
  });

  it("caps long tables and says how many rows were left out", () => {
    const many = Array.from({ length: MAX_TABLE_ROWS + 5 }, (_, i) => finding({ ruleId: "adr-header", file: `docs/adr/${i}.md`, line: 1 }));
    const text = renderMarkdown({ ...CLEAN, verdict: "fail", findings: many });
    expect(text.match(/^\| 🔴 error/gm)).toHaveLength(MAX_TABLE_ROWS);
    expect(text).toContain("…and 5 more");
  });
});
