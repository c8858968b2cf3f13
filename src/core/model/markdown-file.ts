// A governed Markdown file as extractors see it: path, text, its lines, its block structure and
// its mdast tree. The block scan and the tree are made on first use: inline parsing is most of a
// parse, and ADRs and plain governed files are read from their lines and blocks alone.
import type { Root } from "mdast";
import { parse as parseYaml } from "yaml";
import { scanBlocks, type ScanResult } from "../parse/block-scanner.js";
import { buildMdastFromBlocks } from "../parse/mdast-builder.js";
import { splitLines } from "../types.js";

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
    lines: splitLines(text),
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

/** One top-level key of the front matter: its value as text (a list joined with `, `). */
export interface FrontMatterField {
  key: string;
  value: string;
  /** Where the value starts (the key's line, column 1 for a list). */
  line: number;
  column: number;
}

/**
 * The top-level keys of YAML front matter ending at line `end` (frontMatterEnd) whose values are
 * scalars or lists of scalars; nested maps are left out. Invalid YAML gives a problem instead.
 */
export function readFrontMatter(lines: readonly string[], end: number): { fields: FrontMatterField[]; problem?: ParseProblem } {
  if (end === 0) return { fields: [] };
  const body = lines.slice(1, end - 1);
  let data: unknown;
  try {
    data = parseYaml(body.join("\n"));
  } catch (error) {
    // The yaml library counts lines from the front matter's first key: report them in the file.
    const at = (error as { linePos?: Array<{ line: number; col: number }> }).linePos?.[0];
    const message = (error as Error).message.split("\n")[0]!.replace(/ at line \d+, column \d+:?\s*$/, "");
    return { fields: [], problem: { message: `Invalid YAML front matter: ${message}`, line: at ? at.line + 1 : 2, column: at?.col ?? 1 } };
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) return { fields: [] };
  const fields: FrontMatterField[] = [];
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const items = Array.isArray(value) ? value : [value];
    if (items.length === 0 || !items.every((item) => ["string", "number", "boolean"].includes(typeof item))) continue;
    const index = body.findIndex((line) => line.startsWith(`${key}:`));
    const line = index < 0 ? 2 : index + 2;
    const text = items.map(String).join(", ");
    // A scalar written on the key's line: point at it (inside its quotes, if any).
    const raw = index < 0 ? "" : body[index]!.slice(key.length + 1);
    const at = Array.isArray(value) ? -1 : raw.indexOf(String(value));
    fields.push({ key, value: text, line, column: at < 0 ? 1 : key.length + 2 + at });
  }
  return { fields };
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
