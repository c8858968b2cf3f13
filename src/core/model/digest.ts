// Research digests (`docs/research/NNNN-slug.md`). OWNER: digest helper — expand freely, but keep
// the fields below (other rules depend on them).
//
// Digests vary a lot: titles in several forms, header fields as bullets, bold lines, bare
// `Key: value` lines, a `| Field | Value |` table, several fields on one line, or none at all.
// Extraction never throws: anything unexpected becomes a ParseProblem.
import type { Code, Heading, Nodes, Root, Table } from "mdast";
import type { Located, PrintedNumber } from "./located.js";
import { splitTableRow } from "./adr-table.js";
import { classifyTableRole, introducingSentence, readLosoTable, type LosoTableRole } from "./loso-table.js";
import { proseLosoLines, type ProseLosoLine } from "./loso-prose.js";
import { frontMatterEnd, readFrontMatter, type MarkdownFile, type ParseProblem } from "./markdown-file.js";
import { findModelIds, findModelIdsWithContext, idTokens } from "./model-ids.js";
import { parseValueWithSpread } from "./numbers.js";
import { plainText } from "./plain-text.js";
import { findGateVerdicts } from "./verdict.js";

export type LosoMetric = "plcc" | "srocc" | "rmse" | "krocc";

export interface LosoFold {
  /** Fold name as printed, without bold markers. */
  name: string;
  line: number;
  values: Partial<Record<LosoMetric, PrintedNumber>>;
}

export type LosoSummaryKind = "mean" | "std" | "min" | "max";

export interface LosoSummary {
  kind: LosoSummaryKind;
  /** Which std the row states when it says so (`Std (n-1)` is sample). */
  stdKind?: "sample" | "population";
  line: number;
  values: Partial<Record<LosoMetric, PrintedNumber>>;
  /** `row` for a summary row of the table (default), `prose` for a `LOSO PLCC = x ± y` sentence. */
  source?: "row" | "prose";
}

export interface LosoTable {
  line: number;
  column: number;
  folds: LosoFold[];
  summaries: LosoSummary[];
  /** Model ids the table is about (from the nearest heading, caption or the digest's subject). */
  modelIds: string[];
  /**
   * `result` when the digest measured these numbers; `expected` for a plan, target, projection or
   * hypothetical; `quoted` for numbers copied from another digest. `DigestDocument.losoTables`
   * holds only results; the others are in `DigestDocument.otherLosoTables`.
   */
  role?: LosoTableRole;
  /** Why the table is not a result (`the sentence introducing it says ...`), for messages. */
  roleReason?: string;
  /** The header of the column the PLCC values were read from. */
  plccHeader?: string;
  /**
   * snake_case names in code spans of the table's caption and nearest heading (`predictor_libx265`):
   * artefacts whose ids carry no `_vN` are named this way. Kept apart from `modelIds`, which
   * decide what the table is about; rules match these against known artefact ids only.
   */
  mentions?: string[];
}

/** A fenced code block that holds commands (not data or output), with the section it sits in. */
export interface CommandBlock extends Located<string> {
  lang: string | null;
  /** The nearest heading above the block, or null before the first heading. */
  heading: { text: string; line: number; depth: number } | null;
  /** A `Reproducer:` / `To reproduce:` label in the paragraph right above the block, when present. */
  label?: Located<string>;
}

export interface GateVerdict {
  outcome: "pass" | "fail";
  /** The sentence or line that states it. */
  text: string;
  /** The whole source line the verdict starts on (a threshold may follow the verdict's sentence). */
  lineText: string;
  line: number;
  column: number;
  /** A PLCC figure the verdict quotes, when it quotes one. */
  plcc?: PrintedNumber;
  modelIds: string[];
}

export interface DigestDocument {
  kind: "digest";
  path: string;
  number: number | null;
  title: Located<string> | null;
  /** The number the title states (`Research-0054: ...`), which may differ from the file name's. */
  titleNumber?: number | null;
  /** Header fields by lower-case name (`date`, `status`, `companion adr`, ...). */
  fields: Record<string, Located<string>>;
  /** ADR numbers named as companion ADRs. */
  companionAdrs: number[];
  /**
   * `idTokens` of the whole text, kept only when a LOSO table names no model and the digest has a
   * companion ADR: the evidence then asks whether the digest mentions a model anywhere.
   */
  idTokens?: string[];
  /** Per-fold LOSO tables that state results measured by this digest (role `result`). */
  losoTables: LosoTable[];
  /** Per-fold tables that are planned, expected or quoted from another digest: not stated results. */
  otherLosoTables: LosoTable[];
  verdicts: GateVerdict[];
  reproducer: { line: number; column: number; commands: Array<Located<string> & { lang: string | null }> } | null;
  /** Every fenced command block in the digest, in document order (inside or outside a Reproducer). */
  commandBlocks: CommandBlock[];
  /** A `## Status` section standing in for a header Status field: its heading and first line of text. */
  statusSection?: Located<string>;
  /** Lines stating a LOSO PLCC figure in prose (hints for the gates, never evidence on their own). */
  losoProse: ProseLosoLine[];
  problems: ParseProblem[];
}

/**
 * A digest's file name: `NNNN-slug.md`, as the governed repository's convention asks, or
 * `research-NNNN-slug.md`, which some of its digests use. A name starting with a date
 * (`2026-09-05-slug.md`) matches too, and has no number.
 */
export const DIGEST_FILE_NAME = /^(?:research-)?(\d{3,5})-[^/]+\.md$/;
const DATED_FILE_NAME = /^\d{4}-\d{2}-\d{2}-/;

export function extractDigest(file: MarkdownFile): DigestDocument {
  const base = file.path.slice(file.path.lastIndexOf("/") + 1);
  const match = DATED_FILE_NAME.test(base) ? null : DIGEST_FILE_NAME.exec(base);
  const digest: DigestDocument = {
    kind: "digest",
    path: file.path,
    number: match ? Number(match[1]) : null,
    title: null,
    titleNumber: null,
    fields: {},
    companionAdrs: [],
    losoTables: [],
    otherLosoTables: [],
    verdicts: [],
    reproducer: null,
    commandBlocks: [],
    losoProse: proseLosoLines(file.lines),
    problems: [],
  };
  // Each part is independent: one that fails on a strange document must not hide the others.
  const attempt = (part: string, run: () => void) => {
    try {
      run();
    } catch (error) {
      digest.problems.push({ message: `Could not read the digest's ${part}: ${(error as Error).message}`, line: 1, column: 1 });
    }
  };
  const headings = collectHeadings(file.root);
  attempt("title", () => readTitle(file, headings, digest));
  attempt("header fields", () => readHeaderFields(file, headings, digest));
  attempt("status section", () => readStatusSection(file, headings, digest));
  const titleIds = digest.title ? findModelIds(digest.title.value) : [];
  const codeLines = codeLineSet(file.root);
  const modelIdsAt = (line: number) => subjectIdsAt(file, headings, codeLines, line, titleIds);
  attempt("LOSO tables", () => readLosoTables(file, headings, modelIdsAt, digest));
  attempt("gate verdicts", () => {
    digest.verdicts = findGateVerdicts(file.root, file.lines, {
      modelIdsAt,
      findModelIds: (text) => findModelIdsWithContext(text, titleIds),
    });
  });
  if (digest.companionAdrs.length > 0 && digest.losoTables.some((table) => table.modelIds.length === 0)) digest.idTokens = idTokens(file.text);
  attempt("reproducer", () => readReproducer(file, headings, digest));
  attempt("command blocks", () => readCommandBlocks(file, headings, digest));
  return digest;
}

export interface HeadingInfo {
  line: number;
  column: number;
  depth: number;
  text: string;
}

/** Every heading of the document, in order (the digest reader's and the re-run output reader's). */
export function collectHeadings(root: Root): HeadingInfo[] {
  const headings: HeadingInfo[] = [];
  walk(root, (node) => {
    if (node.type === "heading" && node.position) {
      headings.push({ line: node.position.start.line, column: node.position.start.column, depth: (node as Heading).depth, text: plainText(node) });
    }
    return !holdsOnlyPhrasing(node);
  });
  return headings.sort((a, b) => a.line - b.line);
}

/**
 * Paragraphs, headings and tables hold only inline content, so no heading or code block lies
 * inside them: walks looking for those skip their children (most of a document's nodes).
 */
function holdsOnlyPhrasing(node: Nodes): boolean {
  return node.type === "paragraph" || node.type === "heading" || node.type === "table";
}

/** Visit `node` and its descendants; `visit` returns false to skip a node's children. */
function walk(node: Nodes, visit: (node: Nodes) => boolean | void): void {
  if (visit(node) === false) return;
  if ("children" in node) for (const child of node.children as Nodes[]) walk(child, visit);
}

// ---------------------------------------------------------------------------------------------
// Title

const TITLE_NUMBER = /^(?:research(?:\s+digest)?|digest)[\s-]*(\d{3,5})\b/i;

function readTitle(file: MarkdownFile, headings: HeadingInfo[], digest: DigestDocument): void {
  const title = headings.find((h) => h.depth === 1);
  if (!title) return;
  digest.title = { value: title.text.trim(), line: title.line, column: title.column };
  const number = TITLE_NUMBER.exec(title.text.trim());
  digest.titleNumber = number ? Number(number[1]) : null;
  void file;
}

// ---------------------------------------------------------------------------------------------
// Header fields

/** Keys that may share one line: `Date: 2026-05-02 Status: Accepted Companion ADR: ADR-0291`. */
const INLINE_KEYS = /\s+(?=(?:\*\*|__)?(?:Date|Status|Companion ADRs?|Companion|Last updated|Updated|Workstream|Tracks|Parent ADR|Related ADRs?)(?:\*\*|__)?\s*:)/g;
/** `- **Key**: value`, `**Key:** value`, `Key: value`, `_Updated: 2026-04-28._`. */
const FIELD_LINE = /^(\s*(?:[-*+]\s+)?)([*_]{0,2})([A-Za-z][A-Za-z0-9 ()/'-]{0,40}?)\s*(?:\2\s*:|:\s*(?:\2)?)\s*(.*)$/;
/** Wrapped values continue on indented lines that are not themselves list items or fields. */
const CONTINUATION = /^\s{2,}(?![-*+]\s)\S/;

function readHeaderFields(file: MarkdownFile, headings: HeadingInfo[], digest: DigestDocument): void {
  const start = digest.title ? digest.title.line + 1 : 1;
  // The header is what precedes the first section heading (bounded: some digests have none).
  const firstSection = headings.find((h) => h.line >= start && h.depth >= 2);
  const end = Math.min(firstSection ? firstSection.line - 1 : file.lines.length, start + 60);
  let last: Located<string> | null = null;
  let lastKey = "";
  // Rows of a field table, which GFM also allows without the outer pipes (`Date | 2026-05-05`).
  const tableLines = tableLineSet(file);
  // YAML front matter (`date: 2026-05-05`) is a header too.
  const frontMatter = readFrontMatter(file.lines, frontMatterEnd(file.lines));
  if (frontMatter.problem) digest.problems.push(frontMatter.problem);
  for (const field of frontMatter.fields) {
    const key = normaliseKey(field.key.replace(/_/g, " "));
    if (!(key in digest.fields)) digest.fields[key] = { value: field.value, line: field.line, column: field.column };
  }
  for (let line = start; line <= end; line++) {
    const raw = file.lines[line - 1] ?? "";
    if (last && CONTINUATION.test(raw) && !FIELD_LINE.test(raw.trim())) {
      last.value = `${last.value} ${raw.trim()}`.trim();
      digest.fields[lastKey] = last;
      continue;
    }
    last = null;
    const found = raw.trimStart().startsWith("|") || tableLines.has(line) ? readTableField(raw, line) : readFieldLine(raw, line);
    for (const field of found) {
      if (field.key in digest.fields) continue;
      digest.fields[field.key] = field.located;
      last = field.located;
      lastKey = field.key;
    }
    const companion = /^\s*(?:[-*+]\s+)?companion to\b(.*)$/i.exec(raw);
    if (companion) addAdrNumbers(digest, companion[1]!);
  }
  for (const [key, field] of Object.entries(digest.fields)) {
    if (field.value === "") {
      delete digest.fields[key];
      continue;
    }
    if (/companion|^adrs?$|workstream|tracks/.test(key) || (key === "status" && /companion/i.test(field.value))) {
      addAdrNumbers(digest, field.value);
    }
  }
}

interface FoundField {
  key: string;
  located: Located<string>;
}

function readFieldLine(raw: string, line: number): FoundField[] {
  // Split a line that carries several known keys into its parts, keeping their columns.
  const parts: Array<{ text: string; offset: number }> = [];
  let offset = 0;
  for (const piece of raw.split(INLINE_KEYS)) {
    const at = raw.indexOf(piece, offset);
    parts.push({ text: piece, offset: at });
    offset = at + piece.length;
  }
  const fields: FoundField[] = [];
  for (const part of parts) {
    const match = FIELD_LINE.exec(part.text);
    if (!match) continue;
    const key = normaliseKey(match[3]!);
    if (!key || key.split(" ").length > 4) continue;
    const value = cleanValue(match[4]!);
    const valueIndex = part.text.length - match[4]!.length;
    fields.push({ key, located: { value, line, column: part.offset + valueIndex + 1 } });
  }
  return fields;
}

/** Lines of the document's top-level tables, also those written without the outer pipes. */
function tableLineSet(file: MarkdownFile): Set<number> {
  const lines = new Set<number>();
  for (const node of file.root.children) {
    if (node.type !== "table" || !node.position) continue;
    for (let line = node.position.start.line; line <= node.position.end.line; line++) lines.add(line);
  }
  return lines;
}

function readTableField(raw: string, line: number): FoundField[] {
  // splitTableRow reads rows with and without the outer pipes, as GFM allows.
  const cells = splitTableRow(raw);
  if (cells.length < 2) return [];
  const [label, value] = [cells[0]!, cells[1]!];
  const key = normaliseKey(label.text.replace(/[*_]/g, ""));
  if (!key || /^:?-+:?$/.test(label.text) || key === "field" || key.split(" ").length > 4) return [];
  return [{ key, located: { value: cleanValue(value.text), line, column: value.column } }];
}

function normaliseKey(key: string): string {
  return key.replace(/[*_]/g, "").replace(/\s+/g, " ").trim().toLowerCase();
}

function cleanValue(value: string): string {
  return value.replace(/^[*_\s]+|[*_\s]+$/g, "").replace(/\.$/, "").trim();
}

function addAdrNumbers(digest: DigestDocument, text: string): void {
  for (const match of text.matchAll(/\bADR[- ]?(\d{3,5})\b|\.\.\/adr\/(\d{3,5})-/gi)) {
    const number = Number(match[1] ?? match[2]);
    if (!digest.companionAdrs.includes(number)) digest.companionAdrs.push(number);
  }
}

// ---------------------------------------------------------------------------------------------
// LOSO tables

function readLosoTables(
  file: MarkdownFile,
  headings: HeadingInfo[],
  modelIdsAt: (line: number) => string[],
  digest: DigestDocument,
): void {
  const tables: Array<{ node: Table; caption: string; captionSource: string }> = [];
  const sourceOf = (node: Nodes | undefined): string =>
    node?.position ? file.lines.slice(node.position.start.line - 1, node.position.end.line).join("\n") : "";
  const collect = (parent: Nodes) => {
    if (!("children" in parent)) return;
    const children = parent.children as Nodes[];
    children.forEach((child, index) => {
      if (child.type === "table") {
        const previous = children[index - 1];
        const isCaption = previous?.type === "paragraph";
        tables.push({ node: child, caption: isCaption ? plainText(previous) : "", captionSource: isCaption ? sourceOf(previous) : "" });
      } else if (!holdsOnlyPhrasing(child)) collect(child);
    });
  };
  collect(file.root);
  const titleIds = digest.title ? findModelIds(digest.title.value) : [];
  for (const { node, caption, captionSource } of tables) {
    const table = readLosoTable(node, file.text);
    if (!table) continue;
    const heading = nearestHeading(headings, table.line);
    const mentions = codeSpanNames(`${captionSource}\n${heading ? (file.lines[heading.line - 1] ?? "") : ""}`);
    const fromHeading = heading ? findModelIdsWithContext(heading.text, titleIds) : [];
    const fromCaption = findModelIdsWithContext(caption, titleIds);
    const modelIds = fromHeading.length > 0 ? fromHeading : fromCaption.length > 0 ? fromCaption : modelIdsAt(table.line);
    // The column header decided already when it says `Expected PLCC`; else the caption and headings.
    const role =
      table.role && table.role !== "result"
        ? { role: table.role, reason: table.roleReason }
        : classifyTableRole({ headings: enclosingHeadings(headings, table.line).map((h) => h.text), caption: introducingSentence(caption) });
    const read: LosoTable = { ...table, modelIds, role: role.role };
    if (mentions.length > 0) read.mentions = mentions;
    if (role.reason) read.roleReason = role.reason;
    else delete read.roleReason;
    (role.role === "result" ? digest.losoTables : digest.otherLosoTables).push(read);
  }
  attachProseMeans(file, headings, digest);
}

/**
 * A table without a PLCC mean row may state its mean in the prose of the same section
 * (`Mean LOSO PLCC = **0.9975 ± 0.0018**`). Attached only when the section has one LOSO table,
 * so the sentence cannot belong to another table.
 */
function attachProseMeans(file: MarkdownFile, headings: HeadingInfo[], digest: DigestDocument): void {
  const codeLines = codeLineSet(file.root);
  const tableLines = tableLineSet(file);
  for (const table of digest.losoTables) {
    if (table.summaries.some((s) => s.kind === "mean" && s.values.plcc)) continue;
    const heading = nearestHeading(headings, table.line);
    const from = heading ? heading.line + 1 : 1;
    const next = headings.find((h) => h.line > table.line);
    const to = next ? next.line - 1 : file.lines.length;
    // Planned tables count too: a prose mean in a section with two tables may belong to either.
    const sameSection = [...digest.losoTables, ...digest.otherLosoTables].filter((t) => t.line >= from && t.line <= to);
    if (sameSection.length !== 1) continue;
    for (let line = from; line <= to; line++) {
      if (codeLines.has(line)) continue;
      const text = file.lines[line - 1]!;
      if (tableLines.has(line) || text.trimStart().startsWith("|")) continue;
      const stated = /\b(?:mean\s+)?(?:LOSO\s+)?(?:mean\s+)?PLCC\s*(?:\(mean\)\s*)?[=:]\s*/i.exec(text);
      if (!stated || !/mean|loso/i.test(stated[0])) continue;
      const offset = stated.index + stated[0].length;
      const parsed = parseValueWithSpread(text.slice(offset), line, offset + 1);
      if (!parsed) continue;
      table.summaries.push({ kind: "mean", line, values: { plcc: parsed.value }, source: "prose" });
      if (parsed.spread) table.summaries.push({ kind: "std", line, values: { plcc: parsed.spread }, source: "prose" });
      break;
    }
  }
}

function codeLineSet(root: Root): Set<number> {
  const lines = new Set<number>();
  walk(root, (node) => {
    if (node.type === "code" && node.position) {
      for (let line = node.position.start.line; line <= node.position.end.line; line++) lines.add(line);
    }
    return !holdsOnlyPhrasing(node);
  });
  return lines;
}

function nearestHeading(headings: HeadingInfo[], line: number): HeadingInfo | undefined {
  let found: HeadingInfo | undefined;
  for (const heading of headings) {
    if (heading.line >= line) break;
    found = heading;
  }
  return found;
}

/** The nearest heading above `line`, then each enclosing heading of a lower depth (the title excluded). */
export function enclosingHeadings(headings: HeadingInfo[], line: number): HeadingInfo[] {
  const chain: HeadingInfo[] = [];
  let depth = Infinity;
  for (let index = headings.length - 1; index >= 0; index--) {
    const heading = headings[index]!;
    if (heading.line >= line || heading.depth >= depth) continue;
    if (heading.depth <= 1) break;
    chain.push(heading);
    depth = heading.depth;
  }
  return chain;
}

/**
 * The models a statement at `line` is about when it names none itself: the nearest heading's,
 * else those the section names before the statement, else the title's.
 */
const CODE_SPAN_NAME = /`([a-z][a-z0-9]*(?:_[a-z0-9]+)+)`/g;

/** Distinct snake_case names written as code spans, in order. */
function codeSpanNames(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(CODE_SPAN_NAME)) if (!names.includes(match[1]!)) names.push(match[1]!);
  return names;
}

function subjectIdsAt(file: MarkdownFile, headings: HeadingInfo[], codeLines: Set<number>, line: number, titleIds: string[]): string[] {
  const heading = nearestHeading(headings, line);
  if (heading && heading.depth > 1) {
    const ids = findModelIdsWithContext(heading.text, titleIds);
    if (ids.length > 0) return ids;
  }
  const from = heading ? heading.line + 1 : 1;
  const sectionText = file.lines
    .slice(from - 1, line - 1)
    .filter((_, index) => !codeLines.has(from + index))
    .join("\n");
  const ids = findModelIds(sectionText);
  return ids.length > 0 ? ids : [...titleIds];
}

// ---------------------------------------------------------------------------------------------
// Reproducer

/** `Reproducer`, `Reproduction`, `How to reproduce`, `Reproducibility`, and the short `Repro`. */
const REPRODUCER_HEADING = /reproduc|\brepro\b/i;
/** Fenced blocks that hold data or output, not commands. */
const NON_COMMAND_LANGS = new Set(["json", "jsonc", "yaml", "yml", "toml", "csv", "tsv", "diff", "md", "markdown", "text", "txt", "output", "log", "mermaid"]);

function readReproducer(file: MarkdownFile, headings: HeadingInfo[], digest: DigestDocument): void {
  const sections = headings.filter((h) => h.depth >= 2 && REPRODUCER_HEADING.test(h.text));
  if (sections.length === 0) return;
  const commands: Array<Located<string> & { lang: string | null }> = [];
  for (const section of sections) {
    const next = headings.find((h) => h.line > section.line && h.depth <= section.depth);
    const end = next ? next.line - 1 : file.lines.length;
    walk(file.root, (node) => {
      if (node.type !== "code" || !node.position) return !holdsOnlyPhrasing(node);
      const { line, column } = node.position.start;
      if (line <= section.line || line > end) return;
      if (!isFencedCommand(file, node as Code)) return;
      commands.push({ value: node.value, line, column, lang: node.lang ?? null });
    });
  }
  const first = sections[0]!;
  digest.reproducer = { line: first.line, column: first.column, commands };
}

/** A fenced block (not indented code) whose language is not a data or output format. */
function isFencedCommand(file: MarkdownFile, node: Code): boolean {
  if (!node.position) return false;
  const { line, column } = node.position.start;
  const opening = (file.lines[line - 1] ?? "").slice(column - 1);
  if (!/^(?:```|~~~)/.test(opening)) return false; // indented code is not a fenced block
  const lang = node.lang ?? null;
  return !(lang && NON_COMMAND_LANGS.has(lang.toLowerCase()));
}

/** A paragraph that only labels the block below it: `Reproducer:`, `To reproduce:`, `**Repro**:`. */
const REPRODUCER_LABEL = /^\s*(?:[-*+]\s+)?[*_]{0,2}(?:to\s+)?(?:reproduc\w*|repro)\b[^\n]{0,60}?:?[*_]{0,2}:?\s*$/i;

function readCommandBlocks(file: MarkdownFile, headings: HeadingInfo[], digest: DigestDocument): void {
  const collect = (parent: Nodes) => {
    if (!("children" in parent)) return;
    const children = parent.children as Nodes[];
    children.forEach((child, index) => {
      if (child.type !== "code") return holdsOnlyPhrasing(child) ? undefined : collect(child);
      if (!child.position || !isFencedCommand(file, child)) return;
      const { line, column } = child.position.start;
      const heading = nearestHeading(headings, line);
      const block: CommandBlock = {
        value: child.value,
        line,
        column,
        lang: child.lang ?? null,
        heading: heading ? { text: heading.text, line: heading.line, depth: heading.depth } : null,
      };
      const previous = children[index - 1];
      if (previous?.type === "paragraph" && previous.position) {
        const text = plainText(previous).trim();
        if (REPRODUCER_LABEL.test(text)) block.label = { value: text, line: previous.position.start.line, column: previous.position.start.column };
      }
      digest.commandBlocks.push(block);
    });
  };
  collect(file.root);
  digest.commandBlocks.sort((a, b) => a.line - b.line || a.column - b.column);
}

// ---------------------------------------------------------------------------------------------
// Status section

/**
 * Some digests state where they stand in a `## Status` section instead of a header field. Only a
 * heading that is exactly `Status` counts: `## Status update 2026-05-09: ...` appendices do not.
 */
function readStatusSection(file: MarkdownFile, headings: HeadingInfo[], digest: DigestDocument): void {
  const heading = headings.find((h) => h.depth >= 2 && /^\s*status\s*:?\s*$/i.test(h.text));
  if (!heading) return;
  const next = headings.find((h) => h.line > heading.line);
  const end = next ? next.line - 1 : file.lines.length;
  for (let line = heading.line + 1; line <= end; line++) {
    const text = (file.lines[line - 1] ?? "").trim();
    if (text === "") continue;
    digest.statusSection = { value: text, line, column: (file.lines[line - 1] ?? "").indexOf(text) + 1 };
    return;
  }
}
