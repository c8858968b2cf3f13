// dataset-license-conflict: when two documents state different licences for one dataset, at least
// one is wrong, and whichever a contributor reads decides whether derived weights may ship. The
// rule reads licence expressions next to dataset names (same table row or same sentence) and
// reports statements that cannot both be true.
import picomatch from "picomatch";
import * as z from "zod";
import { datasetCatalogue, findLicenseExpressions, licensesAgree, type DatasetCatalogue, type LicenseExpression } from "../model/datasets.js";
import { blockPosition, licenceBlocks, type ProseBlock } from "../model/prose-blocks.js";
import type { DatasetEntry } from "../config.js";
import { compareStrings } from "../types.js";
import { defineRule } from "./rule.js";

export interface LicenseStatement {
  dataset: DatasetEntry;
  license: LicenseExpression;
  file: string;
  line: number;
  column: number;
  /** Index of the paragraph, list item or table row in the file that states it. */
  block: number;
}

export const datasetLicenseConflict = defineRule({
  id: "dataset-license-conflict",
  defaultSeverity: "warning",
  description: "Two documents state different licences for one dataset.",
  messages: {
    conflict:
      "Unexpected licence `{found}` for dataset `{dataset}`, expected `{expected}` as stated in `{expectedAt}`",
  },
  options: z
    .object({
      /** Markdown files to read for licence statements. */
      paths: z.array(z.string()).default(["docs/**/*.md", "model/**/*.md"]),
    })
    .strict(),
  check({ model, options, report, memoFile }) {
    const catalogue = datasetCatalogue(model.config);
    const included = picomatch(options.paths);
    const ignored = picomatch(model.config.paths.ignore);
    const statements: LicenseStatement[] = [];
    const factsOf = new Map(model.markdown.map((facts) => [facts.path, facts]));
    for (const path of model.snapshot.paths()) {
      if (!path.endsWith(".md") || !included(path) || ignored(path)) continue;
      if (model.snapshot.hash(path) === undefined) continue;
      // Statements depend on the file and the catalogue (configuration) only. A governed file's
      // extraction kept the passages they can come from; any other file is read.
      const facts = factsOf.get(path);
      statements.push(
        ...memoFile(path, () => (facts ? statementsInBlocks(path, facts.licenceBlocks, catalogue) : findLicenseStatements(path, model.snapshot.read(path) ?? "", catalogue))),
      );
    }
    const byDataset = new Map<string, LicenseStatement[]>();
    for (const statement of statements) {
      const list = byDataset.get(statement.dataset.name) ?? [];
      list.push(statement);
      byDataset.set(statement.dataset.name, list);
    }
    for (const [name, list] of [...byDataset].sort((a, b) => compareStrings(a[0], b[0]))) {
      const dataset = list[0]!.dataset;
      const reference = referenceStatement(list, dataset);
      const reported = new Set<string>();
      for (const statement of list) {
        if (licensesAgree(statement.license, reference.license)) continue;
        // "The badge says CC BY-NC 4.0, while license.txt has the BY-NC-SA text": a passage that
        // states both terms is reporting the discrepancy, not asserting the other licence.
        if (list.some((other) => other.file === statement.file && other.block === statement.block && licensesAgree(other.license, reference.license))) continue;
        const key = `${statement.file}\u0000${statement.license.id}`;
        if (reported.has(key)) continue;
        reported.add(key);
        report({
          messageId: "conflict",
          data: { found: statement.license.text, dataset: name, expected: reference.license.text, expectedAt: `${reference.file}:${reference.line}` },
          file: statement.file,
          line: statement.line,
          column: statement.column,
          related: [{ file: reference.file, line: reference.line, column: reference.column, message: `states \`${reference.license.text}\` for \`${name}\`` }],
          details: [
            `Licence statements for ${name} (catalogue: ${dataset.license}, per ${dataset.source}):`,
            ...list.map((s) => `- ${s.file}:${s.line}: \`${s.license.text}\` (${s.license.id})`),
          ].join("\n"),
        });
      }
    }
  },
});

/**
 * The statement the others are compared with: one that agrees with the catalogue, preferably in a
 * document the catalogue cites as its source (so a pull request that adds one more agreeing
 * statement does not move the reference, and with it every message), else the first one read.
 */
function referenceStatement(list: readonly LicenseStatement[], dataset: DatasetEntry): LicenseStatement {
  const terms = { id: dataset.license, nonCommercial: dataset.nonCommercial };
  const agreeing = list.filter((s) => licensesAgree(s.license, terms));
  const sources = new Set(dataset.source.match(/[\w./-]+\.md\b/g) ?? []);
  return (
    agreeing.find((s) => sources.has(s.file) && s.license.id === dataset.license) ??
    agreeing.find((s) => sources.has(s.file)) ??
    agreeing.find((s) => s.license.id === dataset.license) ??
    agreeing[0] ??
    list[0]!
  );
}

/**
 * Licence statements in a Markdown text: a licence expression attributed to a dataset named in the
 * same table row (when the row's first cell, or the cell after its row number, is the dataset) or
 * the same sentence (the nearest preceding mention, else the nearest following one). Fenced code
 * is skipped.
 */
export function findLicenseStatements(file: string, text: string, catalogue: DatasetCatalogue): LicenseStatement[] {
  return statementsInBlocks(file, licenceBlocks(text), catalogue);
}

/** The same, from the blocks a governed file's extraction kept (`MarkdownFacts.licenceBlocks`). */
export function statementsInBlocks(file: string, blocks: readonly ProseBlock[], catalogue: DatasetCatalogue): LicenseStatement[] {
  const statements: LicenseStatement[] = [];
  for (const block of blocks) {
    if (block.table) {
      const cells = splitCells(block.text);
      // The row's subject is its first cell, after a leading row number (`| 2 | [CHUG](…) | …`).
      const first = cells.find((cell) => !/^[#(]?\d+[.)]?$/.test(plain(cell.text)));
      const rowDataset = first ? catalogue.lookup(plain(first.text)) : undefined;
      for (const cell of cells) {
        if (rowDataset && cell !== first) {
          for (const license of findLicenseExpressions(cell.text).filter((l) => isDataLicense(l))) {
            statements.push(locate(block, file, rowDataset, license, cell.offset));
          }
        } else {
          statements.push(...sentenceStatements(block, file, cell.text, cell.offset, catalogue));
        }
      }
    } else {
      statements.push(...sentenceStatements(block, file, block.text, 0, catalogue));
    }
  }
  return statements;
}

function splitCells(row: string): Array<{ text: string; offset: number }> {
  const cells: Array<{ text: string; offset: number }> = [];
  let start = row.startsWith("|") ? 1 : 0;
  let inCode = false;
  for (let i = start; i <= row.length; i++) {
    const c = row[i];
    if (c === "`") inCode = !inCode;
    if (i === row.length || (c === "|" && row[i - 1] !== "\\" && !inCode)) {
      const text = row.slice(start, i);
      if (text.trim() || i < row.length) cells.push({ text, offset: start });
      start = i + 1;
    }
  }
  return cells.filter((cell) => cell.text.trim().length > 0);
}

function sentenceStatements(block: ProseBlock, file: string, text: string, offset: number, catalogue: DatasetCatalogue): LicenseStatement[] {
  const statements: LicenseStatement[] = [];
  // Software licences (MIT, Apache, BSD) in these documents describe code and weights, not data.
  const licenses = findLicenseExpressions(text).filter((license) => isDataLicense(license));
  if (licenses.length === 0) return statements;
  const mentions = catalogue.mentions(text);
  if (mentions.length === 0) return statements;
  const boundaries = sentenceBoundaries(text);
  for (const license of licenses) {
    // The nearest dataset named before the licence in the same sentence, else earlier in the same
    // paragraph ("LSVQ is hosted on ... The licence is CC-BY-4.0"), else the first one named after
    // it in the same sentence ("CC-BY-4.0 terms of LSVQ").
    const [from, to] = boundaries.find(([s, e]) => license.index >= s && license.index < e) ?? [0, text.length];
    const before = mentions.filter((m) => m.index + m.length <= license.index).at(-1);
    const after = mentions.find((m) => m.index > license.index && m.index < to && m.index >= from);
    const mention = before ?? after;
    if (!mention) continue;
    // "BrightVQ is similar to Beyond8Bits and CHUG (same pipeline, CC BY-NC 4.0)": when the
    // sentence names other datasets before the licence, it may describe any of them.
    const named = new Set(mentions.filter((m) => m.index >= from && m.index < license.index).map((m) => m.dataset.name));
    if (named.size > 1) continue;
    statements.push(locate(block, file, mention.dataset, license, offset));
  }
  return statements;
}

/** Sentence spans; abbreviations such as `et al.` and `e.g.` do not end a sentence. */
function sentenceBoundaries(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = 0;
  for (const match of text.matchAll(/(?<!\b(?:al|vs|e\.g|i\.e|cf|etc|approx))[.!?;]\s+(?=[A-Z*`(\[])|;\s+/g)) {
    spans.push([start, match.index + 1]);
    start = match.index + match[0].length;
  }
  spans.push([start, text.length]);
  return spans;
}

function locate(block: ProseBlock, file: string, dataset: DatasetEntry, license: LicenseExpression, offset: number): LicenseStatement {
  return { dataset, license, file, ...blockPosition(block, offset + license.index), block: block.index };
}

function plain(cell: string): string {
  return cell.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/[*`_]/g, "").trim();
}

function isDataLicense(license: LicenseExpression): boolean {
  return license.id.startsWith("CC-") || license.id.startsWith("LicenseRef-");
}
