// ADR documents (`docs/adr/NNNN-slug.md`): number, title, header fields, sections and status
// updates, each with its line and column. Plain JSON so it can be cached on disk.
//
// Header fields come in every shape real ADRs use, all read between the title and the first
// section heading:
//   - **Status**: Accepted          (bold bullet, also `- **Status:** Accepted`)
//   - Status: Accepted               (plain bullet)
//   Status: Accepted                 (bare line, also `**Status**: Accepted`)
//   | Status | Accepted |            (a Field/Value table, key possibly bold)
// Values may wrap onto indented continuation lines. A MADR-style `## Status` section is read too.
import type { Block } from "../parse/block-scanner.js";
import { topLevelHeadings } from "../parse/mdast-builder.js";
import type { Located } from "./located.js";
import { frontMatterEnd, readFrontMatter, type MarkdownFile, type ParseProblem } from "./markdown-file.js";
import { adrNumbersIn, supersessionInStatus, type Locate, type SupersessionClaims } from "./adr-status.js";
import { isDelimiterRow, isTableRow, pipelessTableRows, splitTableRow, stripEmphasis } from "./adr-table.js";
import { codeLines } from "./markdown-facts.js";

export type AdrFieldForm = "bold-bullet" | "bullet" | "bare" | "table" | "section" | "front-matter";

export interface AdrField {
  /** Lower-case key with single spaces: `status`, `date`, `superseded by`. */
  key: string;
  /** The key as written. */
  label: string;
  /** The value with continuation lines joined by a space, outer emphasis removed. */
  value: string;
  form: AdrFieldForm;
  /** Where the value starts. */
  line: number;
  column: number;
  /** Where the field (its key) starts. */
  keyLine: number;
  keyColumn: number;
  /** ADR numbers the value names (`ADR-0123`, links to `0123-x.md`), with their positions. */
  adrNumbers: Array<Located<number>>;
}

export interface AdrStatusUpdate {
  /** `YYYY-MM-DD` as written in the heading. */
  date: string;
  /** Text after the date and colon (`Accepted`, `stays Proposed — ...`), or "" when none. */
  text: string;
  depth: number;
  line: number;
  column: number;
}

export interface AdrSection {
  /** Heading text as written, without the `#` marks. */
  title: string;
  depth: number;
  line: number;
  column: number;
}

export interface AdrDocument {
  kind: "adr";
  path: string;
  /** Number from the file name, or null when the name has none. */
  number: number | null;
  /** File name without directory, e.g. `0123-some-slug.md`. */
  fileName: string;
  /** The H1 title text after the ADR number and separator, with its position. */
  title: Located<string> | null;
  /** The number the H1 title states (`# ADR-0123: ...`), when it states one. */
  titleNumber: Located<number> | null;
  fields: AdrField[];
  /** The `Status` field, when present (first occurrence). */
  status: AdrField | null;
  /** The `Date` field, when present (first occurrence). */
  date: AdrField | null;
  /** ADRs this one says it supersedes (Supersedes field or `Status: Supersedes ...`). */
  supersedes: Array<Located<number>>;
  /** ADRs this one says supersede it (Superseded-by field or `Status: Superseded by ...`). */
  supersededBy: Array<Located<number>>;
  /**
   * ADRs this one names as superseded by it (`supersedes`) or as superseding it (`supersededBy`)
   * without claiming so: a qualified field (`Supersedes: target-VMAF defaults from [ADR-0534]`)
   * or a paragraph or list item of the body ("ADR-0492: … (superseded by this ADR)"). Not claims
   * of their own, but they answer the other ADR's claim.
   */
  supersessionMentions: SupersessionClaims;
  /** Headings of depth 2 and deeper, in document order. */
  sections: AdrSection[];
  /** `Status update YYYY-MM-DD[: text]` headings, in document order. */
  statusUpdates: AdrStatusUpdate[];
  problems: ParseProblem[];
}

const FILE_NUMBER = /(?:^|\/)(\d{3,5})-[^/]*\.md$/;
const TITLE = /^ {0,3}#\s+(.*?)\s*#*\s*$/;
const TITLE_NUMBER = /^ADR[-\u2010\u2011 ]?(\d{1,5})\b\s*(?:[:\u2014\u2013.]\s*|-\s+)?/i;
const KEY = String.raw`[A-Za-z][A-Za-z0-9 /\-]{0,29}?`;
const FIELD_LINES: Array<{ form: AdrFieldForm; pattern: RegExp }> = [
  // Bold as `**Key**:` or `__Key__:` (GitHub renders both), the colon inside or outside.
  { form: "bold-bullet", pattern: new RegExp(String.raw`^(?<prefix>\s*[-*+]\s+)(?<b>\*\*|__)(?<key>${KEY})(?::\k<b>|\k<b>\s*:)[ \t]*(?<value>.*)$`) },
  { form: "bare", pattern: new RegExp(String.raw`^(?<prefix> {0,3})(?<b>\*\*|__)(?<key>${KEY})(?::\k<b>|\k<b>\s*:)[ \t]*(?<value>.*)$`) },
  { form: "bullet", pattern: new RegExp(String.raw`^(?<prefix>\s*[-*+]\s+)(?<key>${KEY})\s*:[ \t]+(?<value>.*)$`) },
  { form: "bare", pattern: new RegExp(String.raw`^(?<prefix> {0,3})(?<key>${KEY})\s*:[ \t]+(?<value>.*)$`) },
];
const NO_SUPERSESSION = /^(?:none|nothing|n\/a|no\b|not\b|[-\u2014\u2013]+(?:\s|$))/i;
const STARTS_WITH_REFERENCE = /^[\s*_`[(]*(?:ADR[-\u2010\u2011 ]?\d|(?:\.{0,2}\/)*(?:[\w.-]+\/)*\d{3,5}-[^\s)]*\.md)/i;
const STATUS_UPDATE = /^status\s+update\s+(\d{4}-\d{2}-\d{2})\b\s*(?:[:\u2014\u2013-]\s*(.*))?$/i;

export function extractAdr(file: MarkdownFile): AdrDocument {
  const fileName = file.path.slice(file.path.lastIndexOf("/") + 1);
  const numberMatch = FILE_NUMBER.exec(file.path);
  const doc: AdrDocument = {
    kind: "adr",
    path: file.path,
    number: numberMatch ? Number(numberMatch[1]) : null,
    fileName,
    title: null,
    titleNumber: null,
    fields: [],
    status: null,
    date: null,
    supersedes: [],
    supersededBy: [],
    supersessionMentions: { supersedes: [], supersededBy: [] },
    sections: [],
    statusUpdates: [],
    problems: [],
  };
  const headings = collectHeadings(file);
  const titleHeading = headings.find((h) => h.depth === 1);
  if (titleHeading) readTitle(file, titleHeading.line, doc);

  // MADR-style YAML front matter holds the header; to the Markdown parser its closing `---`
  // underlines the last key as a heading, which is not a section.
  const frontMatter = frontMatterEnd(file.lines);
  for (const heading of headings) {
    if (heading.depth < 2 || heading.line <= frontMatter) continue;
    const title = headingText(file.lines[heading.line - 1] ?? "", heading.setext);
    const column = headingTextColumn(file.lines[heading.line - 1] ?? "", heading.setext);
    doc.sections.push({ title, depth: heading.depth, line: heading.line, column });
    const update = STATUS_UPDATE.exec(stripInline(title));
    if (update) doc.statusUpdates.push({ date: update[1]!, text: (update[2] ?? "").trim(), depth: heading.depth, line: heading.line, column });
  }

  const firstSection = headings.find((h) => h.depth >= 2 && h.line > Math.max(titleHeading?.line ?? 0, frontMatter));
  const start = titleHeading ? titleHeading.line + 1 : 1;
  const end = firstSection ? firstSection.line - 1 : Math.min(file.lines.length, start + 40);
  doc.fields = [...frontMatterFields(file.lines, frontMatter, doc), ...readHeaderFields(file.lines, start, end, codeLines(file))];
  if (!doc.fields.some((f) => f.key === "status")) {
    const statusSection = readStatusSection(file, doc.sections);
    if (statusSection) doc.fields.push(statusSection);
  }

  doc.status = doc.fields.find((f) => f.key === "status") ?? null;
  doc.date = doc.fields.find((f) => f.key === "date") ?? null;
  collectSupersession(doc);
  collectBodyMentions(doc, file);
  return doc;
}

/** Front matter keys as header fields (`status: accepted`, `date: 2026-05-01`). */
function frontMatterFields(lines: readonly string[], end: number, doc: AdrDocument): AdrField[] {
  const { fields, problem } = readFrontMatter(lines, end);
  if (problem) doc.problems.push(problem);
  return fields.map((field) => finishField(newField(field.key, "front-matter", field.line, 1), [{ text: field.value, line: field.line, column: field.column }]));
}

interface HeadingLine {
  depth: number;
  line: number;
  setext: boolean;
}

/** Top-level headings, from the block tree: an ADR needs no inline parsing (see markdown-file.ts). */
function collectHeadings(file: MarkdownFile): HeadingLine[] {
  return topLevelHeadings(file.blocks).map((heading) => ({
    depth: heading.depth,
    line: heading.startLine,
    setext: heading.endLine > heading.startLine,
  }));
}

function headingText(line: string, setext: boolean): string {
  if (setext) return line.trim();
  return line.replace(/^ {0,3}#{1,6}\s*/, "").replace(/\s+#+\s*$/, "").trim();
}

function headingTextColumn(line: string, setext: boolean): number {
  const prefix = setext ? /^\s*/.exec(line)![0] : /^ {0,3}#{1,6}\s*/.exec(line)?.[0] ?? "";
  return prefix.length + 1;
}

/** Heading text without emphasis and code marks, for matching. */
function stripInline(text: string): string {
  return text.replace(/[*_`]/g, "").trim();
}

function readTitle(file: MarkdownFile, line: number, doc: AdrDocument): void {
  const source = file.lines[line - 1] ?? "";
  const m = TITLE.exec(source);
  if (!m) return;
  const text = m[1]!;
  const textColumn = source.indexOf(text) + 1;
  const number = TITLE_NUMBER.exec(text);
  if (number) {
    doc.titleNumber = { value: Number(number[1]), line, column: textColumn };
    doc.title = { value: text.slice(number[0].length).trim(), line, column: textColumn + number[0].length };
  } else {
    doc.title = { value: text, line, column: textColumn };
  }
}

/** Header fields between `start` and `end` (1-based, inclusive), skipping code blocks. */
export function readHeaderFields(lines: readonly string[], start: number, end: number, code: ReadonlySet<number>): AdrField[] {
  const fields: AdrField[] = [];
  // The field whose value may still continue on the next lines.
  const pending: { open: { field: AdrField; segments: Segment[]; indent: number } | null } = { open: null };
  const close = (): void => {
    if (pending.open) fields.push(finishField(pending.open.field, pending.open.segments));
    pending.open = null;
  };

  const pipeless = pipelessTableRows(lines, start, end);
  for (let lineNumber = start; lineNumber <= end; lineNumber++) {
    const line = lines[lineNumber - 1] ?? "";
    if (code.has(lineNumber)) {
      close();
      continue;
    }
    if (isTableRow(line) || pipeless.has(lineNumber)) {
      close();
      if (isDelimiterRow(line)) continue;
      const cells = splitTableRow(line);
      if (cells.length < 2) continue;
      const label = stripEmphasis(cells[0]!.text);
      if (!new RegExp(`^${KEY}$`).test(label)) continue;
      const value = cells[1]!;
      const field = newField(label, "table", lineNumber, cells[0]!.column);
      fields.push(finishField(field, [{ text: value.text, line: lineNumber, column: value.column }]));
      continue;
    }
    const match = matchFieldLine(line);
    if (match) {
      close();
      const keyColumn = match.prefix.length + 1 + (match.form === "bold-bullet" || line.slice(match.prefix.length).startsWith("**") ? 2 : 0);
      const field = newField(match.label, match.form, lineNumber, keyColumn);
      // Continuation lines are indented deeper than the field's own first character.
      const indent = /^\s*/.exec(line)![0].length;
      pending.open = { field, segments: [{ text: match.value, line: lineNumber, column: match.valueColumn }], indent };
      continue;
    }
    // A continuation line: indented deeper than the field's own marker, not a new bullet.
    const indent = /^\s*/.exec(line)![0].length;
    if (pending.open && line.trim() !== "" && indent > pending.open.indent && !/^\s*[-*+]\s/.test(line)) {
      pending.open.segments.push({ text: line.trim(), line: lineNumber, column: indent + 1 });
      continue;
    }
    close();
  }
  close();
  return fields;
}

interface Segment {
  text: string;
  line: number;
  column: number;
}

function matchFieldLine(line: string): { form: AdrFieldForm; prefix: string; label: string; value: string; valueColumn: number } | null {
  for (const { form, pattern } of FIELD_LINES) {
    const groups = pattern.exec(line)?.groups;
    if (!groups) continue;
    const value = groups.value!;
    const valueColumn = line.length - value.length + 1;
    return { form, prefix: groups.prefix!, label: groups.key!.trim(), value, valueColumn };
  }
  return null;
}

function newField(label: string, form: AdrFieldForm, line: number, column: number): AdrField {
  return {
    key: label.toLowerCase().replace(/[\s-]+/g, " ").trim(),
    label,
    value: "",
    form,
    line,
    column,
    keyLine: line,
    keyColumn: column,
    adrNumbers: [],
  };
}

/** Join the value's segments and locate every ADR number in it. */
function finishField(field: AdrField, segments: Segment[]): AdrField {
  const parts = segments.filter((s) => s.text !== "" || segments.length === 1);
  const first = parts[0] ?? segments[0]!;
  const joined = joinSegments(parts.length ? parts : [first]);
  const leading = joined.text.length - joined.text.trimStart().length;
  const value = stripEmphasis(joined.text.trim());
  const valueOffset = leading + Math.max(0, joined.text.trim().indexOf(value));
  return {
    ...field,
    value,
    ...joined.locate(valueOffset),
    adrNumbers: adrNumbersIn(joined.text, joined.locate),
  };
}

function joinSegments(segments: Segment[]): { text: string; locate: Locate } {
  const starts: number[] = [];
  let text = "";
  for (const segment of segments) {
    if (text !== "") text += " ";
    starts.push(text.length);
    text += segment.text;
  }
  const locate: Locate = (offset) => {
    let i = starts.length - 1;
    while (i > 0 && starts[i]! > offset) i--;
    const segment = segments[i]!;
    return { line: segment.line, column: segment.column + (offset - starts[i]!) };
  };
  return { text, locate };
}

/** MADR style: `## Status` followed by a paragraph whose first line is the status. */
function readStatusSection(file: MarkdownFile, sections: AdrSection[]): AdrField | null {
  const section = sections.find((s) => s.depth === 2 && stripInline(s.title).toLowerCase() === "status");
  if (!section) return null;
  for (let lineNumber = section.line + 1; lineNumber <= Math.min(file.lines.length, section.line + 5); lineNumber++) {
    const line = file.lines[lineNumber - 1] ?? "";
    if (line.trim() === "") continue;
    if (/^ {0,3}#/.test(line)) return null;
    const column = line.length - line.trimStart().length + 1;
    const field = newField("Status", "section", section.line, section.column);
    return finishField(field, [{ text: line.trim(), line: lineNumber, column }]);
  }
  return null;
}

/** Supersession claims from the Supersedes / Superseded-by fields and from the status text. */
function collectSupersession(doc: AdrDocument): void {
  for (const field of doc.fields) {
    // Only a value that starts with the reference claims supersession: `Supersedes: nothing —
    // extends [ADR-0185](...)` or `Supersedes: relaxes a clause of [ADR-0109](...)` name an ADR
    // without superseding it.
    if (NO_SUPERSESSION.test(field.value)) continue;
    const whole = STARTS_WITH_REFERENCE.test(field.value);
    const mentions = doc.supersessionMentions;
    if (field.key === "supersedes" || field.key === "replaces") addNew(whole ? doc.supersedes : mentions.supersedes, field.adrNumbers);
    if (field.key === "superseded by" || field.key === "replaced by") addNew(whole ? doc.supersededBy : mentions.supersededBy, field.adrNumbers);
  }
  if (doc.status) {
    const status = doc.status;
    // Positions come from the field, which knows where each number sits across continuation lines.
    const located = (n: Located<number>): Located<number> => status.adrNumbers.find((m) => m.value === n.value) ?? n;
    const claims = supersessionInStatus(status.value, (offset) => ({ line: status.line, column: status.column + offset }));
    addNew(doc.supersedes, claims.supersedes.map(located));
    addNew(doc.supersededBy, claims.supersededBy.map(located));
  }
}

/** Append the numbers `list` does not hold yet. */
function addNew(list: Array<Located<number>>, numbers: readonly Located<number>[]): void {
  for (const n of numbers) if (!list.some((m) => m.value === n.value)) list.push(n);
}

/** "This ADR supersedes [ADR-0492]" or "ADR-0492 … (superseded by this ADR)". */
const SUPERSEDES_IN_BODY = /\b(?:this (?:ADR|decision|record)|we)\s+(?:hereby\s+)?(?:supersedes?|replaces?)\b|\bsuperseded by this (?:ADR|decision|record)\b/i;
/** "This ADR is superseded by [ADR-0512]". */
const SUPERSEDED_IN_BODY = /\b(?:this (?:ADR|decision|record)|it)\s+(?:is|was|has been)\s+(?:now\s+)?(?:superseded|replaced)\s+by\b/i;

/**
 * Supersession the body acknowledges: the ADRs named in a paragraph (a list item's included; code
 * blocks are not paragraphs) that says this ADR supersedes them or is superseded by them.
 */
function collectBodyMentions(doc: AdrDocument, file: MarkdownFile): void {
  if (!/supersed|replace/i.test(file.text)) return;
  const { supersedes, supersededBy } = doc.supersessionMentions;
  // An ADR that names itself in such a paragraph ("this ADR (ADR-0512) supersedes …") answers nothing.
  const add = (list: Array<Located<number>>, numbers: Array<Located<number>>): void =>
    addNew(list, numbers.filter((n) => n.value !== doc.number));
  const visit = (block: Block): void => {
    if (block.type === "paragraph" && block.lines.length > 0) {
      const segments = block.lines.map((l) => ({ text: l.text.trim(), line: l.line, column: l.column + l.text.length - l.text.trimStart().length }));
      const joined = joinSegments(segments);
      if (SUPERSEDES_IN_BODY.test(joined.text)) add(supersedes, adrNumbersIn(joined.text, joined.locate));
      if (SUPERSEDED_IN_BODY.test(joined.text)) add(supersededBy, adrNumbersIn(joined.text, joined.locate));
    }
    for (const child of block.children) visit(child);
  };
  visit(file.blocks.root);
}
