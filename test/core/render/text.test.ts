import { describe, expect, it } from "@jest/globals";
import { renderText } from "../../../src/core/render/text.js";
import { CLEAN, MIXED, WITHOUT_BASE } from "./cli-verdict-fixtures.js";

describe("renderText", () => {
  it("lists new findings by file, summarises debt by rule, ends with the verdict", () => {
    expect(renderText(MIXED)).toMatchSnapshot();
  });

  it("does not mark findings as new when nothing was compared", () => {
    const text = renderText(WITHOUT_BASE);
    expect(text).toContain("  12:1  warning  Stale slug `old-name`  adr-link-slug");
    expect(text).toMatchSnapshot();
  });

  it("renders a clean run", () => {
    expect(renderText(CLEAN)).toMatchSnapshot();
  });
});
