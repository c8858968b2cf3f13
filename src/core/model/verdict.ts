// Gate verdicts stated in digests. Each digest words them differently: `**SHIP GATE: PASS**`,
// `**Gate PASS.**`, `## Decision: Gate 1 PASSED`, "the production-flip gate ... does **not** clear".
// Only statements about a *gate* count: a `**Verdict**: rejected` line about a design option, or a
// sentence saying what a retrain "must clear", is not a verdict.
import type { Heading, Nodes, Paragraph, Root } from "mdast";
import type { GateVerdict } from "./digest.js";
import type { PrintedNumber } from "./located.js";
import { findNumbers, isPercentCorrelation, percentToFraction } from "./numbers.js";
import { plainText } from "./plain-text.js";

const GATE = /\bgates?\b/i;
/** Every gate word contains this, wherever its word boundaries fall after markup is flattened. */
const GATE_SUBSTRING = /gate/i;
/**
 * Words that tie a gate to model evaluation. CI gates, test gates and bit-exactness gates pass and
 * fail too, but they are not the ship gates this model is about.
 */
const EVALUATION_CONTEXT = /\b(?:plcc|srocc|loso|ship|shipping|production|promot\w*|flip|surrogate|gate\s*\d)\b/i;
const FAIL_WORDS = /\b(?:fail(?:s|ed)?|not\s+(?:pass(?:ed)?|clear(?:ed)?)|blocked?)\b/i;
const PASS_WORDS = /\b(?:pass(?:es|ed)?|clear(?:s|ed)?)\b/i;
/** Words that make the clause after them a requirement, a plan or a condition. */
const PLAN_WORDS = "must|to|will|would|should|can|could|may|might|until|if|once|when|whether|unless|before|after";
/**
 * A clause whose subject is a gate and whose verb states an outcome. A plan word between the gate
 * and the verb (`must`, `to`, `until`) makes it a requirement or a plan, not a verdict.
 */
const CLAUSE_VERDICT = new RegExp(
  `\\bgates?\\b((?:(?!\\b(?:${PLAN_WORDS}|that|which)\\b)(?:[^.;:!?—]|\\.(?=\\d))){0,80}?)\\b(does\\s+not\\s+clear|did\\s+not\\s+clear|does\\s+not\\s+pass|did\\s+not\\s+pass|fails|failed|clears|cleared|passes|passed|(?:is|was|are|were|has\\s+been|have\\s+been)\\s+(?:not\\s+)?met)\\b`,
  "gi",
);

/**
 * A gate named as a label with its outcome after it: `Ship-gate: PASS`, `Gate verdict: ✅ PASS`,
 * `Gate status — FAILED`, or `**Ship gate:** FAIL` once the bold is flattened.
 */
const LABEL_VERDICT = /\b(?:ship[- ]?)?gates?(?:\s+(?:verdict|status|result|outcome|decision))?\s*[:—–]\s*(?:[✅❌✔✗✖]\uFE0F?\s*)?(pass(?:ed)?|fail(?:ed)?)\b/gi;

/**
 * The same with the gate as the object: `the model does **not** clear the ship gate`,
 * `fr_regressor_v4 passes the 0.95 gate`. Skipped when a plan word governs its clause
 * (`must pass the gate`, `until v3 clears the gate`); see SUBORDINATE.
 */
const OBJECT_VERDICT =
  /\b(does\s+not\s+clear|did\s+not\s+clear|does\s+not\s+pass|did\s+not\s+pass|does\s+not\s+meet|did\s+not\s+meet|fails|failed|misses|missed|clears|cleared|passes|passed|meets)\s+(?:the\s+|its\s+|our\s+)?(?:[^\s.;:!?—]+\s+){0,3}?gates?\b/gi;
const SUBORDINATE = new RegExp(`\\b(?:${PLAN_WORDS}|cannot|so\\s+that)\\b`, "i");
/**
 * Both outcomes offered as alternatives: a template's `Ship gate: PASS / FAIL`, `PASS or FAIL
 * (fill in after the run)`, `the gate passes/fails depending on ...`. Not a verdict.
 */
const ALTERNATIVES = /\b(?:pass(?:es|ed)?|fail(?:s|ed)?)\s*(?:\/|\||\bor\b)\s*(?:pass(?:es|ed)?|fail(?:s|ed)?)\b/i;

/** Conjunctions that make a clause with the gate as its subject a condition. */
const CONDITION = /\b(?:until|if|once|when|whenever|whether|unless|before|after)\b/i;

/** Where the clause holding `index` starts: after the last comma, colon, stop, dash or parenthesis. */
function clauseStartBefore(text: string, index: number): number {
  return Math.max(0, ...[",", ";", ":", ".", "—", "("].map((mark) => text.lastIndexOf(mark, index - 1) + 1));
}

export interface VerdictContext {
  /** Model ids for a verdict at `line` when its own text names none (nearest heading, title). */
  modelIdsAt(line: number): string[];
  findModelIds(text: string): string[];
}

/** Every gate verdict in the document, in order, at most one per line and outcome. */
export function findGateVerdicts(root: Root, lines: readonly string[], context: VerdictContext): GateVerdict[] {
  const verdicts: GateVerdict[] = [];
  const seen = new Set<string>();
  const add = (outcome: GateVerdict["outcome"], text: string, node: Nodes, block: Nodes) => {
    const start = node.position?.start;
    if (!start || seen.has(`${start.line}:${outcome}`)) return;
    seen.add(`${start.line}:${outcome}`);
    const blockEnd = block.position?.end.line ?? start.line;
    const blockText = plainText(block);
    const ids = context.findModelIds(blockText);
    const verdict: GateVerdict = {
      outcome,
      text: text.trim(),
      lineText: lines[start.line - 1] ?? "",
      line: start.line,
      column: start.column,
      modelIds: ids.length > 0 ? ids : context.modelIdsAt(start.line),
    };
    const plcc = findQuotedPlcc(lines, start.line, blockEnd);
    if (plcc) verdict.plcc = plcc;
    verdicts.push(verdict);
  };

  const headings = root.children.filter((node): node is Heading => node.type === "heading");
  for (const [index, node] of root.children.entries()) {
    if (node.type === "heading") {
      const text = plainText(node);
      const outcome = outcomeOf(text);
      if (GATE.test(text) && outcome && EVALUATION_CONTEXT.test(text) && !ALTERNATIVES.test(text)) {
        // A heading verdict's figures are in the section under it, up to the next heading.
        const next = headings.find((h) => (h.position?.start.line ?? 0) > (node.position?.start.line ?? 0));
        const sectionEnd = (next?.position?.start.line ?? lines.length + 1) - 1;
        const section: Nodes = { ...node, position: { start: node.position!.start, end: { line: sectionEnd, column: 1 } } };
        add(outcome, text, node, section);
      }
      continue;
    }
    visitBlocks(node, (block) => {
      // Every verdict form names a gate, and a strong node's text is part of its block's text:
      // most paragraphs never mention one, and the scans below are the costly part.
      const text = plainText(block);
      if (!GATE_SUBSTRING.test(text)) return;
      for (const strong of strongNodes(block)) {
        const strongText = plainText(strong);
        const outcome = outcomeOf(strongText);
        if (GATE.test(strongText) && outcome && !ALTERNATIVES.test(strongText) && (EVALUATION_CONTEXT.test(strongText) || EVALUATION_CONTEXT.test(text))) {
          add(outcome, strongText, strong, block);
        }
      }
      for (const match of text.matchAll(CLAUSE_VERDICT)) {
        // `once the LOSO gate is met`, `if the gate passes`: a condition, not a verdict.
        if (CONDITION.test(text.slice(clauseStartBefore(text, match.index ?? 0), match.index ?? 0))) continue;
        const verb = match[2]!.toLowerCase();
        const outcome: GateVerdict["outcome"] = /not|fail/.test(verb) ? "fail" : "pass";
        const sentence = sentenceAround(text, match.index ?? 0);
        if (ALTERNATIVES.test(sentence)) continue;
        if (!EVALUATION_CONTEXT.test(sentence)) continue;
        const occurrence = [...text.slice(0, match.index ?? 0).matchAll(/\bgates?\b/gi)].length;
        const position = positionInBlock(block, lines, occurrence);
        if (position) add(outcome, sentence, position, block);
      }
      for (const match of text.matchAll(LABEL_VERDICT)) {
        const outcome: GateVerdict["outcome"] = /^fail/i.test(match[1]!) ? "fail" : "pass";
        const sentence = sentenceAround(text, match.index ?? 0);
        if (ALTERNATIVES.test(sentence)) continue;
        if (!EVALUATION_CONTEXT.test(sentence) && !EVALUATION_CONTEXT.test(text)) continue;
        const occurrence = [...text.slice(0, match.index ?? 0).matchAll(/\bgates?\b/gi)].length;
        const position = positionInBlock(block, lines, occurrence);
        if (position) add(outcome, sentence, position, block);
      }
      for (const match of text.matchAll(OBJECT_VERDICT)) {
        // `until v3 clears the gate`, `once it passes the gate`: a condition, not a verdict.
        if (SUBORDINATE.test(text.slice(clauseStartBefore(text, match.index ?? 0), match.index ?? 0))) continue;
        const verb = match[1]!.toLowerCase();
        const outcome: GateVerdict["outcome"] = /not|fail|miss/.test(verb) ? "fail" : "pass";
        const sentence = sentenceAround(text, match.index ?? 0);
        if (ALTERNATIVES.test(sentence)) continue;
        if (!EVALUATION_CONTEXT.test(sentence)) continue;
        // Positioned at the gate word that ends the match.
        const gateAt = (match.index ?? 0) + match[0].length - /gates?$/i.exec(match[0])![0].length;
        const occurrence = [...text.slice(0, gateAt).matchAll(/\bgates?\b/gi)].length;
        const position = positionInBlock(block, lines, occurrence);
        if (position) add(outcome, sentence, position, block);
      }
    });
    void index;
  }
  return verdicts.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** `fail` wins over `pass` when both appear (`does not pass`, `PASS → FAIL`). */
function outcomeOf(text: string): GateVerdict["outcome"] | null {
  if (FAIL_WORDS.test(text)) return "fail";
  if (PASS_WORDS.test(text)) return "pass";
  return null;
}

/** Paragraphs (also inside lists and block quotes); code, tables and HTML are not prose. */
function visitBlocks(node: Nodes, visit: (block: Paragraph) => void): void {
  if (node.type === "paragraph") {
    visit(node);
    return;
  }
  if (node.type === "code" || node.type === "table" || node.type === "html") return;
  if ("children" in node) for (const child of node.children as Nodes[]) visitBlocks(child, visit);
}

function strongNodes(node: Nodes): Nodes[] {
  const found: Nodes[] = [];
  const walk = (current: Nodes) => {
    if (current.type === "strong") found.push(current);
    else if ("children" in current) for (const child of current.children as Nodes[]) walk(child);
  };
  walk(node);
  return found;
}

/**
 * Where the `occurrence`-th `gate` word of a paragraph is in its raw lines. Plain text and raw
 * Markdown hold the same words in the same order, so counting occurrences maps one to the other.
 */
function positionInBlock(block: Paragraph, lines: readonly string[], occurrence: number): Nodes | null {
  const start = block.position?.start;
  const end = block.position?.end;
  if (!start || !end) return null;
  let seen = 0;
  for (let line = start.line; line <= end.line; line++) {
    const text = lines[line - 1] ?? "";
    const from = line === start.line ? start.column - 1 : 0;
    for (const match of text.slice(from).matchAll(/\bgates?\b/gi)) {
      if (seen++ === occurrence) {
        const column = from + (match.index ?? 0) + 1;
        return { type: "text", value: match[0], position: { start: { line, column }, end: { line, column } } };
      }
    }
  }
  return { type: "text", value: "", position: { start, end: start } };
}

function sentenceAround(text: string, index: number): string {
  const before = text.slice(0, index);
  const from = Math.max(before.lastIndexOf(". "), before.lastIndexOf(".\n")) + 1;
  const endMatch = /[.!?](?:\s|$)/.exec(text.slice(index));
  const to = endMatch ? index + endMatch.index + 1 : text.length;
  return text.slice(from, to).replace(/\s+/g, " ").trim();
}

/**
 * The first PLCC figure quoted between `fromLine` and `toLine`: `LOSO PLCC = 0.9681 ± 0.0207`,
 * `Mean LOSO PLCC = **0.9975**`. A threshold (`PLCC ≥ 0.85`) or a spread (`PLCC spread = x`) is
 * not the figure.
 */
export function findQuotedPlcc(lines: readonly string[], fromLine: number, toLine: number): PrintedNumber | undefined {
  for (let line = fromLine; line <= Math.min(toLine, lines.length); line++) {
    const text = lines[line - 1]!;
    for (const match of text.matchAll(/\bPLCC\b[\s=:*_`]*(?:(?:mean|avg)\b[\s=:*_`]*)?(?=[−-]?\d|\.\d)/gi)) {
      const offset = (match.index ?? 0) + match[0].length;
      const number = findNumbers(text.slice(offset), line, offset + 1)[0];
      if (!number || number.index !== 0) continue;
      // `PLCC 96.81%`: a correlation above 1 is a percentage.
      const percent = /^\s*%/.test(text.slice(offset + number.length)) || isPercentCorrelation(number.number.value);
      return percent ? percentToFraction(number.number) : number.number;
    }
  }
  return undefined;
}
