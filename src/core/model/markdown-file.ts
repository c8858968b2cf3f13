// A governed Markdown file as extractors see it: path, text, its lines and its mdast tree.
import type { Root } from "mdast";
import { parseMarkdown } from "../parse/markdown.js";

export interface MarkdownFile {
  path: string;
  text: string;
  /** `lines[0]` is line 1. Line endings stripped. */
  lines: string[];
  root: Root;
}

export function readMarkdownFile(path: string, text: string): MarkdownFile {
  return { path, text, lines: text.split(/\r?\n/), root: parseMarkdown(text) };
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
