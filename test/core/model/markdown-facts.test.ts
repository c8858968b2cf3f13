// ADRs and plain governed Markdown are read from the block tree, without inline parsing. These
// tests hold the two things read that way (code lines, top-level headings) equal to what the full
// mdast tree says, on fixtures and on every Markdown file of the corpus.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "@jest/globals";
import type { Nodes, Root } from "mdast";
import { codeLines, extractMarkdownFacts } from "../../../src/core/model/markdown-facts.js";
import { readMarkdownFile } from "../../../src/core/model/markdown-file.js";
import { topLevelHeadings } from "../../../src/core/parse/mdast-builder.js";
import { CORPUS_DIR, describeWithCorpus } from "../../helpers/corpus.js";

/** Code lines as the mdast tree has them. */
function mdastCodeLines(root: Root): number[] {
  const lines: number[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === "code" && node.position) {
      for (let line = node.position.start.line; line <= node.position.end.line; line++) lines.push(line);
    }
    if ("children" in node) for (const child of node.children as Nodes[]) visit(child);
  };
  visit(root);
  return lines.sort((a, b) => a - b);
}

function mdastHeadings(root: Root): Array<{ depth: number; startLine: number; endLine: number }> {
  return root.children.flatMap((node) =>
    node.type === "heading" && node.position ? [{ depth: node.depth, startLine: node.position.start.line, endLine: node.position.end.line }] : [],
  );
}

function blockView(text: string) {
  const file = readMarkdownFile("docs/x.md", text);
  return { codeLines: [...codeLines(file)].sort((a, b) => a - b), headings: topLevelHeadings(file.blocks) };
}

function treeView(text: string) {
  const root = readMarkdownFile("docs/x.md", text).root;
  return { codeLines: mdastCodeLines(root), headings: mdastHeadings(root) };
}

describe("reading Markdown from its blocks", () => {
  it.each([
    ["fenced code in a list item", "- item\n\n  ```sh\n  see ADR-0001\n  ```\n\nADR-0002 here.\n"],
    ["indented code after a paragraph", "Text ADR-0003.\n\n    ADR-0004 in code\n\nAfter [x](0005-y.md).\n"],
    ["a fence in a block quote", "> ```\n> ADR-0006\n> ```\n> ADR-0007\n"],
    ["an unclosed fence", "# T\n\n```\nADR-0008\n"],
    ["a tilde fence with a longer closer", "~~~\nADR-0009\n~~~~\nADR-0010\n"],
    ["a lazy continuation line", "- a\n    ADR-0011 lazily continued\n"],
    ["ATX and setext headings", "# Title\n\nSection\n-------\n\n## Two ##\n\nText\n===\n"],
    ["a setext heading after link definitions", "[a]: https://example.com\nHeading\n=======\n"],
    ["a heading inside a list is not top level", "- # In a list\n\n# Top\n"],
  ])("agrees with the mdast tree: %s", (_name, text) => {
    expect(blockView(text)).toEqual(treeView(text));
  });

  it("builds no mdast tree for the shared facts", () => {
    const file = readMarkdownFile("docs/x.md", "ADR-0001\n\n```\nADR-0002\n```\n\n    ADR-0003\n\nADR-0004\n");
    let treeBuilt = false;
    const watched = Object.create(file, { root: { get: () => ((treeBuilt = true), file.root) } }) as typeof file;
    const facts = extractMarkdownFacts(watched);
    expect(facts.adrReferences.map((reference) => reference.number)).toEqual([1, 4]);
    expect(treeBuilt).toBe(false);
  });
});

describeWithCorpus("reading the corpus's Markdown from its blocks", () => {
  it("gives the code lines and top-level headings of the mdast tree for every file", () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name));
        else if (entry.name.endsWith(".md")) files.push(join(dir, entry.name));
      }
    };
    walk(CORPUS_DIR);
    const differing = files.filter((file) => {
      const text = readFileSync(file, "utf8");
      return JSON.stringify(blockView(text)) !== JSON.stringify(treeView(text));
    });
    expect(files.length).toBeGreaterThan(800);
    expect(differing).toEqual([]);
  });
});
