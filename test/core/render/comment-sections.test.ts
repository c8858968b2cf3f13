import { describe, expect, it } from "@jest/globals";
import { keepSections, readSections, replaceSection, RERUN_SECTION } from "../../../src/core/render/comment-sections.js";

describe("sticky comment sections", () => {
  it("appends a section, then replaces it in place", () => {
    const once = replaceSection("<!-- marker -->\n## Verdict\n", RERUN_SECTION, "### Re-run: ✅");
    expect(once).toBe("<!-- marker -->\n## Verdict\n\n<!-- research-governance:section:loso-rerun -->\n### Re-run: ✅\n<!-- research-governance:section-end:loso-rerun -->\n");
    const twice = replaceSection(once, RERUN_SECTION, "### Re-run: ❌");
    expect(readSections(twice)).toEqual(new Map([[RERUN_SECTION, "### Re-run: ❌"]]));
    expect(twice.match(/section:loso-rerun/g)).toHaveLength(1);
  });

  it("keeps the sections a rewrite lacks and lets a rewrite that has one win", () => {
    const previous = replaceSection("<!-- marker -->\nold verdict\n", RERUN_SECTION, "re-run result");
    expect(keepSections("<!-- marker -->\nnew verdict\n", previous)).toBe(replaceSection("<!-- marker -->\nnew verdict\n", RERUN_SECTION, "re-run result"));
    const own = replaceSection("new", RERUN_SECTION, "newer result");
    expect(keepSections(own, previous)).toBe(own);
    expect(keepSections("plain", "plain old")).toBe("plain");
  });
});
