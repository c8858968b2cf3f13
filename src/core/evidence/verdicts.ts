// Stated gate verdicts and the numbers each rests on. A verdict is a claim (`gate_passed: true`,
// `verdict: PROMOTE`, `**SHIP GATE: PASS**`); its conditions are the figures and thresholds the
// same document records. The ship-gate-verdict rule compares the two.
import type { DigestDocument, GateVerdict } from "../model/digest.js";
import type { SidecarDocument } from "../model/sidecar.js";
import type { EvidenceContext } from "./context.js";
import { booleanAt, numberAt, recordAt, stringAt, type FieldPath } from "./json-fields.js";
import { jsonFigure, mean, printedFigure, sidecarFolds, tableMean, verdictFileNames } from "./loso.js";
import type { Figure, ModelArtefact, SourceRef } from "./types.js";

export type Outcome = "pass" | "fail";

export interface GateCondition {
  /** `mean_plcc`, `per_seed_plccs.3`, `LOSO mean PLCC`. */
  name: string;
  figure: Figure;
  op: ">=" | "<=";
  threshold: number;
  /** Where the threshold came from: a field, the verdict text, or the rule option. */
  thresholdSource: string;
}

export interface StatedVerdict {
  outcome: Outcome;
  /** The verdict as written: `gate_passed: true`, `verdict: PROMOTE`, `SHIP GATE: PASS`. */
  statement: string;
  /** Model ids or the file the verdict is about. */
  subject: string;
  modelIds: string[];
  source: SourceRef;
  conditions: GateCondition[];
}

export function holds(condition: GateCondition): boolean {
  return condition.op === ">=" ? condition.figure.value >= condition.threshold : condition.figure.value <= condition.threshold;
}

const PASS_WORDS = /^(?:pass(?:ed)?|promote[d]?|ship|accept(?:ed)?|go)$/i;
const FAIL_WORDS = /^(?:fail(?:ed)?|reject(?:ed)?|hold|no[-_ ]?go|block(?:ed)?|demote[d]?)$/i;

export function outcomeOfWord(word: string): Outcome | null {
  if (PASS_WORDS.test(word.trim())) return "pass";
  if (FAIL_WORDS.test(word.trim())) return "fail";
  return null;
}

/** Conditions a `gate{}` block records: mean, per-seed minimum and spread. */
export function gateBlockConditions(
  context: EvidenceContext,
  file: string,
  data: unknown,
  base: FieldPath,
  fallbackThreshold: { value: number; source: string } | null,
): GateCondition[] {
  const at = (path: FieldPath): SourceRef => context.locator.ref(file, [...base, ...path]);
  const num = (path: FieldPath): number | undefined => numberAt(data, [...base, ...path]);
  const conditions: GateCondition[] = [];
  const meanValue = num(["mean_plcc"]);
  if (meanValue !== undefined) {
    const thresholdField = (["mean_plcc_threshold", "plcc_min", "threshold"] as const).find((key) => num([key]) !== undefined);
    const nested = num(["gate", "plcc_min"]);
    const threshold =
      thresholdField !== undefined
        ? { value: num([thresholdField])!, source: `\`${at([thresholdField]).field}\` at ${file}:${at([thresholdField]).line}` }
        : nested !== undefined
          ? { value: nested, source: `\`${at(["gate", "plcc_min"]).field}\` at ${file}:${at(["gate", "plcc_min"]).line}` }
          : fallbackThreshold;
    if (threshold) conditions.push({ name: at(["mean_plcc"]).field ?? "mean_plcc", figure: jsonFigure(meanValue, at(["mean_plcc"])), op: ">=", threshold: threshold.value, thresholdSource: threshold.source });
  }
  const seedMinKey = (["per_seed_min_threshold", "per_seed_min"] as const).find((key) => num([key]) !== undefined);
  if (seedMinKey !== undefined) {
    const seedMin = num([seedMinKey])!;
    const seedMinSource = `\`${at([seedMinKey]).field}\` at ${file}:${at([seedMinKey]).line}`;
    const thisSeed = num(["this_seed_loso_plcc"]);
    if (thisSeed !== undefined) conditions.push({ name: at(["this_seed_loso_plcc"]).field!, figure: jsonFigure(thisSeed, at(["this_seed_loso_plcc"])), op: ">=", threshold: seedMin, thresholdSource: seedMinSource });
    const perSeed = recordAt(data, [...base, "per_seed_plccs"]);
    for (const seed of Object.keys(perSeed ?? {})) {
      const value = num(["per_seed_plccs", seed]);
      if (value !== undefined) conditions.push({ name: `${at(["per_seed_plccs"]).field}.${seed}`, figure: jsonFigure(value, at(["per_seed_plccs", seed])), op: ">=", threshold: seedMin, thresholdSource: seedMinSource });
    }
  }
  const spread = num(["plcc_spread"]);
  const spreadMax = num(["plcc_spread_max"]);
  if (spread !== undefined && spreadMax !== undefined) {
    conditions.push({ name: at(["plcc_spread"]).field!, figure: jsonFigure(spread, at(["plcc_spread"])), op: "<=", threshold: spreadMax, thresholdSource: `\`${at(["plcc_spread_max"]).field}\` at ${file}:${at(["plcc_spread_max"]).line}` });
  }
  return conditions;
}

/** Verdicts a `gate{}` block states: `passed`, `verdict`, and sub-verdicts like `mean_plcc_pass`. */
function gateBlockVerdicts(
  context: EvidenceContext,
  file: string,
  data: unknown,
  base: FieldPath,
  subject: string,
  modelIds: string[],
  fallbackThreshold: { value: number; source: string } | null,
): StatedVerdict[] {
  if (!recordAt(data, base)) return [];
  const conditions = gateBlockConditions(context, file, data, base, fallbackThreshold);
  const verdicts: StatedVerdict[] = [];
  const passed = booleanAt(data, [...base, "passed"]);
  if (passed !== undefined) {
    const source = context.locator.ref(file, [...base, "passed"]);
    verdicts.push({ outcome: passed ? "pass" : "fail", statement: `${source.field}: ${passed}`, subject, modelIds, source, conditions });
  }
  const word = stringAt(data, [...base, "verdict"]);
  const wordOutcome = word === undefined ? null : outcomeOfWord(word);
  if (word !== undefined && wordOutcome) {
    const source = context.locator.ref(file, [...base, "verdict"]);
    verdicts.push({ outcome: wordOutcome, statement: `${source.field}: ${word}`, subject, modelIds, source, conditions });
  }
  const subVerdicts: Array<[string, (condition: GateCondition) => boolean]> = [
    ["mean_plcc_pass", (c) => c.name.endsWith("mean_plcc")],
    ["per_seed_pass", (c) => /per_seed_plccs|this_seed_loso_plcc/.test(c.name)],
    ["plcc_spread_pass", (c) => c.name.endsWith("plcc_spread")],
  ];
  for (const [key, matches] of subVerdicts) {
    const value = booleanAt(data, [...base, key]);
    if (value === undefined) continue;
    const source = context.locator.ref(file, [...base, key]);
    verdicts.push({ outcome: value ? "pass" : "fail", statement: `${source.field}: ${value}`, subject, modelIds, source, conditions: conditions.filter(matches) });
  }
  return verdicts;
}

/** `gate_passed` flags of a sidecar, resting on its LOSO mean and stated gate threshold. */
function gatePassedVerdicts(context: EvidenceContext, artefact: ModelArtefact, sidecar: SidecarDocument, fallbackThreshold: { value: number; source: string } | null): StatedVerdict[] {
  const data = sidecar.data;
  const figure = losoMeanField(context, sidecar);
  const thresholdPath = ([["training", "ship_gate_mean_plcc"], ["ship_gate_mean_plcc"]] as FieldPath[]).find((path) => numberAt(data, path) !== undefined);
  const threshold = thresholdPath
    ? { value: numberAt(data, thresholdPath)!, source: `\`${context.locator.ref(sidecar.path, thresholdPath).field}\` at ${sidecar.path}:${context.locator.ref(sidecar.path, thresholdPath).line}` }
    : fallbackThreshold;
  const verdicts: StatedVerdict[] = [];
  for (const path of [["gate_passed"], ["training", "gate_passed"]] as FieldPath[]) {
    const passed = booleanAt(data, path);
    if (passed === undefined) continue;
    const source = context.locator.ref(sidecar.path, path);
    const conditions: GateCondition[] = figure && threshold ? [{ name: figure.source.field ?? "loso_mean_plcc", figure, op: ">=", threshold: threshold.value, thresholdSource: threshold.source }] : [];
    verdicts.push({ outcome: passed ? "pass" : "fail", statement: `${source.field}: ${passed}`, subject: artefact.id, modelIds: [artefact.id], source, conditions });
  }
  return verdicts;
}

/** The LOSO mean a sidecar's verdict rests on: its per-fold values when it has them, which a
 * stated mean only summarises (and may misstate: loso-arithmetic reports that), else the stated mean. */
function losoMeanField(context: EvidenceContext, sidecar: SidecarDocument): Figure | null {
  const folds = sidecarFolds(sidecar, context.locator);
  if (folds) return jsonFigure(mean(folds.folds.map((fold) => fold.plcc)), context.locator.ref(sidecar.path, folds.path));
  for (const path of [["training", "loso_mean_plcc"], ["loso_mean_plcc"]] as FieldPath[]) {
    const value = numberAt(sidecar.data, path);
    if (value !== undefined) return jsonFigure(value, context.locator.ref(sidecar.path, path));
  }
  return null;
}

/**
 * The threshold a verdict sentence states itself (`≥ 0.95 threshold`). A sentence that states
 * several different thresholds judges several gates at once, so it cannot say which one the
 * verdict is about: that is `ambiguous`.
 */
export function statedThreshold(text: string): number | "ambiguous" | null {
  const pattern = /(?:≥|>=|⩾|threshold(?:\s+of|\s*=|:)?|floor(?:\s+of)?|gate\s+of)\s*`?\**\s*(0?\.\d+|1\.0+)\b/gi;
  // The number first: `clears the 0.95 gate`, `a 0.95 PLCC threshold`.
  const numberFirst = /\b(0?\.\d+|1\.0+)`?\**\s+(?:PLCC\s+|LOSO\s+)?(?:ship\s+)?(?:gate|threshold|floor)\b/gi;
  const values = new Set<number>();
  for (const match of text.matchAll(pattern)) values.add(Number(match[1]));
  for (const match of text.matchAll(numberFirst)) values.add(Number(match[1]));
  if (values.size === 0) return null;
  return values.size === 1 ? [...values][0]! : "ambiguous";
}

/** The PLCC a digest verdict rests on: the figure it quotes, else its table's mean. */
function digestVerdictFigure(digest: DigestDocument, verdict: GateVerdict): { figure: Figure; name: string } | null {
  if (verdict.plcc) return { figure: printedFigure(verdict.plcc, digest.path), name: "PLCC quoted by the verdict" };
  const named = digest.losoTables.filter((table) => table.modelIds.some((id) => verdict.modelIds.includes(id)));
  const tables = named.length ? named : digest.losoTables.length === 1 ? digest.losoTables : [];
  if (tables.length !== 1) return null;
  const figure = tableMean(tables[0]!, digest.path);
  return figure ? { figure, name: `LOSO mean PLCC of the table at line ${tables[0]!.line}` } : null;
}

export interface VerdictOptions {
  threshold: number;
  inScope(modelId: string): boolean;
}

/** Every stated verdict in the repository with the conditions it rests on. */
export function collectStatedVerdicts(context: EvidenceContext, options: VerdictOptions): StatedVerdict[] {
  const verdicts: StatedVerdict[] = [];
  const optionThreshold = { value: options.threshold, source: "option `threshold` (default per ADR-0235)" };
  for (const artefact of context.artefacts) {
    const sidecar = artefact.sidecar;
    if (!sidecar) continue;
    const fallback = options.inScope(artefact.id) ? optionThreshold : null;
    verdicts.push(...gatePassedVerdicts(context, artefact, sidecar, fallback));
    verdicts.push(...gateBlockVerdicts(context, sidecar.path, sidecar.data, ["gate"], artefact.id, [artefact.id], fallback));
  }
  for (const file of context.verdictFiles) {
    const named = context.artefacts.filter((artefact) => verdictFileNames(file, artefact, context.knownIds));
    const fallback = named.some((artefact) => options.inScope(artefact.id)) ? optionThreshold : null;
    const subject = file.path.replace(/^.*\//, "");
    const modelIds = named.map((artefact) => artefact.id);
    verdicts.push(...gateBlockVerdicts(context, file.path, file.data, ["gate"], subject, modelIds, fallback));
    const word = stringAt(file.data, ["verdict"]);
    const outcome = word === undefined ? null : outcomeOfWord(word);
    if (word !== undefined && outcome) {
      const conditions = gateBlockConditions(context, file.path, file.data, ["gate"], fallback);
      verdicts.push({ outcome, statement: `verdict: ${word}`, subject, modelIds, source: context.locator.ref(file.path, ["verdict"]), conditions });
    }
  }
  for (const digest of context.model.digests) {
    for (const verdict of digest.verdicts) {
      const resting = digestVerdictFigure(digest, verdict);
      if (!resting) continue;
      // The verdict's sentence and its whole line: `**SHIP GATE: PASS** — ... ≥ 0.95 threshold`.
      const stated = statedThreshold(`${verdict.text}\n${verdict.lineText}`);
      if (stated === "ambiguous") continue;
      const threshold =
        stated !== null
          ? { value: stated, source: `the verdict text at ${digest.path}:${verdict.line}` }
          : verdict.modelIds.some((id) => options.inScope(id))
            ? optionThreshold
            : null;
      if (!threshold) continue;
      verdicts.push({
        outcome: verdict.outcome,
        statement: verdict.text.length > 80 ? `${verdict.text.slice(0, 77)}...` : verdict.text,
        subject: verdict.modelIds.length ? verdict.modelIds.join(", ") : digest.path,
        modelIds: verdict.modelIds,
        source: { file: digest.path, line: verdict.line, column: verdict.column },
        conditions: [{ name: resting.name, figure: resting.figure, op: ">=", threshold: threshold.value, thresholdSource: threshold.source }],
      });
    }
  }
  return verdicts;
}
