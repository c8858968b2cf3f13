// Resolves, for one model, every statement of its LOSO mean PLCC, strongest first:
//   1. structured sidecar fields (`training.loso_folds`, then `training.loso_mean_plcc`, `loso_mean_plcc`),
//   2. the sidecar's ensemble `gate{}` block and `*_PROMOTE.json` verdict files that name it,
//   3. digests that name the model (LOSO tables, gate verdicts quoting a PLCC), or whose companion
//      ADR the model cites while the digest mentions the model,
//   4. prose mentions (registry notes, sidecar notes, cards, digest sentences) — hints only.
// `in_sample_*` figures are never LOSO evidence: a model with only those has none.
import type { DigestDocument, LosoTable } from "../model/digest.js";
import { proseLosoFigures, type ProseLosoLine } from "../model/loso-prose.js";
import type { PrintedNumber } from "../model/located.js";
import type { SidecarDocument } from "../model/sidecar.js";
import { escapeRegExp } from "../types.js";
import { numberAt, recordAt, stringAt, valueAt, type FieldPath, type JsonLocator } from "./json-fields.js";
import type { EvidenceContext } from "./context.js";
import type { Figure, FoldValue, LosoEvidence, ModelArtefact, SourceRef } from "./types.js";

export function jsonFigure(value: number, source: SourceRef): Figure {
  return { value, text: String(value), decimals: null, source };
}

export function printedFigure(number: PrintedNumber, file: string): Figure {
  return { value: number.value, text: number.text, decimals: number.decimals, source: { file, line: number.line, column: number.column } };
}

export function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Where a sidecar states its LOSO mean PLCC by name; other layouts are found by otherLosoMeanFields. */
export const LOSO_MEAN_FIELDS: readonly FieldPath[] = [["training", "loso_mean_plcc"], ["loso_mean_plcc"]];

/**
 * Per-fold PLCC values in sidecar data (`training.loso_folds`, else top-level `loso_folds`), each
 * with its index in the array, or null when neither holds one.
 */
export function losoFoldsIn(data: unknown): { folds: Array<{ name: string; plcc: number; index: number }>; path: FieldPath } | null {
  for (const path of [["training", "loso_folds"], ["loso_folds"]] as const) {
    const raw = valueAt(data, path);
    if (!Array.isArray(raw)) continue;
    const folds: Array<{ name: string; plcc: number; index: number }> = [];
    raw.forEach((_, index) => {
      const plcc = numberAt(data, [...path, index, "plcc"]);
      if (plcc === undefined) return;
      const name =
        stringAt(data, [...path, index, "held_out"]) ??
        stringAt(data, [...path, index, "source"]) ??
        stringAt(data, [...path, index, "name"]) ??
        String(valueAt(data, [...path, index, "fold"]) ?? index);
      folds.push({ name, plcc, index });
    });
    if (folds.length) return { folds, path };
  }
  return null;
}

/** Per-fold PLCC values from a sidecar, each located at its `plcc` field. */
export function sidecarFolds(sidecar: SidecarDocument, locator: JsonLocator): { folds: FoldValue[]; path: FieldPath } | null {
  const found = losoFoldsIn(sidecar.data);
  if (!found) return null;
  const folds = found.folds.map(({ name, plcc, index }) => ({ name, plcc, source: locator.ref(sidecar.path, [...found.path, index, "plcc"]) }));
  return { folds, path: found.path };
}

function sidecarEvidence(artefact: ModelArtefact, locator: JsonLocator): LosoEvidence[] {
  const sidecar = artefact.sidecar;
  if (!sidecar) return [];
  const evidence: LosoEvidence[] = [];
  const folds = sidecarFolds(sidecar, locator);
  // The per-fold values come first: they are the numbers a stated mean is a claim about. When the
  // two disagree (loso-arithmetic reports that), the gate is judged on the folds, never on the
  // claim they contradict.
  if (folds) {
    evidence.push({
      kind: "sidecar-folds",
      structured: true,
      mean: jsonFigure(mean(folds.folds.map((fold) => fold.plcc)), locator.ref(sidecar.path, folds.path)),
      folds: folds.folds,
      basis: `mean of ${folds.folds.length} folds in the model's own sidecar \`${sidecar.path}\``,
    });
  }
  for (const path of LOSO_MEAN_FIELDS) {
    const value = numberAt(sidecar.data, path);
    if (value === undefined) continue;
    evidence.push({
      kind: "sidecar-mean",
      structured: true,
      mean: jsonFigure(value, locator.ref(sidecar.path, path)),
      ...(folds ? { folds: folds.folds } : {}),
      basis: `the model's own sidecar \`${sidecar.path}\``,
    });
  }
  for (const path of otherLosoMeanFields(sidecar.data)) {
    evidence.push({
      kind: "sidecar-mean",
      structured: true,
      mean: jsonFigure(numberAt(sidecar.data, path)!, locator.ref(sidecar.path, path)),
      ...(folds ? { folds: folds.folds } : {}),
      basis: `the model's own sidecar \`${sidecar.path}\``,
    });
  }
  const gateMean = numberAt(sidecar.data, ["gate", "mean_plcc"]);
  if (gateMean !== undefined && !isSyntheticGate(sidecar.data, ["gate"])) {
    evidence.push({
      kind: "sidecar-gate",
      structured: true,
      mean: jsonFigure(gateMean, locator.ref(sidecar.path, ["gate", "mean_plcc"])),
      basis: `the \`gate\` block of the model's own sidecar \`${sidecar.path}\``,
    });
  }
  return evidence;
}

/** The fields read by name above; anything else is found by otherLosoMeanFields. */
const KNOWN_LOSO_FIELDS = new Set(["training.loso_mean_plcc", "loso_mean_plcc", "gate.mean_plcc"]);
/** A LOSO mean PLCC under another key shape: `eval.loso_mean_plcc`, `loso.mean_plcc`, `loso.plcc.mean`. */
const LOSO_MEAN_PLCC = /(?=.*loso)(?=.*mean)(?=.*plcc)/;
/** Spread, bounds, thresholds, deltas and in-sample figures are not the mean's value. */
const NOT_THE_MEAN = /\b(?:in sample|insample|std|stdev|min|max|threshold|spread|delta|lift|diff|ci|target|budget|baseline|gate)\b/;

/**
 * Numeric fields (up to three objects deep, not in arrays) whose path names a LOSO mean PLCC
 * without being one of the known fields: new sidecar layouts still count as structured evidence.
 */
function otherLosoMeanFields(data: unknown): FieldPath[] {
  const found: FieldPath[] = [];
  const visit = (value: unknown, path: string[]): void => {
    if (value === null || typeof value !== "object" || Array.isArray(value) || path.length >= 3) return;
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const childPath = [...path, key];
      const name = childPath.join(".").toLowerCase();
      if (typeof child === "number" && Number.isFinite(child)) {
        // Words of the path: `eval.loso_mean_plcc_ci95` -> `eval loso mean plcc ci`.
        const words = name.replace(/[^a-z]+/g, " ");
        if (!KNOWN_LOSO_FIELDS.has(name) && LOSO_MEAN_PLCC.test(name) && !NOT_THE_MEAN.test(words)) found.push(childPath);
      } else {
        visit(child, childPath);
      }
    }
  };
  visit(data, []);
  return found;
}

/** A gate block that declares itself synthetic (k-fold on a stub corpus) is not LOSO evidence. */
function isSyntheticGate(data: unknown, path: FieldPath): boolean {
  const kind = stringAt(data, [...path, "kind"]) ?? stringAt(data, [...path, "gate", "kind"]);
  return kind !== undefined && /synthetic|smoke/i.test(kind);
}

/**
 * Whether a verdict file speaks for the model. Its file stem starts with the id of the model or
 * ensemble it judges (`<id>_seed_flip_PROMOTE.json`); the longest known id that prefixes the stem
 * wins, so `fr_regressor_v2_ensemble_v1_..._PROMOTE.json` is not about `fr_regressor_v2`.
 */
export function verdictFileNames(sidecar: SidecarDocument, artefact: ModelArtefact, knownIds: readonly string[]): boolean {
  const stem = sidecar.path.replace(/^.*\//, "").replace(/\.json$/i, "").replace(/_PROMOTE$/i, "");
  const prefixes = (name: string): boolean => stem === name || stem.startsWith(`${name}_`);
  const judged = knownIds.filter(prefixes).sort((a, b) => b.length - a.length)[0];
  if (judged === undefined) return false;
  const ensembleId = artefact.sidecar ? stringAt(artefact.sidecar.data, ["ensemble_id"]) : undefined;
  return artefact.id === judged || ensembleId === judged;
}

function promoteEvidence(context: EvidenceContext, artefact: ModelArtefact): LosoEvidence[] {
  const evidence: LosoEvidence[] = [];
  for (const file of context.verdictFiles) {
    if (!verdictFileNames(file, artefact, context.knownIds)) continue;
    const value = numberAt(file.data, ["gate", "mean_plcc"]);
    if (value === undefined) continue;
    evidence.push({
      kind: "promote-file",
      structured: true,
      mean: jsonFigure(value, context.locator.ref(file.path, ["gate", "mean_plcc"])),
      basis: `verdict file \`${file.path}\` whose name covers \`${artefact.id}\``,
    });
  }
  return evidence;
}

/** The stated mean PLCC of a digest table, or the mean of its folds when no summary row states one. */
export function tableMean(table: LosoTable, file: string): Figure | null {
  const stated = table.summaries.find((summary) => summary.kind === "mean" && summary.values.plcc);
  if (stated?.values.plcc) return printedFigure(stated.values.plcc, file);
  const plccs = table.folds.map((fold) => fold.values.plcc).filter((value): value is PrintedNumber => value !== undefined);
  if (plccs.length === 0) return null;
  const decimals = Math.max(...plccs.map((value) => value.decimals));
  const value = mean(plccs.map((number) => number.value));
  return { value, text: value.toFixed(decimals), decimals: null, source: { file, line: table.line, column: table.column } };
}

export function tableFolds(table: LosoTable, file: string): FoldValue[] {
  const folds: FoldValue[] = [];
  for (const fold of table.folds) {
    const plcc = fold.values.plcc;
    if (plcc) folds.push({ name: fold.name, plcc: plcc.value, source: { file, line: plcc.line, column: plcc.column } });
  }
  return folds;
}

/** Digest tables about the model: named by the table, or unattributed in a digest tied to it. */
export function digestTablesFor(context: EvidenceContext, artefact: ModelArtefact, digest: DigestDocument): Array<{ table: LosoTable; basis: string }> {
  const out: Array<{ table: LosoTable; basis: string }> = [];
  // Looked up only for a table that names no model: it may read the digest's text.
  let companion: string | null | undefined;
  for (const table of digest.losoTables) {
    if (table.modelIds.includes(artefact.id)) out.push({ table, basis: `digest table names \`${artefact.id}\`` });
    else if (table.modelIds.length === 0) {
      if (companion === undefined) companion = companionLink(context, artefact, digest);
      if (companion) out.push({ table, basis: companion });
    }
  }
  return out;
}

/**
 * A digest is tied to a model through its companion ADR when the model's sidecar or registry
 * entry cites that ADR and the digest mentions the model by id.
 */
function companionLink(context: EvidenceContext, artefact: ModelArtefact, digest: DigestDocument): string | null {
  if (digest.companionAdrs.length === 0) return null;
  const cited = context.citedAdrs(artefact);
  const shared = digest.companionAdrs.find((number) => cited.has(number));
  if (shared === undefined) return null;
  if (!digestMentions(context, digest, artefact.id)) return null;
  return `digest's companion ADR-${String(shared).padStart(4, "0")} is cited by the model and the digest mentions \`${artefact.id}\``;
}

/**
 * Whether the digest mentions the id anywhere, from its extracted tokens, so a run reads no
 * digest's text again; an id with other characters is looked for in the text itself.
 */
function digestMentions(context: EvidenceContext, digest: DigestDocument, id: string): boolean {
  if (digest.idTokens && /^[\w.-]+$/.test(id)) return digest.idTokens.includes(id);
  return mentionsId(context.model.snapshot.read(digest.path) ?? "", id);
}

export { proseLosoFigures };

export function mentionsId(text: string, id: string): boolean {
  // The substring test is cheap and rules out almost every line before the regex runs.
  return text.includes(id) && idPattern(id).test(text);
}

const idPatterns = new Map<string, RegExp>();

/** A whole-word match of a model id; compiled once per id and flags (rules ask thousands of times). */
export function idPattern(id: string, flags = ""): RegExp {
  const key = `${flags}\u0000${id}`;
  let pattern = idPatterns.get(key);
  if (pattern === undefined) {
    pattern = new RegExp(`(?<![\\w.-])${escapeRegExp(id)}(?![\\w-]|\\.\\w)`, flags);
    idPatterns.set(key, pattern);
  }
  // Global and sticky patterns carry `lastIndex`; hand those out fresh so callers never share state.
  return flags.includes("g") || flags.includes("y") ? new RegExp(pattern) : pattern;
}

function digestEvidence(context: EvidenceContext, artefact: ModelArtefact): LosoEvidence[] {
  const evidence: LosoEvidence[] = [];
  for (const digest of context.model.digests) {
    for (const { table, basis } of digestTablesFor(context, artefact, digest)) {
      const figure = tableMean(table, digest.path);
      if (!figure) continue;
      const folds = tableFolds(table, digest.path);
      evidence.push({ kind: "digest-table", structured: true, mean: figure, ...(folds.length ? { folds } : {}), basis });
    }
    for (const verdict of digest.verdicts) {
      if (!verdict.plcc || !verdict.modelIds.includes(artefact.id)) continue;
      evidence.push({ kind: "digest-verdict", structured: true, mean: printedFigure(verdict.plcc, digest.path), basis: `gate verdict names \`${artefact.id}\`` });
    }
  }
  return evidence;
}

function decimalsOf(text: string): number {
  const dot = text.indexOf(".");
  return dot < 0 ? 0 : text.length - dot - 1;
}

function proseEvidence(context: EvidenceContext, artefact: ModelArtefact): LosoEvidence[] {
  const evidence: LosoEvidence[] = [];
  const fromJsonString = (file: string, path: FieldPath, text: string | undefined, basis: string): void => {
    if (!text) return;
    for (const item of proseLosoFigures(text)) {
      evidence.push({ kind: "prose", structured: false, mean: { value: item.value, text: item.text, decimals: decimalsOf(item.text), source: context.locator.ref(file, path) }, basis });
    }
  };
  const entry = artefact.registryEntry;
  if (entry?.notes && context.model.registry) {
    fromJsonString(context.model.registry.path, ["models", entry.index, "notes"], entry.notes, "registry entry notes");
  }
  if (artefact.sidecar) {
    for (const key of ["notes", "description"]) fromJsonString(artefact.sidecar.path, [key], stringAt(artefact.sidecar.data, [key]), `sidecar \`${key}\``);
  }
  const fromMarkdown = (file: string, lines: readonly ProseLosoLine[], mustName: boolean, basis: string): void => {
    for (const line of lines) {
      if (mustName && !mentionsId(line.text, artefact.id)) continue;
      for (const item of line.figures) {
        evidence.push({ kind: "prose", structured: false, mean: { value: item.value, text: item.text, decimals: decimalsOf(item.text), source: { file, line: line.line, column: item.offset + 1 } }, basis });
      }
    }
  };
  for (const card of artefact.cards) fromMarkdown(card.path, card.losoProse, false, "model card prose");
  for (const digest of context.model.digests) fromMarkdown(digest.path, digest.losoProse, true, `digest sentence naming \`${artefact.id}\``);
  return evidence;
}

/** Every statement of the model's LOSO mean PLCC, structured evidence first. */
export function resolveLosoEvidence(context: EvidenceContext, artefact: ModelArtefact): LosoEvidence[] {
  return [...sidecarEvidence(artefact, context.locator), ...promoteEvidence(context, artefact), ...digestEvidence(context, artefact), ...proseEvidence(context, artefact)];
}

/** In-sample figures the sidecar states, which are explicitly not LOSO evidence. */
export function inSampleFigures(artefact: ModelArtefact, locator: JsonLocator): Array<{ field: string; figure: Figure }> {
  const sidecar = artefact.sidecar;
  if (!sidecar) return [];
  const out: Array<{ field: string; figure: Figure }> = [];
  for (const parent of [[], ["training"], ["eval"]] as FieldPath[]) {
    const record = recordAt(sidecar.data, parent) ?? (parent.length === 0 ? (sidecar.data as Record<string, unknown>) : undefined);
    if (!record) continue;
    const value = numberAt(sidecar.data, [...parent, "in_sample_plcc"]);
    if (value === undefined) continue;
    const path = [...parent, "in_sample_plcc"];
    const source = locator.ref(sidecar.path, path);
    out.push({ field: source.field ?? "in_sample_plcc", figure: jsonFigure(value, source) });
  }
  return out;
}
