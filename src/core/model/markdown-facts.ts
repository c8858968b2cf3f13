// Facts every governed Markdown file shares, whatever its kind. OWNER: structure helper.
import type { MarkdownFile } from "./markdown-file.js";

export interface MarkdownFacts {
  path: string;
  /** Opening lines of code fences that never close. */
  unclosedFences: Array<{ line: number; column: number; marker: string }>;
}

export function extractMarkdownFacts(file: MarkdownFile): MarkdownFacts {
  return { path: file.path, unclosedFences: [] };
}
