// Turns the block scanner's tree into mdast: definitions first (links need them), then every
// leaf's inline content through the inline tokenizer, with unist positions on every node.
import type {
  BlockContent,
  Code,
  Definition,
  DefinitionContent,
  Heading,
  List,
  ListItem,
  Paragraph,
  PhrasingContent,
  Root,
  RootContent,
  Table,
  TableCell,
  TableRow,
  Text,
} from "mdast";
import type { Point, Position } from "unist";
import { scanBlocks, splitTableRow, type Block, type BlockLine, type ScanResult } from "./block-scanner.js";
import { splitDefinitions, type DefinitionSplit } from "./definitions.js";
import { parseInline, type DefinitionLookup, type DefinitionTarget } from "./inline-tokenizer.js";
import { SourceMap, singleLineMap, type ContentSegment } from "./source-map.js";

export function buildMdast(source: string): Root {
  return buildMdastFromBlocks(scanBlocks(source));
}

/** mdast from a block scan, so a caller that already scanned the blocks does not scan twice. */
export function buildMdastFromBlocks(scan: ScanResult): Root {
  const { root, end } = scan;
  const splits = new Map<Block, DefinitionSplit>();
  const targets = new Map<string, DefinitionTarget>();
  collectDefinitions(root, splits, targets);
  const lookup: DefinitionLookup = (identifier) => targets.get(identifier);
  const builder = new MdastBuilder(lookup, splits);
  return {
    type: "root",
    children: builder.children(root) as RootContent[],
    position: { start: { line: 1, column: 1, offset: 0 }, end },
  };
}

/** A heading at the top level of the document, with the lines its mdast node spans. */
export interface TopLevelHeading {
  depth: number;
  startLine: number;
  endLine: number;
}

/**
 * The document's top-level headings with exactly the positions buildMdast gives them, without
 * building the tree: a setext heading starts after any link definitions its lines begin with.
 */
export function topLevelHeadings(scan: ScanResult): TopLevelHeading[] {
  const headings: TopLevelHeading[] = [];
  for (const block of scan.root.children) {
    if (block.type !== "heading") continue;
    let startLine = block.start.line;
    if (block.setext) {
      const split = splitDefinitions(block.lines);
      const lines = split.definitions.length > 0 ? block.lines.slice(split.consumedLines) : block.lines;
      if (lines[0]) startLine = lines[0].line;
    }
    headings.push({ depth: block.depth!, startLine, endLine: block.end.line });
  }
  return headings;
}

function collectDefinitions(block: Block, splits: Map<Block, DefinitionSplit>, targets: Map<string, DefinitionTarget>): void {
  if (block.type === "paragraph" || (block.type === "heading" && block.setext)) {
    const split = splitDefinitions(block.lines);
    if (split.definitions.length > 0) {
      splits.set(block, split);
      // The first definition of a label wins, as in CommonMark.
      for (const definition of split.definitions) {
        if (!targets.has(definition.identifier)) targets.set(definition.identifier, { url: definition.url, title: definition.title });
      }
    }
    return;
  }
  for (const child of block.children) collectDefinitions(child, splits, targets);
}

function linePoint(line: BlockLine, index = 0): Point {
  return { line: line.line, column: line.column + index, offset: line.offset + index };
}

function trimmedEnd(text: string): number {
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  return end;
}

class MdastBuilder {
  constructor(
    private readonly definitions: DefinitionLookup,
    private readonly splits: Map<Block, DefinitionSplit>,
  ) {}

  children(block: Block): Array<BlockContent | DefinitionContent | ListItem> {
    const out: Array<BlockContent | DefinitionContent | ListItem> = [];
    for (const child of block.children) this.convert(child, out);
    return out;
  }

  private convert(block: Block, out: Array<BlockContent | DefinitionContent | ListItem>): void {
    const position: Position = { start: block.start, end: block.end };
    switch (block.type) {
      case "blockquote":
        out.push({ type: "blockquote", children: this.children(block) as Array<BlockContent | DefinitionContent>, position });
        return;
      case "list": {
        const list: List = {
          type: "list",
          ordered: block.ordered === true,
          start: block.ordered ? block.startNumber! : null,
          spread: false,
          children: this.children(block) as ListItem[],
          position,
        };
        out.push(list);
        return;
      }
      case "listItem": {
        const item: ListItem = { type: "listItem", spread: false, checked: null, children: this.children(block) as Array<BlockContent | DefinitionContent>, position };
        applyTaskListMarker(item);
        out.push(item);
        return;
      }
      case "paragraph": {
        const lines = this.pushDefinitions(block, out);
        if (lines.length > 0) {
          const { children, end } = this.inline(lines);
          const paragraph: Paragraph = { type: "paragraph", children, position: { start: linePoint(lines[0]!), end } };
          out.push(paragraph);
        }
        return;
      }
      case "heading": {
        const lines = block.setext ? this.pushDefinitions(block, out) : block.lines;
        const { children } = this.inline(lines);
        const start = block.setext && lines[0] ? linePoint(lines[0]) : block.start;
        const heading: Heading = { type: "heading", depth: block.depth as Heading["depth"], children, position: { start, end: block.end } };
        out.push(heading);
        return;
      }
      case "code":
        out.push(this.code(block, position));
        return;
      case "html":
        out.push({ type: "html", value: block.lines.map((line) => line.text).join("\n"), position });
        return;
      case "table":
        out.push(this.table(block));
        return;
      case "thematicBreak":
        out.push({ type: "thematicBreak", position });
        return;
      default:
        return;
    }
  }

  /** Emit the block's leading definitions; return the lines left for its own content. */
  private pushDefinitions(block: Block, out: Array<BlockContent | DefinitionContent | ListItem>): BlockLine[] {
    const split = this.splits.get(block);
    if (!split) return block.lines;
    for (const definition of split.definitions) {
      const first = block.lines[definition.firstLine]!;
      const last = block.lines[definition.lastLine]!;
      const node: Definition = {
        type: "definition",
        identifier: definition.identifier,
        label: definition.label,
        url: definition.url,
        title: definition.title,
        position: { start: linePoint(first), end: linePoint(last, trimmedEnd(last.text)) },
      };
      out.push(node);
    }
    return block.lines.slice(split.consumedLines);
  }

  private inline(lines: readonly BlockLine[]): { children: PhrasingContent[]; end: Point } {
    const segments: ContentSegment[] = [];
    let content = "";
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (i > 0) content += "\n";
      segments.push({ contentStart: content.length, line: line.line, column: line.column, offset: line.offset });
      content += i === lines.length - 1 ? line.text.slice(0, trimmedEnd(line.text)) : line.text;
    }
    const map = new SourceMap(segments);
    const last = lines[lines.length - 1];
    const end = last ? linePoint(last, trimmedEnd(last.text)) : { line: 1, column: 1, offset: 0 };
    if (segments.length === 0) return { children: [], end };
    return { children: parseInline(content, map, this.definitions), end };
  }

  private code(block: Block, position: Position): Code {
    const value = block.lines.map((line) => line.text).join("\n");
    if (!block.fenced) return { type: "code", lang: null, meta: null, value, position };
    const info = block.info ?? "";
    let lang: string | null = null;
    let meta: string | null = null;
    if (info !== "") {
      const space = info.search(/[ \t]/);
      lang = decodeInfo(space < 0 ? info : info.slice(0, space));
      const rest = space < 0 ? "" : info.slice(space).trim();
      meta = rest === "" ? null : decodeInfo(rest);
    }
    return { type: "code", lang, meta, value, position };
  }

  private table(block: Block): Table {
    const rows: TableRow[] = [];
    for (const line of block.lines) {
      const spans = splitTableRow(line.text);
      const cells: TableCell[] = spans.map((span, index) => {
        const isLast = index === spans.length - 1;
        const cellEnd = isLast ? span.end : span.end - 1;
        let contentStart = span.start;
        let contentEnd = span.start + span.text.length;
        while (contentStart < contentEnd && (line.text[contentStart] === " " || line.text[contentStart] === "\t")) contentStart++;
        while (contentEnd > contentStart && (line.text[contentEnd - 1] === " " || line.text[contentEnd - 1] === "\t")) contentEnd--;
        const text = line.text.slice(contentStart, contentEnd);
        const map = singleLineMap(line.line, line.column + contentStart, line.offset + contentStart);
        return {
          type: "tableCell",
          children: text === "" ? [] : parseInline(text, map, this.definitions, { tableCell: true }),
          position: { start: linePoint(line, span.pipeStart), end: linePoint(line, cellEnd) },
        };
      });
      rows.push({ type: "tableRow", children: cells, position: { start: linePoint(line), end: linePoint(line, trimmedEnd(line.text)) } });
    }
    const first = block.lines[0]!;
    const last = block.lines[block.lines.length - 1]!;
    return {
      type: "table",
      align: block.align ?? [],
      children: rows,
      position: { start: linePoint(first), end: linePoint(last, trimmedEnd(last.text)) },
    };
  }
}

function decodeInfo(raw: string): string {
  return raw.replace(/\\([!-/:-@[-`{-~])/g, "$1");
}

/** GFM task list items: `[ ]` / `[x]` at the start of the item's first paragraph. */
function applyTaskListMarker(item: ListItem): void {
  const paragraph = item.children[0];
  if (paragraph?.type !== "paragraph") return;
  const text = paragraph.children[0];
  if (text?.type !== "text") return;
  const match = /^\[([ xX])\](?:[ \t]+|(?=\n)|$)/.exec(text.value);
  if (!match || (match[0].length === 3 && paragraph.children.length === 1 && text.value.length === 3)) return;
  item.checked = match[1] !== " ";
  const rest = text.value.slice(match[0].length);
  const shiftPoint = (at: Point, by: number): Point => ({ line: at.line, column: at.column + by, offset: at.offset! + by });
  paragraph.position = { start: shiftPoint(paragraph.position!.start, match[0].length), end: paragraph.position!.end };
  if (rest === "") paragraph.children.shift();
  else {
    const shift = match[0].length;
    const start = text.position!.start;
    (text as Text).value = rest;
    text.position = { start: { line: start.line, column: start.column + shift, offset: start.offset! + shift }, end: text.position!.end };
  }
}
