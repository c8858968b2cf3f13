// What the generic and extended sections say about one sidecar: its id and kind, the gate status
// it states, where its evidence comes from, and whether it was trained on synthetic data. Sidecar
// shapes vary a lot (flat LOSO fields, `training{}` blocks, `gate{}` blocks, notes-only), so each
// fact is looked up in the places real sidecars put it.
import { SYNTHETIC_BANNER } from "./card-fields.js";
import { pythonNumber } from "./python-format.js";
import { isPyDict, parsePythonJson, type PyDict, type PyJson } from "./python-json.js";

export type EvidenceSource = "LOSO folds" | "LOSO mean" | "gate block" | "in-sample" | "notes only" | "none";

export interface LosoFold {
  label: string;
  plcc: number;
}

export interface SidecarSummary {
  path: string;
  id: string;
  kind: string;
  /** `passed`, `failed`, a stated verdict such as `PROMOTE`, or `-`. */
  gate: string;
  evidence: EvidenceSource;
  /** Metrics from the evidence source; undefined when it states none. */
  plcc?: number;
  srocc?: number;
  rmse?: number;
  synthetic: boolean;
  folds: LosoFold[];
  /** Set when the file is not a JSON object; the other facts are then placeholders. */
  unreadable?: string;
}

const METRIC_WORDS_IN_NOTES = /\b(?:PLCC|SROCC|RMSE|LOSO|IoU)\b/i;

export function summarizeSidecar(path: string, text: string): SidecarSummary {
  const stem = path.replace(/^.*\//, "").replace(/\.json$/, "");
  let data: PyJson;
  try {
    data = parsePythonJson(text);
  } catch (error) {
    return placeholder(path, stem, `invalid JSON (${(error as Error).message})`);
  }
  if (!isPyDict(data)) return placeholder(path, stem, "not a JSON object");
  const training = dictAt(data, "training");
  const gateBlock = dictAt(data, "gate");
  const folds = losoFolds(training?.get("loso_folds") ?? data.get("loso_folds"));
  const summary: SidecarSummary = {
    path,
    id: stringAt(data, "id") ?? stringAt(data, "name") ?? stem,
    kind: stringAt(data, "kind") ?? "-",
    gate: gateStatus(data, training, gateBlock),
    evidence: "none",
    synthetic: isSynthetic(data, training, gateBlock),
    folds,
  };
  const losoSource = [training, data].find((source) => numberAt(source, "loso_mean_plcc") !== undefined);
  const inSampleSource = [training, data].find((source) => numberAt(source, "in_sample_plcc") !== undefined);
  if (folds.length > 0 || losoSource) {
    summary.evidence = folds.length > 0 ? "LOSO folds" : "LOSO mean";
    if (losoSource) setMetrics(summary, losoSource, "loso_mean_");
    else summary.plcc = folds.reduce((sum, fold) => sum + fold.plcc, 0) / folds.length;
  } else if (numberAt(gateBlock, "mean_plcc") !== undefined) {
    summary.evidence = "gate block";
    setMetrics(summary, gateBlock!, "mean_");
  } else if (inSampleSource) {
    summary.evidence = "in-sample";
    setMetrics(summary, inSampleSource, "in_sample_");
  } else if (METRIC_WORDS_IN_NOTES.test(stringAt(data, "notes") ?? "")) {
    summary.evidence = "notes only";
  }
  return summary;
}

function placeholder(path: string, stem: string, problem: string): SidecarSummary {
  return { path, id: stem, kind: "-", gate: "-", evidence: "none", synthetic: false, folds: [], unreadable: problem };
}

function setMetrics(summary: SidecarSummary, source: PyDict, prefix: string): void {
  summary.plcc = numberAt(source, `${prefix}plcc`);
  summary.srocc = numberAt(source, `${prefix}srocc`);
  summary.rmse = numberAt(source, `${prefix}rmse`);
}

function dictAt(data: PyDict | undefined, key: string): PyDict | undefined {
  const value = data?.get(key);
  return isPyDict(value) ? value : undefined;
}

function stringAt(data: PyDict | undefined, key: string): string | undefined {
  const value = data?.get(key);
  return typeof value === "string" ? value : undefined;
}

/** Numbers only: unlike the reference's `_fmt`, a boolean is not a metric here. */
function numberAt(data: PyDict | undefined, key: string): number | undefined {
  const value = data?.get(key);
  return typeof value === "boolean" ? undefined : pythonNumber(value);
}

function gateStatus(data: PyDict, training: PyDict | undefined, gateBlock: PyDict | undefined): string {
  const stated = [data.get("gate_passed"), training?.get("gate_passed"), gateBlock?.get("passed")].find(
    (value) => typeof value === "boolean",
  );
  if (stated !== undefined) return stated ? "passed" : "failed";
  return stringAt(data, "verdict") ?? stringAt(gateBlock, "verdict") ?? "-";
}

function isSynthetic(data: PyDict, training: PyDict | undefined, gateBlock: PyDict | undefined): boolean {
  if (data.get("smoke") === true || training?.get("smoke") === true) return true;
  const gateKinds = [stringAt(gateBlock, "kind"), stringAt(dictAt(gateBlock, "gate"), "kind")];
  if (gateKinds.includes("synthetic")) return true;
  const corpusKind = stringAt(data, "corpus_kind") ?? stringAt(dictAt(data, "corpus"), "kind") ?? stringAt(training, "corpus_kind");
  return corpusKind?.includes("synthetic") === true || (stringAt(data, "notes") ?? "").includes(SYNTHETIC_BANNER);
}

/** Folds with a numeric PLCC, labelled by the held-out source when the sidecar names it. */
function losoFolds(value: PyJson | undefined): LosoFold[] {
  if (!Array.isArray(value)) return [];
  const folds: LosoFold[] = [];
  value.forEach((fold, index) => {
    if (!isPyDict(fold)) return;
    const plcc = numberAt(fold, "plcc");
    if (plcc === undefined) return;
    const named = stringAt(fold, "held_out") ?? stringAt(fold, "source") ?? stringAt(fold, "fold");
    const numbered = pythonNumber(fold.get("fold"));
    folds.push({ plcc, label: named ?? (numbered !== undefined ? `fold ${numbered}` : `fold ${index + 1}`) });
  });
  return folds;
}
