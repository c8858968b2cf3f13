// Research digests (`docs/research/NNNN-slug.md`). OWNER: structure helper — expand freely.
import type { MarkdownFile, ParseProblem } from "./markdown-file.js";

export interface DigestDocument {
  kind: "digest";
  path: string;
  number: number | null;
  problems: ParseProblem[];
}

export function extractDigest(file: MarkdownFile): DigestDocument {
  const match = /(?:^|\/)(\d{3,5})-[^/]*\.md$/.exec(file.path);
  return { kind: "digest", path: file.path, number: match ? Number(match[1]) : null, problems: [] };
}
