// Model cards (`model/**/*_card.md`, `docs/ai/models/*.md`). OWNER: gates helper — expand freely.
import type { MarkdownFile, ParseProblem } from "./markdown-file.js";

export interface CardDocument {
  kind: "card";
  path: string;
  problems: ParseProblem[];
}

export function extractCard(file: MarkdownFile): CardDocument {
  return { kind: "card", path: file.path, problems: [] };
}
