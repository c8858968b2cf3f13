// A governed Markdown file as extractors see it: path, text, its lines, its block structure and
// its mdast tree. The block scan and the tree are made on first use: inline parsing is most of a
// parse, and ADRs and plain governed files are read from their lines and blocks alone.
import type { Root } from "mdast";
import { scanBlocks, type ScanResult } from "../parse/block-scanner.js";
import { buildMdastFromBlocks } from "../parse/mdast-builder.js";

export interface MarkdownFile {
  path: string;
  text: string;
  /** `lines[0]` is line 1. Line endings stripped. */
  lines: string[];
  /** The block scanner's tree (containers and leaves with their lines, no inline content). */
  readonly blocks: ScanResult;
  /** The full mdast tree, as parseMarkdown gives it. */
  readonly root: Root;
}

export function readMarkdownFile(path: string, fileText: string): MarkdownFile {
  // A byte order mark is invisible in editors and on GitHub, and would hide a first-line title.
  const text = fileText.startsWith("\uFEFF") ? fileText.slice(1) : fileText;
  let blocks: ScanResult | undefined;
  let root: Root | undefined;
  return {
    path,
    text,
    lines: text.split(/\r?\n/),
    get blocks() {
      blocks ??= scanBlocks(text);
      return blocks;
    },
    get root() {
      root ??= buildMdastFromBlocks(this.blocks);
      return root;
    },
  };
}

/**
 * The line of the `---` (or `...`) that closes YAML front matter opened on line 1 (MADR-style
 * headers), or 0 when the file has none.
 */
export function frontMatterEnd(lines: readonly string[]): number {
  // A file may also open with a thematic break: front matter starts with a `key:` line.
  if (!/^---\s*$/.test(lines[0] ?? "") || !/^[A-Za-z_][\w -]*:(?:\s|$)/.test(lines[1] ?? "")) return 0;
  for (let index = 1; index < Math.min(lines.length, 60); index++) {
    if (/^(?:---|\.\.\.)\s*$/.test(lines[index]!)) return index + 1;
  }
  return 0;
}

/**
 * Something an extractor could not understand. The `document-parse` rule turns each into a
 * finding with file and line, so a broken document is reported, never a crash.
 */
export interface ParseProblem {
  message: string;
  line: number;
  column: number;
}
