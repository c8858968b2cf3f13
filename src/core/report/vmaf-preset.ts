// The `vmaf` preset: the governed repository's own training discovery report, reproduced byte for
// byte from the same committed sidecars and cards. Section order, headings, column names and the
// one fixed sentence are the output contract; everything else is derived from the inputs.
import { compareStrings, type RepositorySnapshot } from "../types.js";
import { extractBoldField, extractMetricText, parseDecimalText, SYNTHETIC_BANNER } from "./card-fields.js";
import { DiscoveryReportError } from "./errors.js";
import { optionalDict, readJsonObject, requireDict } from "./inputs.js";
import { markdownTable } from "./markdown-table.js";
import { formatFixed, pythonNumber, pythonStr, universalNewlines } from "./python-format.js";
import type { PyDict, PyJson } from "./python-json.js";

const TINY_DIR = "model/tiny";
const FR_REGRESSOR_FILES = ["fr_regressor_v2.json", "fr_regressor_v3.json"] as const;
const ENSEMBLE_VERDICT_FILE = "fr_regressor_v2_ensemble_v1_seed_flip_PROMOTE.json";
const ENSEMBLE_ID = "fr_regressor_v2_ensemble_v1";
const SALIENCY_FILES = ["saliency_student_v1.json", "saliency_student_v2.json"] as const;
const DEFAULT_DECODER = "ConvTranspose decoder";
/** `model/predictor_*_card.md`: direct children of `model/` only, like pathlib's glob. */
const PREDICTOR_CARD_PATH = /^model\/predictor_[^/]*_card\.md$/;
/** Codec families compared in the delta table, in the reference's order. */
const DELTA_CODECS = ["h264", "hevc", "av1"] as const;

export const SYNTHETIC_SECTION_SENTENCE =
  "These cards are excluded from discovery claims because their targets are analytical fallbacks rather than real held-out corpus measurements.";

/** Fixed sidecars the reference opens unconditionally; `auto` picks this preset when all exist. */
export const VMAF_REQUIRED_FILES: readonly string[] = [
  ...FR_REGRESSOR_FILES.map((name) => `${TINY_DIR}/${name}`),
  `${TINY_DIR}/${ENSEMBLE_VERDICT_FILE}`,
  ...SALIENCY_FILES.map((name) => `${TINY_DIR}/${name}`),
];

export function hasVmafLayout(snapshot: RepositorySnapshot): boolean {
  const present = new Set(snapshot.paths());
  return VMAF_REQUIRED_FILES.every((path) => present.has(path));
}

export interface PredictorCard {
  codec: string;
  corpusKind: string;
  plcc: number;
  srocc: number;
  rmse: number;
  synthetic: boolean;
  path: string;
}

/** Text after the last underscore, or the whole codec when it has none. */
export function codecFamily(codec: string): string {
  const underscore = codec.lastIndexOf("_");
  return underscore < 0 ? codec : codec.slice(underscore + 1);
}

export function renderVmafReport(snapshot: RepositorySnapshot): string {
  const cards = loadPredictorCards(snapshot);
  const parts = [
    "# Training Discovery Report",
    "",
    "Generated from committed model sidecars and model cards.",
    "",
    "## Tiny FR Regressors",
    "",
    markdownTable(["Model", "Rows", "PLCC", "SROCC", "RMSE", "Evidence"], tinyFrRows(snapshot)),
    "",
    "## Saliency Students",
    "",
    markdownTable(["Model", "Best val IoU", "Params", "Decoder"], saliencyRows(snapshot)),
    "",
    "## Real Hardware Predictor Cards",
    "",
    markdownTable(["Codec", "Corpus", "PLCC", "SROCC", "RMSE", "Card"], predictorRows(cards, false)),
    "",
    "## QSV vs NVENC Predictor Delta",
    "",
    markdownTable(
      ["Codec family", "NVENC PLCC", "QSV PLCC", "Delta", "NVENC RMSE", "QSV RMSE"],
      qsvNvencDeltaRows(cards),
    ),
    "",
    "## Synthetic Predictor Cards",
    "",
    SYNTHETIC_SECTION_SENTENCE,
    "",
    markdownTable(["Codec", "Corpus", "PLCC", "SROCC", "RMSE", "Card"], predictorRows(cards, true)),
    "",
  ];
  return parts.join("\n");
}

/** Every `model/predictor_*_card.md`, in path order. */
export function loadPredictorCards(snapshot: RepositorySnapshot): PredictorCard[] {
  const paths = snapshot.paths().filter((path) => PREDICTOR_CARD_PATH.test(path));
  return [...paths].sort(compareStrings).map((path) => parsePredictorCard(path, snapshot.read(path)));
}

export function parsePredictorCard(path: string, rawText: string | undefined): PredictorCard {
  if (rawText === undefined) throw new DiscoveryReportError(path, null, "file is missing");
  const text = universalNewlines(rawText);
  return {
    codec: requireBoldField(path, text, "Codec adapter"),
    corpusKind: requireBoldField(path, text, "Corpus kind"),
    plcc: requireMetric(path, text, "PLCC"),
    srocc: requireMetric(path, text, "SROCC"),
    rmse: requireMetric(path, text, "RMSE"),
    synthetic: text.includes(SYNTHETIC_BANNER),
    path,
  };
}

function requireBoldField(path: string, text: string, label: string): string {
  const value = extractBoldField(text, label);
  if (value === undefined) throw new DiscoveryReportError(path, label, "no `- **" + label + "**:` line");
  return value;
}

function requireMetric(path: string, text: string, metric: string): number {
  const numberText = extractMetricText(text, metric);
  if (numberText === undefined) throw new DiscoveryReportError(path, metric, `no \`| ${metric} | value |\` table row`);
  const value = parseDecimalText(numberText);
  if (value === undefined) throw new DiscoveryReportError(path, metric, `\`${numberText}\` is not a number`);
  return value;
}

/** `_fmt`: four decimals for numbers (booleans included), `-` for anything else. */
function formatMetric(value: PyJson | undefined): string {
  const number = pythonNumber(value);
  return number === undefined ? "-" : formatFixed(number, 4);
}

/** `training.get(primary, training.get(fallback))`: a present key wins even when it is null. */
function withFallback(training: PyDict, primary: string, fallback: string): PyJson | undefined {
  return training.has(primary) ? training.get(primary) : training.get(fallback);
}

function tinyFrRows(snapshot: RepositorySnapshot): string[][] {
  const rows: string[][] = [];
  for (const name of FR_REGRESSOR_FILES) {
    const path = `${TINY_DIR}/${name}`;
    const data = readJsonObject(snapshot, path);
    const training = optionalDict(path, data, "training");
    const id = data.get("id");
    if (id === undefined) throw new DiscoveryReportError(path, "id", "is missing");
    if (typeof id !== "string") throw new DiscoveryReportError(path, "id", "expected a string");
    rows.push([
      id,
      training.has("n_rows") ? pythonStr(training.get("n_rows")!) : "-",
      formatMetric(withFallback(training, "loso_mean_plcc", "in_sample_plcc")),
      formatMetric(withFallback(training, "loso_mean_srocc", "in_sample_srocc")),
      formatMetric(withFallback(training, "loso_mean_rmse", "in_sample_rmse")),
      training.has("loso_mean_plcc") ? "LOSO" : "in-sample",
    ]);
  }
  const verdictPath = `${TINY_DIR}/${ENSEMBLE_VERDICT_FILE}`;
  const gate = requireDict(verdictPath, readJsonObject(snapshot, verdictPath), "gate");
  const spread = gate.get("plcc_spread");
  if (spread === undefined) throw new DiscoveryReportError(verdictPath, "gate.plcc_spread", "is missing");
  const spreadNumber = pythonNumber(spread);
  if (spreadNumber === undefined) throw new DiscoveryReportError(verdictPath, "gate.plcc_spread", "expected a number");
  rows.push([
    ENSEMBLE_ID,
    "-",
    formatMetric(gate.get("mean_plcc")),
    "-",
    "-",
    `LOSO ensemble, spread=${formatFixed(spreadNumber, 6)}`,
  ]);
  return rows;
}

function saliencyRows(snapshot: RepositorySnapshot): string[][] {
  return SALIENCY_FILES.map((name) => {
    const path = `${TINY_DIR}/${name}`;
    const training = requireDict(path, readJsonObject(snapshot, path), "training");
    const params = training.get("param_count");
    const decoder = training.get("decoder_upsampler");
    return [
      name.replace(/\.json$/, ""),
      formatMetric(training.get("best_val_iou")),
      params === undefined ? "-" : pythonStr(params),
      decoder === undefined ? DEFAULT_DECODER : pythonStr(decoder),
    ];
  });
}

function predictorRows(cards: readonly PredictorCard[], synthetic: boolean): string[][] {
  const selected = cards.filter((card) => card.synthetic === synthetic);
  // Array.prototype.sort is stable, like Python's sorted(): equal keys keep path order.
  selected.sort(
    (a, b) => compareStrings(codecFamily(a.codec), codecFamily(b.codec)) || compareStrings(a.codec, b.codec),
  );
  return selected.map((card) => [
    card.codec,
    card.corpusKind,
    formatFixed(card.plcc, 4),
    formatFixed(card.srocc, 4),
    formatFixed(card.rmse, 4),
    card.path,
  ]);
}

function qsvNvencDeltaRows(cards: readonly PredictorCard[]): string[][] {
  // A later card (in path order) with the same codec replaces an earlier one, as in a dict.
  const realByCodec = new Map<string, PredictorCard>();
  for (const card of cards) if (!card.synthetic) realByCodec.set(card.codec, card);
  const rows: string[][] = [];
  for (const codec of DELTA_CODECS) {
    const nvenc = realByCodec.get(`${codec}_nvenc`);
    const qsv = realByCodec.get(`${codec}_qsv`);
    if (!nvenc || !qsv) continue;
    rows.push([
      codec,
      formatFixed(nvenc.plcc, 4),
      formatFixed(qsv.plcc, 4),
      formatFixed(qsv.plcc - nvenc.plcc, 4, { sign: true }),
      formatFixed(nvenc.rmse, 4),
      formatFixed(qsv.rmse, 4),
    ]);
  }
  return rows;
}
