// JSON sidecars beside ONNX files (`model/**/*.json`). The zod schema below is the single
// description of the fields rules read; everything else passes through untouched. Real sidecars
// come in many shapes (minimal, upstream wrappers, LOSO regressors, ensemble seeds with a `gate{}`
// block, a `*_PROMOTE.json` verdict, an ensemble manifest, metrics only in `notes`, quantised
// models, and libvmaf's own SVM model files), so every field is optional.
import * as z from "zod";
import { compactLocations, compactPositionOf, jsonErrorPosition, locateJson, toPointer, withoutByteOrderMark, type CompactLocations, type JsonPosition } from "./json-locate.js";
import type { ParseProblem } from "./markdown-file.js";

/** A metric as sidecars write it; `null` means "not measured" and is accepted. */
const Metric = z.number().nullable().optional();

export const LosoFold = z
  .object({
    held_out: z.string().optional(),
    fold: z.union([z.string(), z.number()]).optional(),
    source: z.string().optional(),
    plcc: Metric,
    srocc: Metric,
    rmse: Metric,
    krocc: Metric,
    n_train: z.number().optional(),
    n_val: z.number().optional(),
  })
  .passthrough();
export type LosoFold = z.infer<typeof LosoFold>;

/** `corpus` is a path string in some sidecars and an object in others. */
export const CorpusField = z.union([
  z.string(),
  z
    .object({
      kind: z.string().optional(),
      path: z.string().nullable().optional(),
      corpus_root: z.string().optional(),
      sha256: z.string().nullable().optional(),
      n_rows: z.number().optional(),
      present: z.boolean().optional(),
    })
    .passthrough(),
]);
export type CorpusField = z.infer<typeof CorpusField>;

export const Training = z
  .object({
    dataset: z.string().optional(),
    datasets: z.array(z.string()).optional(),
    dataset_url: z.string().optional(),
    corpus: CorpusField.optional(),
    corpus_kind: z.string().optional(),
    n_rows: z.number().optional(),
    smoke: z.boolean().optional(),
    synthetic: z.boolean().optional(),
    gate_passed: z.boolean().optional(),
    loso_folds: z.array(LosoFold).optional(),
    loso_mean_plcc: Metric,
    loso_mean_srocc: Metric,
    loso_mean_rmse: Metric,
    loso_std_plcc: Metric,
    loso_min_plcc: Metric,
    loso_max_plcc: Metric,
    in_sample_plcc: Metric,
    in_sample_srocc: Metric,
    in_sample_rmse: Metric,
    ship_gate_mean_plcc: Metric,
  })
  .passthrough();
export type Training = z.infer<typeof Training>;

const GateCore = {
  kind: z.string().optional(),
  passed: z.boolean().optional(),
  verdict: z.string().optional(),
  mean_plcc: Metric,
  mean_srocc: Metric,
  mean_rmse: Metric,
  mean_plcc_threshold: Metric,
  plcc_min: Metric,
  plcc_spread: Metric,
  plcc_spread_max: Metric,
  per_seed_min: Metric,
  per_seed_min_threshold: Metric,
  this_seed_loso_plcc: Metric,
  per_seed_plccs: z.record(z.string(), z.number()).optional(),
  failing_seeds: z.array(z.union([z.string(), z.number()])).optional(),
};

export const Gate = z
  .object({
    ...GateCore,
    /** Some sidecars nest the gate definition (`gate.gate.kind`). */
    gate: z.object(GateCore).passthrough().optional(),
  })
  .passthrough();
export type Gate = z.infer<typeof Gate>;

export const EnsembleMember = z
  .object({
    id: z.string().optional(),
    onnx: z.string().optional(),
    sha256: z.string().optional(),
    seed: z.number().optional(),
  })
  .passthrough();
export type EnsembleMember = z.infer<typeof EnsembleMember>;

export const Sidecar = z
  .object({
    id: z.string().optional(),
    name: z.string().optional(),
    kind: z.string().optional(),
    onnx: z.string().optional(),
    sha256: z.string().optional(),
    int8_sha256: z.string().optional(),
    quant_mode: z.string().optional(),
    opset: z.number().optional(),
    onnx_opset: z.number().optional(),
    smoke: z.boolean().optional(),
    synthetic: z.boolean().optional(),
    gate_passed: z.boolean().optional(),
    codec_aware: z.boolean().optional(),
    license: z.string().optional(),
    license_url: z.string().optional(),
    notes: z.string().optional(),
    description: z.string().optional(),
    corpus: CorpusField.optional(),
    corpus_kind: z.string().optional(),
    dataset: z.string().optional(),
    datasets: z.array(z.string()).optional(),
    loso_mean_plcc: Metric,
    training: Training.optional(),
    training_recipe: z.object({ smoke: z.boolean().optional(), n_rows: z.number().optional() }).passthrough().optional(),
    eval: z.object({ in_sample_plcc: Metric, in_sample_srocc: Metric, in_sample_rmse: Metric }).passthrough().optional(),
    /** k-fold results written at top level (MOS heads). */
    folds: z.array(LosoFold).optional(),
    gate: Gate.optional(),
    verdict: z.string().optional(),
    ensemble_id: z.string().optional(),
    ensemble_size: z.number().optional(),
    members: z.array(EnsembleMember).optional(),
    seed: z.number().optional(),
    seeds: z.array(z.number()).optional(),
    adr: z.string().optional(),
    parent_adr: z.string().optional(),
    parent_adrs: z.array(z.string()).optional(),
  })
  .passthrough();
export type Sidecar = z.infer<typeof Sidecar>;

/** Which of the known sidecar layouts a file follows; rules use it to pick what to expect. */
export type SidecarShape =
  | "ensemble-manifest"
  | "promote-verdict"
  | "ensemble-seed"
  | "loso-regressor"
  | "quantised"
  | "upstream-wrapper"
  | "libvmaf-model"
  | "minimal"
  | "not-an-object";

/** A flag that marks the artefact as trained on synthetic data, with where it was found. */
export interface SyntheticEvidence {
  /** Human-readable: `smoke: true`, `gate.kind: synthetic`, ... */
  reason: string;
  pointer: string;
  line: number;
  column: number;
}

export interface SidecarDocument {
  kind: "sidecar";
  path: string;
  /** The parsed JSON, or null when it is not valid JSON (then `problems` says why). */
  data: unknown;
  /** `id` field, or the file name without `.json`. */
  id: string;
  /** Trained on synthetic data (smoke flag, synthetic corpus kind, `gate.kind: synthetic`). */
  synthetic: boolean;
  problems: ParseProblem[];
  /** The fields the schema knows, validated; fields that violated it are dropped (see problems). */
  sidecar: Sidecar | null;
  shape: SidecarShape;
  /** Every flag that says "synthetic", in document order. Empty when `synthetic` is false. */
  syntheticEvidence: SyntheticEvidence[];
  /** JSON pointer -> [line, column] of object members and containers (scalars in arrays omitted). */
  locations: CompactLocations;
}

/** The line and column of a field, for findings: `sidecarPosition(doc, ["training", "n_rows"])`. */
export function sidecarPosition(doc: Pick<SidecarDocument, "locations">, path: ReadonlyArray<string | number>): JsonPosition {
  return compactPositionOf(doc.locations, toPointer(path));
}

export function readSidecar(path: string, original: string): SidecarDocument {
  const fallbackId = path.replace(/^.*\//, "").replace(/\.json$/, "");
  const { text, problem: markProblem } = withoutByteOrderMark(original);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const at = jsonErrorPosition(text, error as Error);
    return {
      kind: "sidecar",
      path,
      data: null,
      id: fallbackId,
      synthetic: false,
      problems: [...(markProblem ? [markProblem] : []), { message: `Invalid JSON: ${(error as Error).message}`, ...at }],
      sidecar: null,
      shape: "not-an-object",
      syntheticEvidence: [],
      locations: {},
    };
  }
  data = elideBulkStrings(data);
  const locations = compactLocations(locateJson(text, { scalarsInArrays: false }));
  const problems: ParseProblem[] = markProblem ? [markProblem] : [];
  const sidecar = validateSidecar(data, locations, problems);
  const syntheticEvidence = sidecar ? findSyntheticEvidence(sidecar, locations) : [];
  return {
    kind: "sidecar",
    path,
    data,
    id: sidecar?.id ?? fallbackId,
    synthetic: syntheticEvidence.length > 0,
    problems,
    sidecar,
    shape: classifySidecarShape(data, path),
    syntheticEvidence,
    locations,
  };
}

/** Longer strings than this are payload (libvmaf's serialised SVMs run to 20 KB), not claims. */
export const MAX_SIDECAR_STRING = 4096;

/**
 * Replace payload strings with a short marker. No rule reads an embedded model or a base64 blob,
 * and the document model is cached: keeping them made the cache several megabytes of text that
 * every warm run deserialised for nothing.
 */
export function elideBulkStrings(value: unknown): unknown {
  if (typeof value === "string") return value.length > MAX_SIDECAR_STRING ? `(${value.length} characters elided)` : value;
  if (Array.isArray(value)) return value.map(elideBulkStrings);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = elideBulkStrings(item);
    return out;
  }
  return value;
}

/**
 * Validate against the schema; a field of the wrong type becomes a ParseProblem at its line and is
 * dropped, so the rest of the sidecar still feeds the rules.
 */
function validateSidecar(data: unknown, locations: CompactLocations, problems: ParseProblem[]): Sidecar | null {
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    problems.push({ message: "Unexpected JSON value, expected an object at the top level of a sidecar", line: 1, column: 1 });
    return null;
  }
  let candidate: unknown = structuredClone(data);
  // Each pass removes the offending fields; nested unions can surface issues one level at a time.
  for (let attempt = 0; attempt < 8; attempt++) {
    const result = Sidecar.safeParse(candidate);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const fieldPath = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
      const at = compactPositionOf(locations, toPointer(fieldPath));
      problems.push({
        message: `Unexpected value of \`${fieldPath.join(".") || "(root)"}\` in sidecar, expected ${describeExpectation(issue)}`,
        line: at.line,
        column: at.column,
      });
      candidate = withoutPath(candidate, fieldPath);
    }
  }
  return null;
}

function describeExpectation(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type") return `\`${issue.expected}\``;
  if (issue.code === "invalid_union") return "one of the documented forms";
  return issue.message.replace(/\.$/, "");
}

function withoutPath(value: unknown, path: ReadonlyArray<string | number>): unknown {
  if (path.length === 0) return {};
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    const index = Number(head);
    if (rest.length === 0) copy.splice(index, 1);
    else copy[index] = withoutPath(copy[index], rest);
    return copy;
  }
  if (value && typeof value === "object") {
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    if (rest.length === 0) delete copy[String(head)];
    else copy[String(head)] = withoutPath(copy[String(head)], rest);
    return copy;
  }
  return value;
}

const SYNTHETIC_WORD = /synthetic/i;

/** Every structured flag that says the artefact was trained on synthetic data. */
export function findSyntheticEvidence(sidecar: Sidecar, locations: CompactLocations): SyntheticEvidence[] {
  const found: SyntheticEvidence[] = [];
  const add = (path: Array<string | number>, reason: string): void => {
    const at = compactPositionOf(locations, toPointer(path));
    found.push({ reason, pointer: toPointer(path), line: at.line, column: at.column });
  };
  if (sidecar.synthetic === true) add(["synthetic"], "`synthetic: true`");
  if (sidecar.smoke === true) add(["smoke"], "`smoke: true`");
  if (sidecar.corpus_kind && SYNTHETIC_WORD.test(sidecar.corpus_kind)) add(["corpus_kind"], `\`corpus_kind: ${sidecar.corpus_kind}\``);
  if (typeof sidecar.corpus === "object" && sidecar.corpus.kind && SYNTHETIC_WORD.test(sidecar.corpus.kind)) {
    add(["corpus", "kind"], `\`corpus.kind: ${sidecar.corpus.kind}\``);
  }
  const training = sidecar.training;
  if (training?.smoke === true) add(["training", "smoke"], "`training.smoke: true`");
  if (training?.synthetic === true) add(["training", "synthetic"], "`training.synthetic: true`");
  if (training?.corpus_kind && SYNTHETIC_WORD.test(training.corpus_kind)) {
    add(["training", "corpus_kind"], `\`training.corpus_kind: ${training.corpus_kind}\``);
  }
  if (sidecar.training_recipe?.smoke === true) add(["training_recipe", "smoke"], "`training_recipe.smoke: true`");
  if (sidecar.gate?.kind && SYNTHETIC_WORD.test(sidecar.gate.kind)) add(["gate", "kind"], `\`gate.kind: ${sidecar.gate.kind}\``);
  if (sidecar.gate?.gate?.kind && SYNTHETIC_WORD.test(sidecar.gate.gate.kind)) {
    add(["gate", "gate", "kind"], `\`gate.gate.kind: ${sidecar.gate.gate.kind}\``);
  }
  return found;
}

export function classifySidecarShape(data: unknown, path: string): SidecarShape {
  if (data === null || typeof data !== "object" || Array.isArray(data)) return "not-an-object";
  const record = data as Record<string, unknown>;
  if (Array.isArray(record.members)) return "ensemble-manifest";
  if (/_PROMOTE\.json$/.test(path) || (typeof record.verdict === "string" && record.gate && !record.onnx)) return "promote-verdict";
  if (typeof record.ensemble_id === "string" || (record.gate && typeof record.seed === "number")) return "ensemble-seed";
  const training = record.training as Record<string, unknown> | undefined;
  if (training && (Array.isArray(training.loso_folds) || "in_sample_plcc" in training) || Array.isArray(record.folds)) return "loso-regressor";
  if (/\.int8\.json$/.test(path) || typeof record.quant_mode === "string") return "quantised";
  if (typeof record.license === "string" || typeof record.upstream_repo === "string") return "upstream-wrapper";
  if ("param_dict" in record || "model_dict" in record || Object.values(record).some((v) => v && typeof v === "object" && "model_dict" in (v as object))) {
    return "libvmaf-model";
  }
  return "minimal";
}

