import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "@jest/globals";
import { extractMarkdownFacts, extractMarkdownFactsFromText } from "../../../src/core/model/markdown-facts.js";
import { readMarkdownFile } from "../../../src/core/model/markdown-file.js";
import { CORPUS_DIR, describeWithCorpus } from "../../helpers/corpus.js";

/** Facts the way ADRs, digests and cards get them: from the full mdast tree. */
const fromTree = (path: string, text: string) => extractMarkdownFacts(readMarkdownFile(path, text));

describe("extractMarkdownFactsFromText (block scanner only)", () => {
  it.each([
    ["fenced code in a list item", "- item\n\n  ```sh\n  see ADR-0001\n  ```\n\nADR-0002 here.\n"],
    ["indented code after a paragraph break", "Text ADR-0003.\n\n    ADR-0004 in code\n\nAfter [x](0005-y.md).\n"],
    ["fence in a block quote", "> ```\n> ADR-0006\n> ```\n> ADR-0007\n"],
    ["an unclosed fence", "# T\n\n```\nADR-0008\n"],
    ["a tilde fence with a longer closer", "~~~\nADR-0009\n~~~~\nADR-0010\n"],
    ["a lazy continuation line that looks like code", "- a\n    ADR-0011 lazily continued\n"],
    ["inline code is not a code block", "Use `ADR-0012` and ADR-0013.\n"],
  ])("finds the same facts as the mdast tree: %s", (_name, text) => {
    expect(extractMarkdownFactsFromText("docs/research/x.md", text)).toEqual(fromTree("docs/research/x.md", text));
  });

  it("keeps references outside code and drops those inside", () => {
    const facts = extractMarkdownFactsFromText("docs/x.md", "ADR-0001\n\n```\nADR-0002\n```\n\n    ADR-0003\n\nADR-0004\n");
    expect(facts.adrReferences.map((reference) => reference.number)).toEqual([1, 4]);
  });
});

describeWithCorpus("extractMarkdownFactsFromText on the corpus", () => {
  it("equals the mdast-based facts for every Markdown file", () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name));
        else if (entry.name.endsWith(".md")) files.push(join(dir, entry.name));
      }
    };
    walk(CORPUS_DIR);
    const differing = files.filter((file) => {
      const path = relative(CORPUS_DIR, file);
      const text = readFileSync(file, "utf8");
      return JSON.stringify(extractMarkdownFactsFromText(path, text)) !== JSON.stringify(fromTree(path, text));
    });
    expect(files.length).toBeGreaterThan(800);
    expect(differing).toEqual([]);
  });
});
