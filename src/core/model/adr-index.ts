// The ADR index (`docs/adr/README.md`). OWNER: structure helper — expand freely.
import type { MarkdownFile, ParseProblem } from "./markdown-file.js";

export interface AdrIndex {
  kind: "adr-index";
  path: string;
  problems: ParseProblem[];
}

export function extractAdrIndex(file: MarkdownFile): AdrIndex {
  return { kind: "adr-index", path: file.path, problems: [] };
}
