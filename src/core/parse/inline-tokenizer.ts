// The inline half of the fast Markdown parser: turns the content of a paragraph, heading or table
// cell into mdast phrasing nodes. It follows the CommonMark delimiter-stack algorithm (emphasis,
// strong, links, images) plus the GFM pieces the governed documents use (strikethrough, autolink
// literals). Every scan is a forward loop or an anchored (sticky) regex, so long lines cost
// linear time.
import type { PhrasingContent } from "mdast";
import type { SourceMap } from "./source-map.js";

export interface DefinitionTarget {
  url: string;
  title: string | null;
}

/** Looks up a link reference definition by its normalized identifier (see `normalizeIdentifier`). */
export type DefinitionLookup = (identifier: string) => DefinitionTarget | undefined;

/** Label normalization as micromark does it: collapse whitespace, trim, case-fold. */
export function normalizeIdentifier(label: string): string {
  return label.replace(/[\t\n\r ]+/g, " ").trim().toLowerCase().toUpperCase().toLowerCase();
}

interface Item {
  /** A finished node, or text (plain text, or a delimiter run / bracket kept as text). */
  node: PhrasingContent | null;
  text: string;
  start: number;
  end: number;
  prev: Item | null;
  next: Item | null;
  /** Set on links made from GFM autolink literals: undone when they end up inside a link. */
  literalLink?: boolean;
}

interface Delimiter {
  item: Item;
  char: string;
  originalCount: number;
  count: number;
  canOpen: boolean;
  canClose: boolean;
  prev: Delimiter | null;
  next: Delimiter | null;
}

interface Bracket {
  item: Item;
  image: boolean;
  /** Content index just after the `[`. */
  labelStart: number;
  active: boolean;
  previousDelimiter: Delimiter | null;
  prev: Bracket | null;
}

const ASCII_PUNCTUATION = new Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");
const UNICODE_PUNCTUATION = /[\p{P}\p{S}]/u;
const UNICODE_WHITESPACE = /\s/u;
const NAMED_ENTITIES: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0", copy: "\u00a9", reg: "\u00ae",
  mdash: "\u2014", ndash: "\u2013", hellip: "\u2026", times: "\u00d7", plusmn: "\u00b1", minus: "\u2212",
  rarr: "\u2192", larr: "\u2190", le: "\u2264", ge: "\u2265", ne: "\u2260", middot: "\u00b7", deg: "\u00b0",
  lsquo: "\u2018", rsquo: "\u2019", ldquo: "\u201c", rdquo: "\u201d", bull: "\u2022", trade: "\u2122",
};

const ENTITY = /&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([A-Za-z][A-Za-z0-9]{1,31}));/y;
const URI_AUTOLINK = /<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\u0000-\u0020<>]*)>/y;
const EMAIL_AUTOLINK =
  /<([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>/y;
const HTML_OPEN_TAG =
  /<[A-Za-z][A-Za-z0-9-]*(?:[ \t\n]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[ \t\n]*=[ \t\n]*(?:[^ \t\n"'=<>`]+|'[^']*'|"[^"]*"))?)*[ \t\n]*\/?>/y;
const HTML_CLOSE_TAG = /<\/[A-Za-z][A-Za-z0-9-]*[ \t\n]*>/y;
const HTML_DECLARATION = /<![A-Za-z][^>]*>/y;
const EMAIL_LOCAL_CHAR = /[A-Za-z0-9.+_-]/;

function isWhitespace(char: string | undefined): boolean {
  return char === undefined || char === " " || char === "\n" || char === "\t" || UNICODE_WHITESPACE.test(char);
}

function isPunctuation(char: string | undefined): boolean {
  return char !== undefined && (ASCII_PUNCTUATION.has(char) || (char.charCodeAt(0) > 127 && UNICODE_PUNCTUATION.test(char)));
}

export interface InlineOptions {
  /** Inside a GFM table cell, `\|` in a code span stands for `|`. */
  tableCell?: boolean;
}

/** Parse inline content. `map` turns content indices into document points. */
export function parseInline(
  content: string,
  map: SourceMap,
  definitions: DefinitionLookup,
  options: InlineOptions = {},
): PhrasingContent[] {
  return new InlineTokenizer(content, map, definitions, options).run();
}

class InlineTokenizer {
  private pos = 0;
  private head: Item | null = null;
  private tail: Item | null = null;
  private delimiters: Delimiter | null = null;
  private brackets: Bracket | null = null;
  private pendingText = "";
  private pendingStart = 0;
  /** Backtick run lengths known to have no closing run after the current position. */
  private readonly missingBacktickRuns = new Map<number, number>();

  constructor(
    private readonly src: string,
    private readonly map: SourceMap,
    private readonly definitions: DefinitionLookup,
    private readonly options: InlineOptions,
  ) {}

  run(): PhrasingContent[] {
    const src = this.src;
    const length = src.length;
    while (this.pos < length) {
      const char = src[this.pos]!;
      switch (char) {
        case "\n":
          this.lineEnding();
          break;
        case "\\":
          this.backslash();
          break;
        case "`":
          this.codeSpan();
          break;
        case "*":
        case "_":
        case "~":
          this.delimiterRun(char);
          break;
        case "[":
          this.openBracket(false);
          break;
        case "!":
          if (src[this.pos + 1] === "[") this.openBracket(true);
          else this.literal(1);
          break;
        case "]":
          this.closeBracket();
          break;
        case "<":
          this.angle();
          break;
        case "&":
          this.entity();
          break;
        case "h":
        case "H":
        case "w":
        case "W":
          if (!this.autolinkLiteral()) this.plainRun();
          break;
        case "@":
          if (!this.emailLiteral()) this.literal(1);
          break;
        default:
          this.plainRun();
      }
    }
    this.flushText();
    this.processEmphasis(null);
    return this.collect(this.head, null);
  }

  // ---- text accumulation -------------------------------------------------------------------

  /** Consume ordinary characters up to the next one that may start a construct. */
  private plainRun(): void {
    const src = this.src;
    const start = this.pos;
    let end = start + 1;
    while (end < src.length) {
      const code = src.charCodeAt(end);
      if (isSpecial(code)) {
        // `h`/`w` only matter where an autolink literal may start: not in the middle of a word.
        if (!isAutolinkLetter(code) || !isAsciiLetter(src.charCodeAt(end - 1))) break;
      }
      end++;
    }
    this.appendText(src.slice(start, end), start, end);
    this.pos = end;
  }

  private literal(length: number): void {
    this.appendText(this.src.slice(this.pos, this.pos + length), this.pos, this.pos + length);
    this.pos += length;
  }

  private appendText(value: string, start: number, end: number): void {
    if (this.pendingEnd === -1) this.pendingStart = start;
    this.pendingText += value;
    this.pendingEnd = end;
  }

  private pendingEnd = -1;

  private flushText(): void {
    if (this.pendingEnd === -1) return;
    this.pushItem({ node: null, text: this.pendingText, start: this.pendingStart, end: this.pendingEnd, prev: null, next: null });
    this.pendingText = "";
    this.pendingEnd = -1;
  }

  private pushItem(item: Item): Item {
    item.prev = this.tail;
    item.next = null;
    if (this.tail) this.tail.next = item;
    else this.head = item;
    this.tail = item;
    return item;
  }

  /** A delimiter run or bracket: text unless a later construct consumes it. */
  private pushMarker(text: string, start: number, end: number): Item {
    this.flushText();
    return this.pushItem({ node: null, text, start, end, prev: null, next: null });
  }

  private pushNode(node: PhrasingContent, start: number, end: number): Item {
    this.flushText();
    return this.pushItem({ node, text: "", start, end, prev: null, next: null });
  }

  // ---- line endings, escapes, entities --------------------------------------------------------

  private lineEnding(): void {
    const newline = this.pos;
    let spaces = 0;
    const pending = this.pendingText;
    while (spaces < pending.length && pending.charCodeAt(pending.length - 1 - spaces) === 32) spaces++;
    if (spaces >= 2 && this.pendingEnd === newline) {
      this.pendingText = this.pendingText.slice(0, this.pendingText.length - spaces);
      this.pendingEnd = newline - spaces;
      if (this.pendingText === "" && this.pendingEnd === this.pendingStart) this.pendingEnd = -1;
      this.pushNode({ type: "break" }, newline - spaces, newline + 1);
    } else {
      if (spaces > 0 && this.pendingEnd === newline) this.pendingText = this.pendingText.slice(0, -spaces);
      this.appendText("\n", newline, newline + 1);
    }
    this.pos = newline + 1;
  }

  private backslash(): void {
    const next = this.src[this.pos + 1];
    if (next === "\n") {
      this.pushNode({ type: "break" }, this.pos, this.pos + 2);
      this.pos += 2;
    } else if (next !== undefined && ASCII_PUNCTUATION.has(next)) {
      this.appendText(next, this.pos, this.pos + 2);
      this.pos += 2;
    } else {
      this.literal(1);
    }
  }

  private entity(): void {
    ENTITY.lastIndex = this.pos;
    const match = ENTITY.exec(this.src);
    const decoded = match ? decodeEntity(match) : undefined;
    if (match && decoded !== undefined) {
      this.appendText(decoded, this.pos, this.pos + match[0].length);
      this.pos += match[0].length;
    } else {
      this.literal(1);
    }
  }

  // ---- code spans -----------------------------------------------------------------------------

  private codeSpan(): void {
    const src = this.src;
    const start = this.pos;
    let runEnd = start;
    while (src[runEnd] === "`") runEnd++;
    const runLength = runEnd - start;
    const knownMissing = this.missingBacktickRuns.get(runLength);
    let search = runEnd;
    let closeStart = -1;
    if (knownMissing === undefined || knownMissing < runEnd) {
      while (search < src.length) {
        const tick = src.indexOf("`", search);
        if (tick < 0) break;
        let tickEnd = tick;
        while (src[tickEnd] === "`") tickEnd++;
        if (tickEnd - tick === runLength) {
          closeStart = tick;
          break;
        }
        search = tickEnd;
      }
      if (closeStart < 0) this.missingBacktickRuns.set(runLength, runEnd);
    }
    if (closeStart < 0) {
      this.appendText(src.slice(start, runEnd), start, runEnd);
      this.pos = runEnd;
      return;
    }
    // micromark keeps line endings in the value (renderers turn them into spaces).
    let value = src.slice(runEnd, closeStart);
    const first = value[0];
    const last = value[value.length - 1];
    if (value.length > 2 && (first === " " || first === "\n") && (last === " " || last === "\n") && value.trim() !== "") {
      value = value.slice(1, -1);
    }
    if (this.options.tableCell) value = value.replace(/\\\|/g, "|");
    this.pushNode({ type: "inlineCode", value }, start, closeStart + runLength);
    this.pos = closeStart + runLength;
  }

  // ---- emphasis delimiters --------------------------------------------------------------------

  private delimiterRun(char: string): void {
    const src = this.src;
    const start = this.pos;
    let end = start;
    while (src[end] === char) end++;
    const count = end - start;
    if (char === "~" && count > 2) {
      this.literal(count);
      return;
    }
    const before = start === 0 ? undefined : src[start - 1];
    const after = src[end];
    const beforeSpace = isWhitespace(before);
    const afterSpace = isWhitespace(after);
    const beforePunct = isPunctuation(before);
    const afterPunct = isPunctuation(after);
    const leftFlanking = !afterSpace && (!afterPunct || beforeSpace || beforePunct);
    const rightFlanking = !beforeSpace && (!beforePunct || afterSpace || afterPunct);
    let canOpen: boolean;
    let canClose: boolean;
    if (char === "_") {
      canOpen = leftFlanking && (!rightFlanking || beforePunct);
      canClose = rightFlanking && (!leftFlanking || afterPunct);
    } else {
      canOpen = leftFlanking;
      canClose = rightFlanking;
    }
    const item = this.pushMarker(src.slice(start, end), start, end);
    this.pos = end;
    if (!canOpen && !canClose) return;
    const delimiter: Delimiter = { item, char, originalCount: count, count, canOpen, canClose, prev: this.delimiters, next: null };
    if (this.delimiters) this.delimiters.next = delimiter;
    this.delimiters = delimiter;
  }

  private removeDelimiter(delimiter: Delimiter): void {
    if (delimiter.prev) delimiter.prev.next = delimiter.next;
    if (delimiter.next) delimiter.next.prev = delimiter.prev;
    else this.delimiters = delimiter.prev;
  }

  private removeItem(item: Item): void {
    if (item.prev) item.prev.next = item.next;
    else this.head = item.next;
    if (item.next) item.next.prev = item.prev;
    else this.tail = item.prev;
  }

  /** The CommonMark "process emphasis" procedure over delimiters above `bottom`. */
  private processEmphasis(bottom: Delimiter | null): void {
    const openersBottom = new Map<string, Delimiter | null>();
    let closer: Delimiter | null = this.delimiters;
    while (closer && closer.prev !== bottom) closer = closer.prev;
    while (closer) {
      if (!closer.canClose) {
        closer = closer.next;
        continue;
      }
      const key = `${closer.char}${closer.canOpen ? 1 : 0}${closer.originalCount % 3}`;
      const floor = openersBottom.has(key) ? openersBottom.get(key)! : bottom;
      let opener = closer.prev;
      let found = false;
      while (opener && opener !== bottom && opener !== floor) {
        const oddMatch =
          closer.char !== "~" &&
          (closer.canOpen || opener.canClose) &&
          closer.originalCount % 3 !== 0 &&
          (opener.originalCount + closer.originalCount) % 3 === 0;
        const sameLength = closer.char !== "~" || opener.count === closer.count;
        if (opener.char === closer.char && opener.canOpen && !oddMatch && sameLength) {
          found = true;
          break;
        }
        opener = opener.prev;
      }
      if (!found || !opener) {
        openersBottom.set(key, closer.prev);
        const next: Delimiter | null = closer.next;
        if (!closer.canOpen) this.removeDelimiter(closer);
        closer = next;
        continue;
      }
      const use = closer.char === "~" ? closer.count : closer.count >= 2 && opener.count >= 2 ? 2 : 1;
      const openerItem = opener.item;
      const closerItem = closer.item;
      opener.count -= use;
      closer.count -= use;
      openerItem.text = openerItem.text.slice(0, opener.count);
      openerItem.end -= use;
      closerItem.text = closerItem.text.slice(use);
      closerItem.start += use;
      const type = closer.char === "~" ? "delete" : use === 2 ? "strong" : "emphasis";
      const children = this.collect(openerItem.next, closerItem);
      const node = { type, children } as PhrasingContent;
      const wrapper: Item = { node, text: "", start: openerItem.end, end: closerItem.start, prev: openerItem, next: closerItem };
      openerItem.next = wrapper;
      closerItem.prev = wrapper;
      // Delimiters between opener and closer are gone with the wrapped items.
      opener.next = closer;
      closer.prev = opener;
      if (opener.count === 0) {
        this.removeItem(openerItem);
        this.removeDelimiter(opener);
      }
      if (closer.count === 0) {
        this.removeItem(closerItem);
        const next: Delimiter | null = closer.next;
        this.removeDelimiter(closer);
        closer = next;
      }
    }
    // Everything above bottom is resolved now.
    while (this.delimiters && this.delimiters !== bottom) this.removeDelimiter(this.delimiters);
  }

  // ---- links and images -----------------------------------------------------------------------

  private openBracket(image: boolean): void {
    const start = this.pos;
    const length = image ? 2 : 1;
    const item = this.pushMarker(image ? "![" : "[", start, start + length);
    this.brackets = { item, image, labelStart: start + length, active: true, previousDelimiter: this.delimiters, prev: this.brackets };
    this.pos = start + length;
  }

  private closeBracket(): void {
    const closeIndex = this.pos;
    const opener = this.brackets;
    if (!opener) {
      this.literal(1);
      return;
    }
    if (!opener.active) {
      this.brackets = opener.prev;
      this.literal(1);
      return;
    }
    const src = this.src;
    let end = closeIndex + 1;
    let node: PhrasingContent | null = null;
    const inline = src[end] === "(" ? parseInlineLinkTail(src, end) : null;
    if (inline) {
      end = inline.end;
      node = opener.image
        ? { type: "image", url: inline.url, title: inline.title, alt: "" }
        : { type: "link", url: inline.url, title: inline.title, children: [] };
    } else {
      const label = parseLinkLabel(src, end);
      let referenceType: "full" | "collapsed" | "shortcut";
      let rawLabel: string;
      if (label && label.end - end > 2) {
        referenceType = "full";
        rawLabel = src.slice(end + 1, label.end - 1);
      } else {
        referenceType = label ? "collapsed" : "shortcut";
        rawLabel = src.slice(opener.labelStart, closeIndex);
      }
      const identifier = normalizeIdentifier(rawLabel);
      if (rawLabel.length <= 999 && identifier !== "" && this.definitions(identifier)) {
        if (label) end = label.end;
        node = opener.image
          ? { type: "imageReference", identifier, label: rawLabel, referenceType, alt: "" }
          : { type: "linkReference", identifier, label: rawLabel, referenceType, children: [] };
      }
    }
    this.brackets = opener.prev;
    if (!node) {
      this.literal(1);
      return;
    }
    this.flushText();
    this.processEmphasis(opener.previousDelimiter);
    const children = this.collect(opener.item.next, null, true);
    if (node.type === "image" || node.type === "imageReference") node.alt = plainText(children);
    else (node as { children: PhrasingContent[] }).children = children;
    const openerItem = opener.item;
    openerItem.node = node;
    openerItem.text = "";
    openerItem.end = end;
    openerItem.next = null;
    this.tail = openerItem;
    this.pos = end;
    if (!opener.image) {
      // Links may not contain links: earlier `[` openers can no longer form one.
      for (let bracket = this.brackets; bracket; bracket = bracket.prev) if (!bracket.image) bracket.active = false;
    }
  }

  // ---- angle brackets: autolinks and inline HTML ------------------------------------------------

  private angle(): void {
    const src = this.src;
    const start = this.pos;
    for (const pattern of [URI_AUTOLINK, EMAIL_AUTOLINK]) {
      pattern.lastIndex = start;
      const match = pattern.exec(src);
      if (match) {
        const end = start + match[0].length;
        const address = match[1]!;
        const url = pattern === EMAIL_AUTOLINK ? `mailto:${address}` : address;
        const text = this.textNode(address, start + 1, end - 1);
        this.pushNode({ type: "link", url, title: null, children: [text] }, start, end);
        this.pos = end;
        return;
      }
    }
    const htmlEnd = matchInlineHtml(src, start);
    if (htmlEnd > 0) {
      this.pushNode({ type: "html", value: src.slice(start, htmlEnd) }, start, htmlEnd);
      this.pos = htmlEnd;
      return;
    }
    this.literal(1);
  }

  // ---- GFM autolink literals ------------------------------------------------------------------

  private autolinkLiteral(): boolean {
    const src = this.src;
    const start = this.pos;
    const before = start === 0 ? undefined : src[start - 1];
    let domainStart: number;
    let prefix = "";
    if (before !== undefined && isAsciiLetter(before.charCodeAt(0))) return false;
    const lower = src.slice(start, start + 8).toLowerCase();
    if (lower.startsWith("www.")) {
      if (!(before === undefined || isWhitespace(before) || "*_~(".includes(before))) return false;
      domainStart = start;
      prefix = "http://";
    } else if (lower.startsWith("http://") || lower.startsWith("https://")) {
      if (before !== undefined && /[A-Za-z]/.test(before)) return false;
      domainStart = start + (lower.startsWith("https://") ? 8 : 7);
    } else {
      return false;
    }
    let end = domainStart;
    while (end < src.length && isDomainChar(src.charCodeAt(end), src[end]!)) end++;
    if (end === domainStart) return false;
    const domain = src.slice(domainStart, end);
    if (prefix && !domain.includes(".")) return false;
    // The last two labels may not hold an underscore.
    const labels = domain.split(".");
    if (labels.slice(-2).some((label) => label.includes("_"))) return false;
    while (end < src.length && !isWhitespace(src[end]) && src[end] !== "<") end++;
    end = trimAutolinkTail(src, start, end);
    if (end <= domainStart) return false;
    const value = src.slice(start, end);
    const text = this.textNode(value, start, end);
    const item = this.pushNode({ type: "link", url: prefix + value, title: null, children: [text] }, start, end);
    item.literalLink = true;
    this.pos = end;
    return true;
  }

  private emailLiteral(): boolean {
    const src = this.src;
    const at = this.pos;
    let localStart = at;
    while (localStart > 0 && EMAIL_LOCAL_CHAR.test(src[localStart - 1]!)) localStart--;
    if (localStart === at) return false;
    const before = localStart === 0 ? undefined : src[localStart - 1];
    if (before !== undefined && /[A-Za-z0-9/]/.test(before)) return false;
    const local = src.slice(localStart, at);
    if (!this.pendingText.endsWith(local) || this.pendingEnd !== at || at - localStart > this.pendingEnd - this.pendingStart) return false;
    let end = at + 1;
    let dots = 0;
    while (end < src.length && /[A-Za-z0-9._-]/.test(src[end]!)) {
      if (src[end] === ".") dots++;
      end++;
    }
    while (end > at + 1 && src[end - 1] === ".") {
      end--;
      dots--;
    }
    const last = src[end - 1];
    if (dots < 1 || last === "-" || last === "_" || end === at + 1) return false;
    this.pendingText = this.pendingText.slice(0, this.pendingText.length - local.length);
    this.pendingEnd = localStart;
    if (this.pendingText === "" && this.pendingStart === localStart) this.pendingEnd = -1;
    const value = src.slice(localStart, end);
    const item = this.pushNode({ type: "link", url: `mailto:${value}`, title: null, children: [this.textNode(value, localStart, end)] }, localStart, end);
    item.literalLink = true;
    this.pos = end;
    return true;
  }

  // ---- assembling mdast nodes -----------------------------------------------------------------

  private textNode(value: string, start: number, end: number): PhrasingContent {
    return { type: "text", value, position: { start: this.map.point(start), end: this.map.point(end) } };
  }

  /**
   * The items from `first` up to (not including) `stop` as mdast nodes, adjacent text merged.
   * Inside a link, links made from autolink literals turn back into text.
   */
  private collect(first: Item | null, stop: Item | null, insideLink = false): PhrasingContent[] {
    const out: PhrasingContent[] = [];
    let textValue = "";
    let textStart = -1;
    let textEnd = -1;
    const flush = (): void => {
      if (textStart < 0) return;
      if (textValue !== "") out.push(this.textNode(textValue, textStart, textEnd));
      textValue = "";
      textStart = -1;
    };
    for (let item = first; item && item !== stop; item = item.next) {
      let node = item.node;
      if (node && insideLink && item.literalLink) node = null;
      if (node === null) {
        const text = item.node && item.literalLink ? this.src.slice(item.start, item.end) : item.text;
        if (textStart < 0) textStart = item.start;
        textValue += text;
        textEnd = item.end;
        continue;
      }
      flush();
      if (!node.position) node.position = { start: this.map.point(item.start), end: this.map.point(item.end) };
      out.push(node);
    }
    flush();
    return out;
  }
}

function isAutolinkLetter(code: number): boolean {
  return code === 72 || code === 87 || code === 104 || code === 119;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isSpecial(code: number): boolean {
  // \n ! & * < @ H W [ \ ] _ ` h w ~
  return (
    code === 10 || code === 33 || code === 38 || code === 42 || code === 60 || code === 64 || code === 72 || code === 87 ||
    code === 91 || code === 92 || code === 93 || code === 95 || code === 96 || code === 104 || code === 119 || code === 126
  );
}

function isDomainChar(code: number, char: string): boolean {
  if ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return true;
  if (code === 45 || code === 46 || code === 95) return true;
  return code > 127 && !isWhitespace(char) && !isPunctuation(char);
}

/** GFM: trailing punctuation and unbalanced closing parentheses are not part of an autolink. */
function trimAutolinkTail(src: string, start: number, end: number): number {
  for (;;) {
    const last = src[end - 1];
    if (last === undefined || end <= start) return end;
    if ("?!.,:*_~'\"".includes(last)) {
      end--;
      continue;
    }
    if (last === ";") {
      let amp = end - 2;
      while (amp > start && /[A-Za-z0-9]/.test(src[amp]!)) amp--;
      if (src[amp] === "&" && amp < end - 2) {
        end = amp;
        continue;
      }
      end--;
      continue;
    }
    if (last === ")") {
      let open = 0;
      let close = 0;
      for (let i = start; i < end; i++) {
        if (src[i] === "(") open++;
        else if (src[i] === ")") close++;
      }
      if (close > open) {
        end--;
        continue;
      }
    }
    return end;
  }
}

function decodeEntity(match: RegExpExecArray): string | undefined {
  const [, hex, decimal, name] = match;
  if (hex !== undefined || decimal !== undefined) {
    const code = hex !== undefined ? Number.parseInt(hex, 16) : Number.parseInt(decimal!, 10);
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\ufffd";
    return String.fromCodePoint(code);
  }
  return NAMED_ENTITIES[name!];
}

/** Index after an inline HTML construct starting at `start` (a `<`), or -1. */
export function matchInlineHtml(src: string, start: number): number {
  const next = src[start + 1];
  if (next === "!") {
    if (src.startsWith("<!--", start)) {
      if (src.startsWith("<!-->", start)) return start + 5;
      if (src.startsWith("<!--->", start)) return start + 6;
      const close = src.indexOf("-->", start + 4);
      return close < 0 ? -1 : close + 3;
    }
    if (src.startsWith("<![CDATA[", start)) {
      const close = src.indexOf("]]>", start + 9);
      return close < 0 ? -1 : close + 3;
    }
    HTML_DECLARATION.lastIndex = start;
    return HTML_DECLARATION.exec(src) ? HTML_DECLARATION.lastIndex : -1;
  }
  if (next === "?") {
    const close = src.indexOf("?>", start + 2);
    return close < 0 ? -1 : close + 2;
  }
  const pattern = next === "/" ? HTML_CLOSE_TAG : HTML_OPEN_TAG;
  pattern.lastIndex = start;
  return pattern.exec(src) ? pattern.lastIndex : -1;
}

/** `[label]` starting at `start`: returns the index after `]`, or null. */
export function parseLinkLabel(src: string, start: number): { end: number } | null {
  if (src[start] !== "[") return null;
  let i = start + 1;
  const limit = Math.min(src.length, start + 1001);
  while (i < limit) {
    const char = src[i];
    if (char === "\\") i += 2;
    else if (char === "[") return null;
    else if (char === "]") return { end: i + 1 };
    else i++;
  }
  return null;
}

interface LinkTail {
  url: string;
  title: string | null;
  end: number;
}

/** `(destination "title")` starting at `start` (the `(`). */
export function parseInlineLinkTail(src: string, start: number): LinkTail | null {
  let i = skipLinkSpace(src, start + 1);
  const destination = parseLinkDestination(src, i);
  if (!destination) return null;
  i = destination.end;
  const afterDestination = i;
  i = skipLinkSpace(src, i);
  let title: string | null = null;
  if (i > afterDestination && (src[i] === '"' || src[i] === "'" || src[i] === "(")) {
    const parsed = parseLinkTitle(src, i);
    if (parsed) {
      title = parsed.title;
      i = skipLinkSpace(src, parsed.end);
    }
  }
  if (src[i] !== ")") return null;
  return { url: destination.url, title, end: i + 1 };
}

/** Spaces and tabs with at most one line ending, as link destinations, titles and definitions allow. */
export function skipLinkSpace(src: string, i: number): number {
  let newlines = 0;
  while (i < src.length) {
    const char = src[i];
    if (char === " " || char === "\t") i++;
    else if (char === "\n" && newlines === 0) {
      newlines++;
      i++;
    } else break;
  }
  return i;
}

export function parseLinkDestination(src: string, start: number): { url: string; end: number } | null {
  if (src[start] === "<") {
    let i = start + 1;
    let url = "";
    while (i < src.length) {
      const char = src[i]!;
      if (char === ">") return { url: decodeLinkText(url), end: i + 1 };
      if (char === "\n" || char === "<") return null;
      if (char === "\\" && i + 1 < src.length && ASCII_PUNCTUATION.has(src[i + 1]!)) {
        url += src[i + 1];
        i += 2;
        continue;
      }
      url += char;
      i++;
    }
    return null;
  }
  let i = start;
  let depth = 0;
  while (i < src.length) {
    const char = src[i]!;
    const code = char.charCodeAt(0);
    if (code <= 32 || code === 127) break;
    if (char === "\\" && i + 1 < src.length && ASCII_PUNCTUATION.has(src[i + 1]!)) {
      i += 2;
      continue;
    }
    if (char === "(") {
      depth++;
      if (depth > 32) return null;
    } else if (char === ")") {
      if (depth === 0) break;
      depth--;
    }
    i++;
  }
  if (depth !== 0) return null;
  return { url: decodeLinkText(src.slice(start, i)), end: i };
}

function parseLinkTitle(src: string, start: number): { title: string; end: number } | null {
  const open = src[start];
  const close = open === "(" ? ")" : open;
  let i = start + 1;
  while (i < src.length) {
    const char = src[i];
    if (char === "\\") {
      i += 2;
      continue;
    }
    if (char === close) return { title: decodeLinkText(src.slice(start + 1, i)), end: i + 1 };
    if (open === "(" && char === "(") return null;
    i++;
  }
  return null;
}

/** Backslash escapes and character references in a destination, title or info string. */
export function decodeLinkText(raw: string): string {
  if (!raw.includes("\\") && !raw.includes("&")) return raw;
  let out = "";
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i]!;
    if (char === "\\" && i + 1 < raw.length && ASCII_PUNCTUATION.has(raw[i + 1]!)) {
      out += raw[++i];
    } else if (char === "&") {
      ENTITY.lastIndex = i;
      const match = ENTITY.exec(raw);
      const decoded = match ? decodeEntity(match) : undefined;
      if (match && decoded !== undefined) {
        out += decoded;
        i += match[0].length - 1;
      } else out += char;
    } else out += char;
  }
  return out;
}

/** Plain text of phrasing nodes (image alt text). */
function plainText(nodes: readonly PhrasingContent[]): string {
  let out = "";
  for (const node of nodes) {
    if ("value" in node && node.type !== "html") out += node.value;
    else if (node.type === "image" || node.type === "imageReference") out += node.alt ?? "";
    else if ("children" in node) out += plainText(node.children as PhrasingContent[]);
  }
  return out;
}
