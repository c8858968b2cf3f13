// Model cards (`model/**/*_card.md`, `docs/ai/models/*.md`). A card states facts in three shapes:
// `- **Label**: value` bullets, two-column `| Field | Value |` tables (metrics tables are one such
// table), and blockquote banners (`> **Warning — synthetic-stub model.** ...`).
import type { Blockquote, Link, Root, RootContent, Table } from "mdast";
import type { Located, PrintedNumber } from "./located.js";
import { proseLosoLines, type ProseLosoLine } from "./loso-prose.js";
import { frontMatterEnd, readFrontMatter, type MarkdownFile, type ParseProblem } from "./markdown-file.js";

export interface CardDocument {
  kind: "card";
  path: string;
  /** The model id the card describes, when it can be told. */
  modelId: string | null;
  /** Other ids the card names for itself (backticked id in the title, `Model id` row). */
  aliases: string[];
  /** `- **Label**: value` bullets and two-column table rows by lower-case label (first wins). */
  fields: Record<string, Located<string>>;
  /** Metrics table values by lower-case metric name (`plcc`, `srocc`, `rmse`, ...). */
  metrics: Record<string, PrintedNumber>;
  /** Trained on synthetic data (corpus kind or banner says so). */
  synthetic: boolean;
  /** `Corpus kind` field, when the card has one. */
  corpusKind: Located<string> | null;
  /** The synthetic-stub warning banner, when present. */
  syntheticBanner: Located<string> | null;
  /** The card says the artefact is for non-commercial use only. */
  nonCommercialLabel: Located<string> | null;
  /** Licence statements of the card (`License` field or row), as printed. */
  licenses: Array<Located<string>>;
  /** Lines that describe training data (corpus/dataset fields, training-data sections). */
  trainingText: Array<Located<string>>;
  /** Link targets, for tracing the ADRs and digests the card cites. */
  links: Array<Located<string>>;
  /** Lines stating a LOSO PLCC figure in prose. */
  losoProse: ProseLosoLine[];
  problems: ParseProblem[];
}

const METRIC_NAMES = new Set(["plcc", "srocc", "krocc", "rmse", "mae", "iou", "best val iou"]);
/** A synthetic-data marker in a banner: `synthetic-stub`, `synthetic-corpus`, `synthetic placeholder`. */
const SYNTHETIC_BANNER = /synthetic[- ](?:stub|corpus|placeholder|data)|smoke-only synthetic/i;
/**
 * A banner that calls the shipped weights a stand-in rather than trained ones, as placeholder-era
 * cards do: `**Status — placeholder weights only.** ... a smoke-only stand-in with a tiny
 * randomly-initialised MLP`. Such a checkpoint is a stub too; its banner does the same job.
 */
const STAND_IN_LEAD = /placeholder (?:weights|checkpoint|model)|smoke[- ]only/i;
const STAND_IN_SENTENCE = /randomly[- ]initiali[sz]ed|\brandom[- ]init\b|\buntrained\b|\bnot (?:been )?trained\b(?! on)|smoke-only stand-in/i;
/** Cards of real weights still mention the stand-in they replaced: "the previous smoke-only placeholder". */
const PAST_STAND_IN = /\b(?:previous|original|former|earlier|legacy|old|superseded|supersedes|replaced|replaces)\b/i;
const NON_COMMERCIAL = /non[- ]?commercial|\bCC[- ]BY-NC\b|\bBY-NC(?:-SA|-ND)?\b|\bnot (?:for|licensed for) commercial\b|\bno commercial use\b/i;
/**
 * Research-only terms also exclude commercial use, but cards quote them for their datasets too
 * (`Distribution licence | Free for academic and research purposes`): they label the card only in
 * the artefact's own licence row.
 */
const RESEARCH_ONLY = /\bresearch[- ](?:use[- ])?only\b|\bacademic[- ](?:research[- ])?(?:use[- ])?only\b/i;
/** Licence rows about the training data or its source, not about the artefact. */
const DATA_LICENSE_LABEL = /data|distribution|upstream|source|corpus|training/i;
const LICENSE_LABEL = /licen[cs]e|usage terms|terms of use/i;
const TRAINING_LABEL = /corpus|dataset|training data|trained on|training set/i;
const TRAINING_HEADING = /training data|corpus|dataset|provenance/i;
/** A paragraph or bullet in any section that opens by saying what the model was trained on. */
const TRAINING_SENTENCE = /^(?:trained|training (?:data|corpus|set)\b)/i;

export function extractCard(file: MarkdownFile): CardDocument {
  const card: CardDocument = {
    kind: "card",
    path: file.path,
    modelId: modelIdFromPath(file.path),
    aliases: [],
    fields: {},
    metrics: {},
    synthetic: false,
    corpusKind: null,
    syntheticBanner: null,
    nonCommercialLabel: null,
    licenses: [],
    trainingText: [],
    links: [],
    losoProse: proseLosoLines(file.lines),
    problems: [],
  };
  const frontMatter = frontMatterEnd(file.lines);
  try {
    // Hugging Face-style front matter (`license: cc-by-nc-4.0`, `datasets: [duts]`): each key is
    // read like a field row of the card.
    const { fields, problem } = readFrontMatter(file.lines, frontMatter);
    if (problem) card.problems.push(problem);
    for (const field of fields) addField(card, field.key.replace(/_/g, " "), field.value, { line: field.line, column: 1 }, "");
    readBlocks(file.root, card, frontMatter);
  } catch (error) {
    card.problems.push({ message: `Card could not be read: ${(error as Error).message}`, line: 1, column: 1 });
  }
  const corpusKind = card.fields["corpus kind"] ?? null;
  card.corpusKind = corpusKind;
  card.synthetic = (corpusKind !== null && /synthetic/i.test(corpusKind.value)) || card.syntheticBanner !== null;
  const modelIdRow = card.fields["model id"] ?? card.fields["model name"];
  if (modelIdRow) addAlias(card, stripCode(modelIdRow.value));
  return card;
}

/** `model/predictor_libx264_card.md` -> `predictor_libx264`; `docs/ai/models/x.md` -> `x`. */
export function modelIdFromPath(path: string): string | null {
  const base = path.replace(/^.*\//, "").replace(/\.md$/, "");
  const id = base.replace(/_card$/, "");
  return id.length > 0 ? id : null;
}

/** `frontMatterLines`: the front matter's last line (0 without one); nodes up to it are skipped. */
function readBlocks(root: Root, card: CardDocument, frontMatterLines = 0): void {
  let section = "";
  for (const node of root.children) {
    // The front matter's lines are YAML, read above; to Markdown they are a break and a heading.
    if ((node.position?.end.line ?? 0) <= frontMatterLines) continue;
    if (node.type === "heading") {
      const text = toString(node);
      if (node.depth === 1) {
        for (const match of text.matchAll(/`([A-Za-z0-9][\w.-]*)`/g)) addAlias(card, match[1]!);
      }
      section = text;
      continue;
    }
    if (node.type === "blockquote") readBanner(node, card);
    if (node.type === "list") {
      for (const item of node.children) {
        if (readBullet(item, card, section)) continue;
        // "Identical to v2: the 4-corpus parquet (Netflix Public\n+ KoNViD-1k + BVI-DVC ...)": a
        // wrapped line that starts with `+` becomes a list item, so lists describe training data too.
        const text = toString(item).replace(/\s+/g, " ").trim();
        if (TRAINING_HEADING.test(section) || TRAINING_SENTENCE.test(text)) pushLocated(card.trainingText, text, item);
        readLicenseText(text, item, card, section);
      }
    }
    if (node.type === "table") readTable(node, card, section);
    if (node.type === "paragraph") {
      const text = toString(node);
      if (TRAINING_HEADING.test(section) || TRAINING_SENTENCE.test(text)) pushLocated(card.trainingText, text, node);
      readLicenseText(text.replace(/\s+/g, " ").trim(), node, card, section);
    }
    collectLinks(node, card);
  }
}

function readBanner(node: Blockquote, card: CardDocument): void {
  const text = toString(node).replace(/\s+/g, " ").trim();
  const at = start(node);
  if (!card.syntheticBanner && (SYNTHETIC_BANNER.test(text) || callsWeightsStandIn(node))) card.syntheticBanner = { value: text, ...at };
  if (!card.nonCommercialLabel && NON_COMMERCIAL.test(text) && !/incompatible/i.test(text)) {
    card.nonCommercialLabel = { value: text, ...at };
  }
}

/** A paragraph or bullet of a `## License` section that states the terms labels the card too. */
function readLicenseText(text: string, node: RootContent, card: CardDocument, section: string): void {
  if (card.nonCommercialLabel || !LICENSE_LABEL.test(section)) return;
  if (NON_COMMERCIAL.test(text) && !/upstream|incompatible/i.test(text)) card.nonCommercialLabel = { value: text, ...start(node) };
}

/** The banner's bold lead, or one of its sentences in the present, says the weights are a stand-in. */
function callsWeightsStandIn(node: Blockquote): boolean {
  const first = node.children[0];
  const lead = first?.type === "paragraph" && first.children[0]?.type === "strong" ? toString(first.children[0]) : "";
  if (STAND_IN_LEAD.test(lead) && !PAST_STAND_IN.test(lead)) return true;
  const sentences = toString(node).replace(/\s+/g, " ").split(/(?<=[.!?])\s+/);
  return sentences.some((sentence) => STAND_IN_SENTENCE.test(sentence) && !PAST_STAND_IN.test(sentence));
}

/** `- **Label**: value` (also `**Label:** value`). Whether the bullet was such a field. */
function readBullet(item: RootContent, card: CardDocument, section: string): boolean {
  if (item.type !== "listItem") return false;
  const paragraph = item.children[0];
  if (!paragraph || paragraph.type !== "paragraph") return false;
  const first = paragraph.children[0];
  if (!first || first.type !== "strong") return false;
  const label = toString(first).replace(/:\s*$/, "").trim();
  const rest = paragraph.children.slice(1).map((child) => toString(child)).join("");
  const value = rest.replace(/^\s*:\s*/, "").replace(/\s+/g, " ").trim();
  if (!label || !value) return false;
  const at = start(paragraph);
  addField(card, label, value, at, section);
  return true;
}

function readTable(table: Table, card: CardDocument, section: string): void {
  const rows = table.children;
  if (rows.length < 2 || rows[0]!.children.length !== 2) return;
  for (const row of rows.slice(1)) {
    if (row.children.length < 2) continue;
    const label = toString(row.children[0]!).trim();
    const value = toString(row.children[1]!).replace(/\s+/g, " ").trim();
    if (!label || !value) continue;
    const cell = row.children[1]!;
    const key = label.toLowerCase();
    if (METRIC_NAMES.has(key)) {
      const number = parsePrintedNumber(value, start(cell));
      if (number && !(key in card.metrics)) card.metrics[key] = number;
    }
    addField(card, label, value, start(row), section);
  }
}

function addField(card: CardDocument, label: string, value: string, at: { line: number; column: number }, section: string): void {
  const key = label.toLowerCase();
  const clean = stripCode(value);
  if (!(key in card.fields)) card.fields[key] = { value: clean, ...at };
  if (LICENSE_LABEL.test(label)) {
    card.licenses.push({ value: clean, ...at });
    // The artefact's own licence row labels it; rows about an upstream's licence do not.
    const ownTerms = !DATA_LICENSE_LABEL.test(label) && RESEARCH_ONLY.test(clean);
    if (!card.nonCommercialLabel && (NON_COMMERCIAL.test(clean) || ownTerms) && !/upstream|incompatible/i.test(`${label} ${clean}`)) {
      card.nonCommercialLabel = { value: `${label}: ${clean}`, ...at };
    }
  }
  if (TRAINING_LABEL.test(label) || TRAINING_HEADING.test(section)) card.trainingText.push({ value: `${label}: ${clean}`, ...at });
}

function collectLinks(node: RootContent, card: CardDocument): void {
  const stack: unknown[] = [node];
  while (stack.length) {
    const current = stack.pop() as { type?: string; children?: unknown[] };
    if (current.type === "link") {
      const link = current as unknown as Link;
      card.links.push({ value: link.url, ...start(link) });
    }
    if (Array.isArray(current.children)) stack.push(...current.children);
  }
}

function addAlias(card: CardDocument, id: string): void {
  if (id && id !== card.modelId && !card.aliases.includes(id)) card.aliases.push(id);
}

function pushLocated(target: Array<Located<string>>, value: string, node: { position?: { start: { line: number; column: number } } }): void {
  target.push({ value: value.replace(/\s+/g, " ").trim(), ...start(node) });
}

function stripCode(value: string): string {
  return value.replace(/^`([^`]*)`$/, "$1").trim();
}

function start(node: { position?: { start: { line: number; column: number } } }): { line: number; column: number } {
  return { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
}

/** The first number of a cell (`**0.9949**`, `1.1395 VMAF`, `−0.012`), with its printed precision. */
export function parsePrintedNumber(text: string, at: { line: number; column: number }): PrintedNumber | null {
  const match = /[-−]?\d+(?:\.(\d+))?/.exec(text);
  if (!match) return null;
  const value = Number(match[0].replace("−", "-"));
  if (!Number.isFinite(value)) return null;
  return { value, text: text.trim(), decimals: match[1]?.length ?? 0, line: at.line, column: at.column };
}

/** Plain text of an mdast node (inline code and text values, concatenated). */
function toString(node: unknown): string {
  const current = node as { value?: unknown; children?: unknown[]; type?: string };
  if (typeof current.value === "string") return current.value;
  if (current.type === "break") return " ";
  if (!Array.isArray(current.children)) return "";
  const separator = current.type === "blockquote" || current.type === "tableRow" ? " " : "";
  return current.children.map(toString).join(separator);
}
