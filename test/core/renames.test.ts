import { describe, expect, it } from "@jest/globals";
import { classifyFindings, resolvedFindings } from "../../src/core/diff.js";
import { detectRenames } from "../../src/core/renames.js";
import { MemorySnapshot, type Finding } from "../../src/core/types.js";

const kindOf = (path: string): string | null => (path.startsWith("docs/adr/") ? "adr" : path.startsWith("docs/research/") ? "digest" : null);
const adr = (number: string, title: string, extra = "") =>
  [`# ADR-${number}: ${title}`, "", "- **Status**: Accepted", "", "## Context", "", `Why ${title} matters.`, "", "## Decision", "", `We adopt ${title}.`, extra].join("\n");

describe("detectRenames", () => {
  it("pairs a removed file with an added file of identical content", () => {
    const base = new MemorySnapshot({ "docs/adr/0007-old-slug.md": adr("0007", "caching") });
    const head = new MemorySnapshot({ "docs/adr/0007-new-slug.md": adr("0007", "caching") });
    expect([...detectRenames(base, head, kindOf)]).toEqual([["docs/adr/0007-old-slug.md", "docs/adr/0007-new-slug.md"]]);
  });

  it("pairs an edited rename when at least half of the lines survive, and not below that", () => {
    const before = adr("0007", "caching", "Line one.\nLine two.\nLine three.");
    const edited = `${before}\nOne more line.\n`;
    const rewritten = adr("0009", "something else", "Other one.\nOther two.\nOther three.");
    const base = new MemorySnapshot({ "docs/adr/0007-caching.md": before, "docs/adr/0008-gone.md": before.replace(/Line/g, "Row") });
    const head = new MemorySnapshot({ "docs/adr/0007-cache-keys.md": edited, "docs/adr/0009-other.md": rewritten });
    expect([...detectRenames(base, head, kindOf)]).toEqual([["docs/adr/0007-caching.md", "docs/adr/0007-cache-keys.md"]]);
  });

  it("pairs each file once, the most similar first, whatever the listing order", () => {
    const text = adr("0001", "one", "a\nb\nc\nd\ne\nf");
    const base = new MemorySnapshot({ "docs/adr/0001-a.md": text, "docs/adr/0001-b.md": `${text}\nz` });
    const head = new MemorySnapshot({ "docs/adr/0001-c.md": `${text}\nz` });
    expect([...detectRenames(base, head, kindOf)]).toEqual([["docs/adr/0001-b.md", "docs/adr/0001-c.md"]]);
  });

  it("prefers the copy that keeps the name or the directory when identical files appear", () => {
    const text = adr("0003", "moves");
    const base = new MemorySnapshot({ "docs/adr/0003-moves.md": text });
    const head = new MemorySnapshot({ "docs/adr/0002-copy.md": text, "docs/adr/archive/0003-moves.md": text });
    expect(detectRenames(base, head, kindOf).get("docs/adr/0003-moves.md")).toBe("docs/adr/archive/0003-moves.md");
  });

  it("never pairs files of different kinds or files nobody governs", () => {
    const text = adr("0004", "kinds");
    const base = new MemorySnapshot({ "docs/adr/0004-kinds.md": text, "notes/a.md": "same\ntext\n" });
    const head = new MemorySnapshot({ "docs/research/0004-kinds.md": text, "notes/b.md": "same\ntext\n" });
    expect(detectRenames(base, head, kindOf).size).toBe(0);
  });
});

describe("classifyFindings with renames", () => {
  const finding = (file: string, message: string): Finding => ({ ruleId: "r", severity: "error", message, file, line: 1, column: 1, docsUrl: "u" });
  const renames = new Map([["docs/adr/0007-old.md", "docs/adr/0007-new.md"]]);

  it("matches a renamed file's findings under the old path", () => {
    const base = [finding("docs/adr/0007-old.md", "Missing section `## Consequences`")];
    const head = [finding("docs/adr/0007-new.md", "Missing section `## Consequences`"), finding("docs/adr/0007-new.md", "Missing section `## Consequences`")];
    expect(classifyFindings(head, base, renames).map((f) => f.new)).toEqual([false, true]);
    expect(classifyFindings(head, base).map((f) => f.new)).toEqual([true, true]);
  });

  it("counts a base finding as resolved only when no head finding claims it, renames included", () => {
    const base = [finding("docs/adr/0007-old.md", "Missing section `## Consequences`"), finding("docs/adr/0008-x.md", "Missing `Date`")];
    const head = [finding("docs/adr/0007-new.md", "Missing section `## Consequences`")];
    expect(resolvedFindings(head, base, renames).map((f) => f.file)).toEqual(["docs/adr/0008-x.md"]);
    expect(resolvedFindings(head, base).map((f) => f.file)).toEqual(["docs/adr/0007-old.md", "docs/adr/0008-x.md"]);
  });

  it("matches messages that cite the renamed file by its new name, and messages that still quote the old one", () => {
    const base = [
      finding("docs/research/0001-a.md", "Figure differs from `docs/adr/0007-old.md:12`"),
      finding("docs/research/0002-b.md", "Link target `0007-old.md` does not exist"),
    ];
    const head = [
      finding("docs/research/0001-a.md", "Figure differs from `docs/adr/0007-new.md:14`"),
      finding("docs/research/0002-b.md", "Link target `0007-old.md` does not exist"),
    ];
    expect(classifyFindings(head, base, renames).map((f) => f.new)).toEqual([false, false]);
  });
});
