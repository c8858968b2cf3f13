// The block half of the fast Markdown parser: one pass over the lines, keeping a stack of open
// blocks as CommonMark's reference algorithm does (containers matched line by line, then new block
// starts, then lazy paragraph continuation). Leaves keep their raw lines; `toMdast` turns the
// finished tree into mdast once every link definition is known, running the inline tokenizer.
import type { Point } from "unist";
import { countDefinitionLines } from "./definitions.js";

export type BlockType =
  | "root"
  | "blockquote"
  | "list"
  | "listItem"
  | "paragraph"
  | "heading"
  | "code"
  | "html"
  | "table"
  | "thematicBreak";

/** A line (or the rest of one, after container markers) that belongs to a leaf block. */
export interface BlockLine {
  text: string;
  line: number;
  /** 1-based column of `text[0]` in the source line. */
  column: number;
  offset: number;
}

export interface Block {
  type: BlockType;
  parent: Block | null;
  children: Block[];
  open: boolean;
  start: Point;
  end: Point;
  lines: BlockLine[];
  // heading
  depth?: number;
  // fenced or indented code
  fenced?: boolean;
  fenceChar?: string;
  fenceLength?: number;
  fenceIndent?: number;
  info?: string;
  closed?: boolean;
  /** A heading made from a paragraph and an `===`/`---` underline. */
  setext?: boolean;
  // list and list item
  ordered?: boolean;
  startNumber?: number;
  marker?: string;
  contentIndent?: number;
  // html block end condition (1..7)
  htmlKind?: number;
  // table
  align?: Array<"left" | "right" | "center" | null>;
}

const HTML_BLOCK_TAGS = new Set(
  (
    "address article aside base basefont blockquote body caption center col colgroup dd details dialog dir div dl dt " +
    "fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html iframe legend li link " +
    "main menu menuitem nav noframes ol optgroup option p param search section summary table tbody td tfoot th thead " +
    "title tr track ul"
  ).split(" "),
);
const HTML_RAW_TAGS = /^<(script|pre|style|textarea)(?=[\s>]|$)/i;
const HTML_RAW_END = /<\/(script|pre|style|textarea)>/i;
const HTML_BLOCK_TAG = /^<\/?([A-Za-z][A-Za-z0-9-]*)(?=[\s>]|\/>|$)/;
const HTML_COMPLETE_OPEN =
  /^<[A-Za-z][A-Za-z0-9-]*(?:[ \t]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[ \t]*=[ \t]*(?:[^ \t"'=<>`]+|'[^']*'|"[^"]*"))?)*[ \t]*\/?>[ \t]*$/;
const HTML_COMPLETE_CLOSE = /^<\/[A-Za-z][A-Za-z0-9-]*[ \t]*>[ \t]*$/;
const ORDERED_MARKER = /^(\d{1,9})([.)])/;

interface LineState {
  text: string;
  number: number;
  /** Document offset of `text[0]`. */
  offset: number;
  /** Index of the next unconsumed character. */
  pos: number;
  /** Virtual column of `pos` (tabs expanded to stops of 4), 0-based. */
  column: number;
  nextNonspace: number;
  nextNonspaceColumn: number;
  indent: number;
  blank: boolean;
}

export interface ScanResult {
  root: Block;
  /** Point at the very end of the document. */
  end: Point;
}

export function scanBlocks(source: string): ScanResult {
  return new BlockScanner(source).scan();
}

function point(line: number, column: number, offset: number): Point {
  return { line, column, offset };
}

function newBlock(type: BlockType, start: Point): Block {
  return { type, parent: null, children: [], open: true, start, end: start, lines: [] };
}

function canContain(parent: BlockType, child: BlockType): boolean {
  switch (parent) {
    case "root":
    case "blockquote":
    case "listItem":
      return child !== "listItem";
    case "list":
      return child === "listItem";
    default:
      return false;
  }
}

function acceptsLines(type: BlockType): boolean {
  return type === "paragraph" || type === "code" || type === "html" || type === "table";
}

class BlockScanner {
  private readonly root: Block;
  private tip: Block;
  private oldTip: Block;
  private lastMatched: Block;
  private allClosed = true;
  /** The line being scanned: one object, reset per line (a document has thousands of lines). */
  private readonly line: LineState = { text: "", number: 0, offset: 0, pos: 0, column: 0, nextNonspace: 0, nextNonspaceColumn: 0, indent: 0, blank: false };

  constructor(private readonly source: string) {
    this.root = newBlock("root", point(1, 1, 0));
    this.tip = this.root;
    this.oldTip = this.root;
    this.lastMatched = this.root;
  }

  scan(): ScanResult {
    const source = this.source;
    let lineNumber = 1;
    let offset = 0;
    const length = source.length;
    while (offset <= length) {
      let newline = source.indexOf("\n", offset);
      if (newline < 0) newline = length;
      // A final line ending does not start another line.
      if (offset === length && length > 0 && source.charCodeAt(length - 1) === 10) break;
      let lineEnd = newline;
      if (lineEnd > offset && source.charCodeAt(lineEnd - 1) === 13) lineEnd--;
      this.processLine(source.slice(offset, lineEnd), lineNumber, offset);
      lineNumber++;
      offset = newline + 1;
    }
    const endPoint = this.endOfDocument();
    while (this.tip !== this.root) this.finalize(this.tip, endPoint);
    this.root.end = endPoint;
    return { root: this.root, end: endPoint };
  }

  private documentEnd: Point | undefined;

  private endOfDocument(): Point {
    if (this.documentEnd) return this.documentEnd;
    this.documentEnd = this.computeEndOfDocument();
    return this.documentEnd;
  }

  private computeEndOfDocument(): Point {
    const source = this.source;
    let line = 1;
    let lastLineStart = 0;
    for (let i = source.indexOf("\n"); i >= 0; i = source.indexOf("\n", i + 1)) {
      line++;
      lastLineStart = i + 1;
    }
    return point(line, source.length - lastLineStart + 1, source.length);
  }

  // ---- line state helpers ---------------------------------------------------------------------

  private findNextNonspace(): void {
    const line = this.line;
    const text = line.text;
    let i = line.pos;
    let column = line.column;
    while (i < text.length) {
      const code = text.charCodeAt(i);
      if (code === 32) {
        i++;
        column++;
      } else if (code === 9) {
        i++;
        column += 4 - (column % 4);
      } else break;
    }
    line.nextNonspace = i;
    line.nextNonspaceColumn = column;
    line.indent = column - line.column;
    line.blank = i >= text.length;
  }

  private advanceNextNonspace(): void {
    this.line.pos = this.line.nextNonspace;
    this.line.column = this.line.nextNonspaceColumn;
  }

  /** Consume `count` columns of indentation (a tab counts as the columns up to its stop). */
  private advanceColumns(count: number): void {
    const line = this.line;
    const text = line.text;
    let remaining = count;
    while (remaining > 0 && line.pos < text.length) {
      const code = text.charCodeAt(line.pos);
      if (code === 9) {
        const width = 4 - (line.column % 4);
        line.column += width;
        remaining -= width;
        line.pos++;
      } else if (code === 32 || remaining > 0) {
        line.pos++;
        line.column++;
        remaining--;
      }
    }
  }

  private here(index = this.line.pos): Point {
    return point(this.line.number, index + 1, this.line.offset + index);
  }

  private lineEnd(): Point {
    return this.here(this.line.text.length);
  }

  private rest(): BlockLine {
    const line = this.line;
    return { text: line.text.slice(line.pos), line: line.number, column: line.pos + 1, offset: line.offset + line.pos };
  }

  // ---- the per-line algorithm -----------------------------------------------------------------

  private processLine(text: string, number: number, offset: number): void {
    const state = this.line;
    state.text = text;
    state.number = number;
    state.offset = offset;
    state.pos = 0;
    state.column = 0;
    state.nextNonspace = 0;
    state.nextNonspaceColumn = 0;
    state.indent = 0;
    state.blank = false;
    this.oldTip = this.tip;

    // 1. Match the open containers.
    let container = this.root;
    let last: Block | undefined;
    while ((last = container.children[container.children.length - 1]) && last.open) {
      const result = this.continues(last);
      if (result === 0) container = last;
      else if (result === 2) {
            return;
      } else break;
    }
    this.allClosed = container === this.oldTip;
    this.lastMatched = container;

    // 2. New block starts.
    let matchedLeaf = container.type !== "paragraph" && container.type !== "table" && acceptsLines(container.type);
    let startedBlock = false;
    while (!matchedLeaf) {
      this.findNextNonspace();
      const started = this.tryBlockStart(container);
      if (started === null) {
        this.advanceNextNonspace();
        break;
      }
      startedBlock = true;
      container = started;
      if (acceptsLines(container.type) || container.type === "heading" || container.type === "thematicBreak") {
        matchedLeaf = true;
      }
    }

    // 3. The rest of the line: lazy continuation, or content of the innermost block.
    this.findNextNonspace();
    const line = this.line;
    if (!startedBlock && !this.allClosed && !line.blank && this.tip.type === "paragraph") {
      this.addLine(this.tip);
    } else {
      this.closeUnmatchedBlocks();
      if (container.type === "heading" || container.type === "thematicBreak") {
        // single-line blocks were finished by their start
      } else if (acceptsLines(container.type)) {
        if (container.type === "table") {
          if (!line.blank && !startedBlock) this.addTableRow(container);
        } else if (!(startedBlock && container.type === "code" && container.fenced)) {
          this.addLine(container);
          if (container.type === "html" && this.htmlBlockEnds(container)) this.finalize(container, this.lineEnd());
        }
      } else if (!line.blank) {
        this.advanceNextNonspace();
        const paragraph = this.addChild("paragraph", this.here());
        this.addLine(paragraph);
      }
    }
  }

  /** 0: the block continues on this line; 1: it does not; 2: the line is consumed (fence end). */
  private continues(block: Block): 0 | 1 | 2 {
    const line = this.line;
    this.findNextNonspace();
    switch (block.type) {
      case "blockquote":
        if (line.indent <= 3 && line.text.charCodeAt(line.nextNonspace) === 62) {
          this.advanceNextNonspace();
          line.pos++;
          line.column++;
          const after = line.text.charCodeAt(line.pos);
          if (after === 32) {
            line.pos++;
            line.column++;
          } else if (after === 9) {
            this.advanceColumns(1);
          }
          return 0;
        }
        return 1;
      case "listItem":
        if (line.blank) {
          if (block.children.length === 0) return 1;
          this.advanceNextNonspace();
          return 0;
        }
        if (line.indent >= block.contentIndent!) {
          this.advanceColumns(block.contentIndent!);
          return 0;
        }
        return 1;
      case "code":
        if (block.fenced) {
          if (line.indent <= 3 && this.isClosingFence(block)) {
            block.closed = true;
            block.end = this.lineEnd();
            this.finalize(block, block.end);
            return 2;
          }
          // Strip up to the opening fence's indentation.
          let strip = block.fenceIndent!;
          while (strip > 0 && line.pos < line.text.length && line.text.charCodeAt(line.pos) === 32) {
            line.pos++;
            line.column++;
            strip--;
          }
          return 0;
        }
        if (line.indent >= 4) {
          this.advanceColumns(4);
          return 0;
        }
        if (line.blank) {
          this.advanceNextNonspace();
          return 0;
        }
        return 1;
      case "html":
        return line.blank && (block.htmlKind === 6 || block.htmlKind === 7) ? 1 : 0;
      case "paragraph":
      case "table":
        return line.blank ? 1 : 0;
      case "list":
        return 0;
      default:
        return 1;
    }
  }

  private isClosingFence(block: Block): boolean {
    const line = this.line;
    const text = line.text;
    let i = line.nextNonspace;
    const char = block.fenceChar!;
    let count = 0;
    while (i < text.length && text[i] === char) {
      i++;
      count++;
    }
    if (count < block.fenceLength!) return false;
    while (i < text.length && (text[i] === " " || text[i] === "\t")) i++;
    return i === text.length;
  }

  private closeUnmatchedBlocks(): void {
    if (this.allClosed) return;
    while (this.oldTip !== this.lastMatched) {
      const parent = this.oldTip.parent!;
      this.finalize(this.oldTip, this.oldTip.end);
      this.oldTip = parent;
    }
    this.allClosed = true;
  }

  private addChild(type: BlockType, start: Point): Block {
    while (!canContain(this.tip.type, type)) this.finalize(this.tip, this.tip.end);
    const block = newBlock(type, start);
    block.parent = this.tip;
    this.tip.children.push(block);
    this.tip = block;
    return block;
  }

  private addLine(block: Block): void {
    // Paragraph lines lose their leading whitespace; code and HTML keep theirs.
    if (block.type === "paragraph") {
      this.findNextNonspace();
      this.advanceNextNonspace();
    }
    const rest = this.rest();
    block.lines.push(rest);
    block.end = this.lineEnd();
  }

  private finalize(block: Block, end: Point): void {
    const parent = block.parent;
    block.open = false;
    if (block.type === "code" && block.fenced && !block.closed) block.end = this.unclosedFenceEnd(block, end);
    else if (block.type === "code" && !block.fenced) trimIndentedCode(block);
    else if (block.type === "listItem" || block.type === "list" || block.type === "blockquote") {
      const lastChild = block.children[block.children.length - 1];
      if (lastChild && comparePoints(lastChild.end, block.end) > 0) block.end = lastChild.end;
    }
    if (parent) {
      if (comparePoints(block.end, parent.end) > 0) parent.end = block.end;
      this.tip = parent;
    }
  }

  /**
   * micromark ends an unclosed fence at the end of the document, or, inside a container, after
   * the line ending of a trailing blank line it swallowed; otherwise at the end of its last line.
   */
  private unclosedFenceEnd(block: Block, end: Point): Point {
    if (end.offset === this.source.length) return this.endOfDocument();
    const lines = block.lines;
    const lastLine = lines[lines.length - 1];
    if (lastLine && lastLine.text.trim() === "") {
      return point(lastLine.line + 1, 1, lastLine.offset - lastLine.column + 1 + this.sourceLineLength(lastLine) + 1);
    }
    return block.end;
  }

  private sourceLineLength(line: BlockLine): number {
    const start = line.offset - line.column + 1;
    const newline = this.source.indexOf("\n", start);
    return (newline < 0 ? this.source.length : newline) - start;
  }

  // ---- block starts ---------------------------------------------------------------------------

  /** Try every block start at the current position; returns the new innermost block or null. */
  private tryBlockStart(container: Block): Block | null {
    const line = this.line;
    const text = line.text;
    const first = text.charCodeAt(line.nextNonspace);
    const indented = line.indent >= 4;

    if (indented) {
      // Indented code cannot interrupt a paragraph, but it does end a table.
      if (this.tip.type !== "paragraph" && !line.blank) {
        const start = this.here();
        this.advanceColumns(4);
        this.closeUnmatchedBlocks();
        const code = this.addChild("code", start);
        code.fenced = false;
        return code;
      }
      return null;
    }
    if (line.blank) return null;

    // Block quote.
    if (first === 62) {
      this.advanceNextNonspace();
      const start = this.here();
      line.pos++;
      line.column++;
      const after = text.charCodeAt(line.pos);
      if (after === 32) {
        line.pos++;
        line.column++;
      } else if (after === 9) {
        this.advanceColumns(1);
      }
      this.closeUnmatchedBlocks();
      return this.addChild("blockquote", start);
    }

    // ATX heading.
    if (first === 35) {
      const heading = this.tryAtxHeading();
      if (heading) return heading;
    }

    // Fenced code.
    if (first === 96 || first === 126) {
      const fence = this.tryFence();
      if (fence) return fence;
    }

    // HTML block.
    if (first === 60) {
      const html = this.tryHtmlBlock(container);
      if (html) return html;
    }

    // Setext underline turns the paragraph into a heading.
    if ((first === 61 || first === 45) && container.type === "paragraph" && this.allClosed) {
      const heading = this.trySetext(container);
      if (heading) return heading;
    }

    // GFM table: a delimiter row under a paragraph line that can be a header row.
    if (container.type === "paragraph" && this.allClosed && (first === 124 || first === 58 || first === 45)) {
      const table = this.tryTable(container);
      if (table) return table;
    }

    // Thematic break.
    if (first === 42 || first === 45 || first === 95) {
      if (isThematicBreak(text, line.nextNonspace)) {
        this.closeUnmatchedBlocks();
        this.advanceNextNonspace();
        const rule = this.addChild("thematicBreak", this.here());
        rule.end = this.lineEnd();
        this.finalize(rule, rule.end);
        return rule;
      }
    }

    // List item.
    const item = this.tryListItem(container);
    if (item) return item;

    return null;
  }

  private tryAtxHeading(): Block | null {
    const line = this.line;
    const text = line.text;
    let i = line.nextNonspace;
    let depth = 0;
    while (text.charCodeAt(i) === 35 && depth < 7) {
      i++;
      depth++;
    }
    if (depth > 6) return null;
    const after = text.charCodeAt(i);
    if (i < text.length && after !== 32 && after !== 9) return null;
    this.advanceNextNonspace();
    this.closeUnmatchedBlocks();
    const heading = this.addChild("heading", this.here());
    heading.depth = depth;
    // Content: skip spaces after the marker, drop a closing `#` sequence preceded by a space.
    let contentStart = i;
    while (contentStart < text.length && (text[contentStart] === " " || text[contentStart] === "\t")) contentStart++;
    let contentEnd = text.length;
    while (contentEnd > contentStart && (text[contentEnd - 1] === " " || text[contentEnd - 1] === "\t")) contentEnd--;
    let hashes = contentEnd;
    while (hashes > contentStart && text[hashes - 1] === "#") hashes--;
    if (hashes < contentEnd && (hashes === contentStart || text[hashes - 1] === " " || text[hashes - 1] === "\t")) {
      contentEnd = hashes;
      while (contentEnd > contentStart && (text[contentEnd - 1] === " " || text[contentEnd - 1] === "\t")) contentEnd--;
    }
    heading.lines.push({ text: text.slice(contentStart, contentEnd), line: line.number, column: contentStart + 1, offset: line.offset + contentStart });
    let visibleEnd = text.length;
    while (visibleEnd > line.pos && (text[visibleEnd - 1] === " " || text[visibleEnd - 1] === "\t")) visibleEnd--;
    heading.end = this.here(visibleEnd);
    this.finalize(heading, heading.end);
    return heading;
  }

  private tryFence(): Block | null {
    const line = this.line;
    const text = line.text;
    const start = line.nextNonspace;
    const char = text[start]!;
    let i = start;
    while (text[i] === char) i++;
    const length = i - start;
    if (length < 3) return null;
    const info = text.slice(i).trim();
    if (char === "`" && info.includes("`")) return null;
    this.closeUnmatchedBlocks();
    const code = this.addChild("code", this.here(start));
    code.fenced = true;
    code.fenceChar = char;
    code.fenceLength = length;
    code.fenceIndent = line.indent;
    code.info = info;
    code.end = this.lineEnd();
    // The rest of the opening line is the info string, not content.
    line.pos = text.length;
    line.column = text.length;
    return code;
  }

  private tryHtmlBlock(container: Block): Block | null {
    const line = this.line;
    const rest = line.text.slice(line.nextNonspace);
    let kind = 0;
    if (HTML_RAW_TAGS.test(rest)) kind = 1;
    else if (rest.startsWith("<!--")) kind = 2;
    else if (rest.startsWith("<?")) kind = 3;
    else if (/^<![A-Za-z]/.test(rest)) kind = 4;
    else if (rest.startsWith("<![CDATA[")) kind = 5;
    else {
      const tag = HTML_BLOCK_TAG.exec(rest);
      if (tag && HTML_BLOCK_TAGS.has(tag[1]!.toLowerCase())) kind = 6;
      else if (container.type !== "paragraph" && (HTML_COMPLETE_OPEN.test(rest) || HTML_COMPLETE_CLOSE.test(rest))) {
        const name = /^<\/?([A-Za-z][A-Za-z0-9-]*)/.exec(rest)?.[1]?.toLowerCase();
        if (name && !/^(script|pre|style|textarea)$/.test(name)) kind = 7;
      }
    }
    if (kind === 0) return null;
    this.closeUnmatchedBlocks();
    const html = this.addChild("html", this.here(line.nextNonspace));
    html.htmlKind = kind;
    return html;
  }

  private htmlBlockEnds(block: Block): boolean {
    const text = block.lines[block.lines.length - 1]!.text;
    switch (block.htmlKind) {
      case 1:
        return HTML_RAW_END.test(text);
      case 2:
        return text.includes("-->", block.lines.length === 1 ? text.indexOf("<!--") + 4 : 0);
      case 3:
        return text.includes("?>", block.lines.length === 1 ? text.indexOf("<?") + 2 : 0);
      case 4:
        return text.includes(">");
      case 5:
        return text.includes("]]>");
      default:
        return false;
    }
  }

  private trySetext(paragraph: Block): Block | null {
    const line = this.line;
    const text = line.text;
    const char = text[line.nextNonspace]!;
    let i = line.nextNonspace;
    while (text[i] === char) i++;
    while (i < text.length && (text[i] === " " || text[i] === "\t")) i++;
    if (i !== text.length) return null;
    if (countDefinitionLines(paragraph.lines) === paragraph.lines.length) return null;
    paragraph.type = "heading";
    paragraph.setext = true;
    paragraph.depth = char === "=" ? 1 : 2;
    let end = text.length;
    while (end > 0 && (text[end - 1] === " " || text[end - 1] === "\t")) end--;
    paragraph.end = this.here(end);
    this.line.pos = text.length;
    this.finalize(paragraph, paragraph.end);
    return paragraph;
  }

  private tryTable(paragraph: Block): Block | null {
    const line = this.line;
    const delimiterText = line.text.slice(line.nextNonspace);
    const align = parseDelimiterRow(delimiterText);
    if (!align) return null;
    const headerLine = paragraph.lines[paragraph.lines.length - 1]!;
    const headerCells = splitTableRow(headerLine.text);
    if (headerCells.length !== align.length) return null;
    // micromark only reads the header row when it is not a lazy or indented-code-like line.
    if (paragraph.lines.length > 1 && /^ {4}/.test(headerLine.text)) return null;
    const parent = paragraph.parent!;
    const table = newBlock("table", point(headerLine.line, headerLine.column, headerLine.offset));
    table.align = align;
    table.lines.push(headerLine);
    table.parent = parent;
    paragraph.lines.pop();
    if (paragraph.lines.length === 0) {
      parent.children[parent.children.length - 1] = table;
    } else {
      paragraph.open = false;
      const previous = paragraph.lines[paragraph.lines.length - 1]!;
      paragraph.end = point(previous.line, previous.column + trimEndLength(previous.text), previous.offset + trimEndLength(previous.text));
      parent.children.push(table);
    }
    table.end = this.lineEnd();
    this.tip = table;
    this.line.pos = this.line.text.length;
    return table;
  }

  private addTableRow(table: Block): void {
    this.advanceNextNonspace();
    const rest = this.rest();
    table.lines.push(rest);
    table.end = this.lineEnd();
  }

  private tryListItem(container: Block): Block | null {
    const line = this.line;
    const text = line.text;
    const start = line.nextNonspace;
    const first = text[start]!;
    let markerEnd: number;
    let ordered = false;
    let startNumber = 1;
    let marker: string;
    if (first === "-" || first === "+" || first === "*") {
      markerEnd = start + 1;
      marker = first;
    } else {
      const match = ORDERED_MARKER.exec(text.slice(start, start + 11));
      if (!match) return null;
      if (container.type === "paragraph" && match[1] !== "1") return null;
      ordered = true;
      startNumber = Number.parseInt(match[1]!, 10);
      marker = match[2]!;
      markerEnd = start + match[0].length;
    }
    const after = text.charCodeAt(markerEnd);
    if (markerEnd < text.length && after !== 32 && after !== 9) return null;
    // An empty item cannot interrupt a paragraph.
    const restBlank = text.slice(markerEnd).trim() === "";
    if (container.type === "paragraph" && restBlank) return null;

    const markerOffset = line.indent;
    this.advanceNextNonspace();
    const itemStart = this.here();
    const markerColumn = line.column;
    line.pos = markerEnd;
    line.column = markerColumn + (markerEnd - start);
    const markerWidthEnd = line.column;
    // Spaces after the marker: 1-4 belong to the marker; 5+ means indented code in the item.
    this.findNextNonspace();
    const spaces = line.nextNonspaceColumn - line.column;
    // The item's content column, counted from where the enclosing container's content starts.
    const markerWidth = markerWidthEnd - markerColumn;
    let contentIndent: number;
    if (line.blank) {
      contentIndent = markerOffset + markerWidth + 1;
      line.pos = text.length;
    } else if (spaces >= 5) {
      contentIndent = markerOffset + markerWidth + 1;
      this.advanceColumns(1);
    } else {
      contentIndent = markerOffset + markerWidth + spaces;
      this.advanceNextNonspace();
    }
    this.closeUnmatchedBlocks();
    let list = this.tip;
    if (list.type !== "list" || list.ordered !== ordered || list.marker !== marker) {
      list = this.addChild("list", itemStart);
      list.ordered = ordered;
      list.marker = marker;
      list.startNumber = startNumber;
    }
    const item = this.addChild("listItem", itemStart);
    item.contentIndent = contentIndent;
    item.end = this.here(markerEnd);
    return item;
  }
}

function comparePoints(a: Point, b: Point): number {
  return a.offset! - b.offset!;
}

function trimEndLength(text: string): number {
  let end = text.length;
  while (end > 0 && (text[end - 1] === " " || text[end - 1] === "\t")) end--;
  return end;
}

function trimIndentedCode(block: Block): void {
  const lines = block.lines;
  while (lines.length > 0 && lines[lines.length - 1]!.text.trim() === "") lines.pop();
  const last = lines[lines.length - 1];
  if (last) block.end = point(last.line, last.column + last.text.length, last.offset + last.text.length);
}

function isThematicBreak(text: string, start: number): boolean {
  const char = text[start];
  let count = 0;
  for (let i = start; i < text.length; i++) {
    const current = text[i];
    if (current === char) count++;
    else if (current !== " " && current !== "\t") return false;
  }
  return count >= 3;
}

/** The alignments of a GFM delimiter row, or null when the line is not one. */
export function parseDelimiterRow(text: string): Array<"left" | "right" | "center" | null> | null {
  const cells = splitTableRow(text);
  if (cells.length === 0) return null;
  if (cells.length === 1 && !text.includes("|")) return null;
  const align: Array<"left" | "right" | "center" | null> = [];
  for (const cell of cells) {
    const value = cell.text.trim();
    if (!/^:?-+:?$/.test(value)) return null;
    const left = value.startsWith(":");
    const right = value.endsWith(":");
    align.push(left && right ? "center" : left ? "left" : right ? "right" : null);
  }
  return align;
}

export interface TableCellSpan {
  /** Raw cell text (between pipes, untrimmed). */
  text: string;
  /** Index of the cell's first character in the row text. */
  start: number;
  /** Index of the opening pipe, or `start` when the cell has none. */
  pipeStart: number;
  /** Index just after the cell (the closing pipe included when present). */
  end: number;
}

/**
 * Split a table row on unescaped pipes (pipes inside code spans split too, as on GitHub). A
 * leading and a trailing pipe are optional.
 */
export function splitTableRow(text: string): TableCellSpan[] {
  let end = text.length;
  while (end > 0 && (text[end - 1] === " " || text[end - 1] === "\t")) end--;
  let start = 0;
  while (start < end && (text[start] === " " || text[start] === "\t")) start++;
  const cells: TableCellSpan[] = [];
  let cellStart = start;
  let pipeStart = start;
  if (text[start] === "|") cellStart = start + 1;
  for (let i = cellStart; i < end; i++) {
    const char = text[i];
    if (char === "\\") {
      i++;
      continue;
    }
    if (char === "|") {
      cells.push({ text: text.slice(cellStart, i), start: cellStart, pipeStart, end: i + 1 });
      pipeStart = i;
      cellStart = i + 1;
    }
  }
  if (cellStart < end) {
    const last = text.slice(cellStart, end);
    if (last.trim() !== "" || cells.length === 0) cells.push({ text: last, start: cellStart, pipeStart, end });
  }
  return cells;
}

