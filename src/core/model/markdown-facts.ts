// Facts every governed Markdown file shares, whatever its kind: code fences that never close, the
// ADR references it makes, the passages that may state a data licence and those that say what a
// model was trained on. Fences and references are read line by line: an unclosed fence is
// invisible in the mdast tree (the code block silently runs to the end of its container), and line
// reading gives exact columns for every mention.
import type { Code } from "mdast";
import { extractAdrReferences, type AdrReference } from "./adr-references.js";
import { proseBlocks, type ProseBlock } from "./prose-blocks.js";
import type { MarkdownFile } from "./markdown-file.js";
import type { Block } from "../parse/block-scanner.js";

export type { AdrReference } from "./adr-references.js";

export interface UnclosedFence {
  /** Where the opening fence starts, 1-based. */
  line: number;
  column: number;
  /** The opening marker as written, e.g. "```" or "~~~~". */
  marker: string;
}

export interface MarkdownFacts {
  path: string;
  /** Opening lines of code fences that run to the end of the document without a closing fence. */
  unclosedFences: UnclosedFence[];
  /** `ADR-NNNN` mentions and links to numbered ADR files, outside code. */
  adrReferences: AdrReference[];
  /** Paragraphs, list items and table rows that may state a data licence (see prose-blocks). */
  licenceBlocks: ProseBlock[];
  /** Paragraphs and list items that say a named model was trained on something (see prose-blocks); ADRs and digests only. */
  trainingBlocks: ProseBlock[];
}

/**
 * `trainingBlocks`: whether to keep them. Only ADRs and digests are read for them (as documents an
 * artefact's own documents cite), and the pass that finds them costs a cold check time.
 */
export function extractMarkdownFacts(file: MarkdownFile, options: { trainingBlocks?: boolean } = {}): MarkdownFacts {
  return {
    path: file.path,
    // No fence can open without three backticks or tildes in a row, and most documents have none.
    unclosedFences: file.text.includes("```") || file.text.includes("~~~") ? findUnclosedFences(file.lines) : [],
    adrReferences: extractAdrReferences(file.path, file.lines, codeLines(file)),
    ...proseBlocks(file.text, { training: options.trainingBlocks ?? true, lines: file.lines }),
  };
}

/**
 * 1-based line numbers that belong to code blocks (fenced or indented). Read from the block tree:
 * code blocks keep their source span in mdast, and the tree needs no inline parsing.
 */
export function codeLines(file: MarkdownFile): Set<number> {
  const lines = new Set<number>();
  const visit = (block: Block): void => {
    if (block.type === "code") {
      for (let line = block.start.line; line <= block.end.line; line++) lines.add(line);
      return;
    }
    for (const child of block.children) visit(child);
  };
  visit(file.blocks.root);
  return lines;
}

// --- Fence scanner -------------------------------------------------------------------------------
// A small CommonMark container model: block quotes and list items are tracked so that a fence
// inside a list item closes only with a closing fence that is still inside that item. A closing
// fence written at column 1 under an indented opener ends the list item instead and opens a new
// fence that swallows the rest of the file; that is exactly the mistake this reports.

type Container = { kind: "quote" } | { kind: "item"; contentIndent: number };

interface OpenFence {
  char: "`" | "~";
  length: number;
  /** Number of containers the fence lives in. */
  depth: number;
  line: number;
  column: number;
  marker: string;
}

const FENCE_OPENER = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const QUOTE_MARKER = /^ {0,3}> ?/;
const LIST_MARKER = /^( {0,3})([-+*]|\d{1,9}[.)])( +|$)/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const ATX_HEADING = /^ {0,3}#{1,6}(?:\s|$)/;
/** The characters a quote marker, list marker, fence, ATX heading or thematic break starts with. */
const BLOCK_START_CHARS = ">-+*_#`~0123456789";

export function findUnclosedFences(lines: readonly string[]): UnclosedFence[] {
  const unclosed: UnclosedFence[] = [];
  const stack: Container[] = [];
  let fence: OpenFence | null = null;
  let inParagraph = false;

  for (let index = 0; index < lines.length; index++) {
    const text = expandTabs(lines[index]!);
    let pos = 0;
    let matched = 0;
    for (const container of stack) {
      const rest = text.slice(pos);
      if (container.kind === "quote") {
        const m = QUOTE_MARKER.exec(rest);
        if (!m) break;
        pos += m[0].length;
      } else if (!isBlank(rest)) {
        if (leadingSpaces(rest) < container.contentIndent) break;
        pos += container.contentIndent;
      }
      matched++;
    }

    if (fence) {
      if (matched >= fence.depth) {
        if (isClosingFence(text.slice(pos), fence)) fence = null;
        continue;
      }
      // The fence's container ended (fenced code has no lazy continuation): the block closes
      // implicitly. Treat the line as a fresh block below.
      fence = null;
      stack.length = matched;
      inParagraph = false;
    }

    if (matched < stack.length) {
      const rest = text.slice(pos);
      if (inParagraph && !isBlank(rest) && !startsBlock(rest)) continue; // lazy paragraph continuation
      stack.length = matched;
      inParagraph = false;
    }

    // Open new containers, then look for a fence opener in the innermost one.
    for (;;) {
      const rest = text.slice(pos);
      if (isBlank(rest)) {
        inParagraph = false;
        break;
      }
      const indent = leadingSpaces(rest);
      if (indent >= 4) break; // indented code or paragraph continuation: never a fence
      // Most lines start with a letter: no quote, list item, fence, heading or break starts so.
      if (!BLOCK_START_CHARS.includes(rest[indent]!)) {
        inParagraph = true;
        break;
      }
      const quote = QUOTE_MARKER.exec(rest);
      if (quote) {
        stack.push({ kind: "quote" });
        pos += quote[0].length;
        inParagraph = false;
        continue;
      }
      const item = THEMATIC_BREAK.test(rest) ? null : LIST_MARKER.exec(rest);
      if (item) {
        const markerWidth = item[1]!.length + item[2]!.length;
        const spaces = item[3]!.length;
        const emptyOrCode = spaces === 0 || spaces >= 5;
        const contentIndent = markerWidth + (emptyOrCode ? 1 : spaces);
        stack.push({ kind: "item", contentIndent });
        pos += Math.min(contentIndent, rest.length);
        inParagraph = false;
        continue;
      }
      const opener = FENCE_OPENER.exec(rest);
      if (opener && !(opener[2]!.startsWith("`") && opener[3]!.includes("`"))) {
        fence = {
          char: opener[2]![0] as "`" | "~",
          length: opener[2]!.length,
          depth: stack.length,
          line: index + 1,
          column: originalColumn(lines[index]!, pos + opener[1]!.length),
          marker: opener[2]!,
        };
        inParagraph = false;
        break;
      }
      inParagraph = !ATX_HEADING.test(rest) && !THEMATIC_BREAK.test(rest);
      break;
    }
  }
  if (fence) unclosed.push({ line: fence.line, column: fence.column, marker: fence.marker });
  return unclosed;
}

function isClosingFence(rest: string, fence: OpenFence): boolean {
  const m = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(rest);
  return m !== null && m[1]![0] === fence.char && m[1]!.length >= fence.length;
}

/** Would this line start a block of its own (so it cannot be a lazy paragraph continuation)? */
function startsBlock(rest: string): boolean {
  return (
    QUOTE_MARKER.test(rest) ||
    FENCE_OPENER.test(rest) ||
    ATX_HEADING.test(rest) ||
    THEMATIC_BREAK.test(rest) ||
    LIST_MARKER.test(rest)
  );
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09) return false;
  }
  return true;
}

function leadingSpaces(text: string): number {
  let n = 0;
  while (n < text.length && text[n] === " ") n++;
  return n;
}

/** Tabs advance to the next multiple of 4, as CommonMark measures indentation. */
function expandTabs(line: string): string {
  if (!line.includes("\t")) return line;
  let out = "";
  for (const ch of line) {
    if (ch === "\t") out += " ".repeat(4 - (out.length % 4));
    else out += ch;
  }
  return out;
}

/** Map a 0-based offset in the tab-expanded line back to a 1-based column in the original. */
function originalColumn(line: string, expandedOffset: number): number {
  if (!line.includes("\t")) return expandedOffset + 1;
  let width = 0;
  for (let i = 0; i < line.length; i++) {
    if (width >= expandedOffset) return i + 1;
    width += line[i] === "\t" ? 4 - (width % 4) : 1;
  }
  return line.length + 1;
}
