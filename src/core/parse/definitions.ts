// Link reference definitions (`[label]: url "title"`) at the start of a paragraph. They are read
// line-aligned: a definition ends at a line end, so the paragraph keeps whole lines.
import type { BlockLine } from "./block-scanner.js";
import { normalizeIdentifier, parseLinkDestination, parseLinkLabel, decodeLinkText, skipLinkSpace } from "./inline-tokenizer.js";

export interface ParsedDefinition {
  identifier: string;
  label: string;
  url: string;
  title: string | null;
  /** Index of the first and last line (in the paragraph's lines) the definition spans. */
  firstLine: number;
  lastLine: number;
}

export interface DefinitionSplit {
  definitions: ParsedDefinition[];
  /** Number of leading lines the definitions use. */
  consumedLines: number;
}

export function countDefinitionLines(lines: readonly BlockLine[]): number {
  return splitDefinitions(lines).consumedLines;
}

export function splitDefinitions(lines: readonly BlockLine[]): DefinitionSplit {
  const definitions: ParsedDefinition[] = [];
  if (lines.length === 0 || !lines[0]!.text.startsWith("[")) return { definitions, consumedLines: 0 };
  const content = lines.map((line) => line.text).join("\n");
  // Content index where each line starts, to turn a content index into a line index.
  const lineStarts: number[] = [];
  let index = 0;
  for (const line of lines) {
    lineStarts.push(index);
    index += line.text.length + 1;
  }
  const lineAt = (contentIndex: number): number => {
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= contentIndex) line++;
    return line;
  };
  let position = 0;
  let consumedLines = 0;
  while (position < content.length && content[position] === "[") {
    const parsed = parseDefinitionAt(content, position);
    if (!parsed) break;
    const firstLine = lineAt(position);
    const lastLine = lineAt(parsed.end - 1);
    definitions.push({ ...parsed.definition, firstLine, lastLine });
    consumedLines = lastLine + 1;
    position = parsed.end + 1;
    // Definitions start at a line start (after the paragraph's own leading whitespace).
    while (content[position] === " " || content[position] === "\t") position++;
  }
  return { definitions, consumedLines };
}

interface DefinitionAt {
  definition: Omit<ParsedDefinition, "firstLine" | "lastLine">;
  /** Index of the line ending (or content end) that closes the definition. */
  end: number;
}

function parseDefinitionAt(content: string, start: number): DefinitionAt | null {
  const label = parseLinkLabel(content, start);
  if (!label || content[label.end] !== ":") return null;
  const rawLabel = content.slice(start + 1, label.end - 1);
  const identifier = normalizeIdentifier(rawLabel);
  if (identifier === "") return null;
  let i = skipLinkSpace(content, label.end + 1);
  const destination = parseLinkDestination(content, i);
  if (!destination || (destination.end === i && content[i] !== "<")) return null;
  i = destination.end;
  const afterDestination = i;
  const definition = { identifier, label: rawLabel, url: destination.url, title: null as string | null };
  // With a title: whitespace, a quoted title, then only spaces to the line end.
  const titleStart = skipLinkSpace(content, i);
  if (titleStart > afterDestination) {
    const title = parseTitle(content, titleStart);
    if (title) {
      const lineEnd = restOfLineBlank(content, title.end);
      if (lineEnd >= 0) return { definition: { ...definition, title: title.title }, end: lineEnd };
    }
  }
  const lineEnd = restOfLineBlank(content, afterDestination);
  if (lineEnd < 0) return null;
  return { definition, end: lineEnd };
}

function restOfLineBlank(content: string, i: number): number {
  while (i < content.length && (content[i] === " " || content[i] === "\t")) i++;
  if (i === content.length || content[i] === "\n") return i;
  return -1;
}

function parseTitle(content: string, start: number): { title: string; end: number } | null {
  const open = content[start];
  if (open !== '"' && open !== "'" && open !== "(") return null;
  const close = open === "(" ? ")" : open;
  for (let i = start + 1; i < content.length; i++) {
    const char = content[i];
    if (char === "\\") {
      i++;
      continue;
    }
    if (char === close) return { title: decodeLinkText(content.slice(start + 1, i)), end: i + 1 };
    if (char === "\n" && content[i + 1] === "\n") return null;
  }
  return null;
}
