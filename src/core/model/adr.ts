// ADR documents (`docs/adr/NNNN-slug.md`). OWNER: structure helper — expand freely.
import type { MarkdownFile, ParseProblem } from "./markdown-file.js";

export interface AdrDocument {
  kind: "adr";
  path: string;
  /** Number from the file name, or null when the name has none. */
  number: number | null;
  problems: ParseProblem[];
}

export function extractAdr(file: MarkdownFile): AdrDocument {
  const match = /(?:^|\/)(\d{3,5})-[^/]*\.md$/.exec(file.path);
  return { kind: "adr", path: file.path, number: match ? Number(match[1]) : null, problems: [] };
}
