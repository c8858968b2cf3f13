#!/usr/bin/env node
// Trains this repository's demo model: a linear full-reference quality regressor fitted on data
// this script generates, evaluated leave-one-source-out, exported as ONNX with its sidecar, card
// and registry entry. Everything is derived from one seed, so a re-run rewrites identical bytes
// (test/scripts/train-demo-model.test.ts holds it to that).
//
// The data is synthetic, so the model is a synthetic stub: it demonstrates the governed file
// shapes and exercises the bot's rules; its figures are not evidence of anything.
//
// Usage: node scripts/train-demo-model.mjs [--out DIR]   (default: the repository root)
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const SEED = 20261122;
const MODEL_ID = "demo_fr_linear_v0";
const FEATURES = ["detail_loss", "blockiness", "temporal_flicker"];
const SOURCES = ["synthetic_src_a", "synthetic_src_b", "synthetic_src_c", "synthetic_src_d", "synthetic_src_e", "synthetic_src_f"];
const CLIPS_PER_SOURCE = 40;
const RIDGE_LAMBDA = 1e-3;
const DECIMALS = 6;

// ---- deterministic data -------------------------------------------------------------------

/** mulberry32: a small, well-known 32-bit PRNG; enough for reproducible synthetic data. */
export function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal by Box-Muller. */
function gaussian(random) {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * Each source has its own content difficulty (an offset and a sensitivity to flicker), so
 * holding a source out tests generalisation to unseen content, which is what LOSO measures.
 */
export function generateCorpus(seed = SEED) {
  const random = prng(seed);
  const rows = [];
  for (const source of SOURCES) {
    const offset = gaussian(random) * 2.5;
    const flickerSensitivity = 0.8 + random() * 0.6;
    for (let clip = 0; clip < CLIPS_PER_SOURCE; clip++) {
      const detailLoss = random();
      const blockiness = random() * 0.8;
      const flicker = random() * 0.5;
      const score =
        96 - 38 * detailLoss - 22 * blockiness * blockiness - 18 * flickerSensitivity * flicker + offset + gaussian(random) * 1.5;
      rows.push({ source, features: [detailLoss, blockiness, flicker], score: Math.min(100, Math.max(0, score)) });
    }
  }
  return rows;
}

// ---- model --------------------------------------------------------------------------------

/** Ridge regression by the normal equations, solved with Gaussian elimination (4x4). */
export function fitLinear(rows, lambda = RIDGE_LAMBDA) {
  const width = FEATURES.length + 1;
  const a = Array.from({ length: width }, () => new Array(width).fill(0));
  const b = new Array(width).fill(0);
  for (const row of rows) {
    const x = [...row.features, 1];
    for (let i = 0; i < width; i++) {
      b[i] += x[i] * row.score;
      for (let j = 0; j < width; j++) a[i][j] += x[i] * x[j];
    }
  }
  for (let i = 0; i < FEATURES.length; i++) a[i][i] += lambda * rows.length;
  const solution = solve(a, b);
  return { weights: solution.slice(0, FEATURES.length), bias: solution[FEATURES.length] };
}

function solve(matrix, vector) {
  const n = vector.length;
  const m = matrix.map((row, i) => [...row, vector[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const factor = m[r][col] / m[col][col];
      for (let c = col; c <= n; c++) m[r][c] -= factor * m[col][c];
    }
  }
  return m.map((row, i) => row[n] / row[i]);
}

export function predict(model, features) {
  return features.reduce((sum, value, i) => sum + value * model.weights[i], model.bias);
}

// ---- metrics ------------------------------------------------------------------------------

export function pearson(x, y) {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Average ranks, so ties share a rank as Spearman's definition requires. */
function ranks(values) {
  const order = values.map((value, index) => ({ value, index })).sort((p, q) => p.value - q.value);
  const out = new Array(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1].value === order[i].value) j++;
    for (let k = i; k <= j; k++) out[order[k].index] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

export function spearman(x, y) {
  return pearson(ranks(x), ranks(y));
}

export function rmse(x, y) {
  return Math.sqrt(mean(x.map((value, i) => (value - y[i]) ** 2)));
}

function mean(values) {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function sampleStd(values) {
  const m = mean(values);
  return Math.sqrt(values.reduce((sum, value) => sum + (value - m) ** 2, 0) / (values.length - 1));
}

const round = (value, decimals = DECIMALS) => Number(value.toFixed(decimals));

export function evaluateLoso(rows) {
  return SOURCES.map((heldOut) => {
    const train = rows.filter((row) => row.source !== heldOut);
    const test = rows.filter((row) => row.source === heldOut);
    const model = fitLinear(train);
    const predicted = test.map((row) => predict(model, row.features));
    const actual = test.map((row) => row.score);
    return {
      held_out: heldOut,
      n_train: train.length,
      n_val: test.length,
      plcc: round(pearson(predicted, actual)),
      srocc: round(spearman(predicted, actual)),
      rmse: round(rmse(predicted, actual)),
    };
  });
}

// ---- ONNX export (hand-encoded protobuf: features[N,3] -> MatMul -> Add -> score[N,1]) -----

function varint(value) {
  const bytes = [];
  let v = value;
  while (v > 0x7f) {
    bytes.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  bytes.push(v);
  return Buffer.from(bytes);
}
const key = (field, wireType) => varint((field << 3) | wireType);
const intField = (field, value) => Buffer.concat([key(field, 0), varint(value)]);
const bytesField = (field, payload) => {
  const body = typeof payload === "string" ? Buffer.from(payload, "utf8") : payload;
  return Buffer.concat([key(field, 2), varint(body.length), body]);
};

function floatTensor(name, dims, values) {
  const raw = Buffer.alloc(values.length * 4);
  values.forEach((value, i) => raw.writeFloatLE(value, i * 4));
  // TensorProto: dims=1, data_type=2 (FLOAT=1), name=8, raw_data=9
  return Buffer.concat([...dims.map((d) => intField(1, d)), intField(2, 1), bytesField(8, name), bytesField(9, raw)]);
}

function valueInfo(name, dims) {
  // ValueInfoProto{name=1, type=2{tensor_type=1{elem_type=1, shape=2{dim=1{dim_value=1 | dim_param=2}}}}}
  const shape = Buffer.concat(
    dims.map((d) => bytesField(1, typeof d === "number" ? intField(1, d) : bytesField(2, d))),
  );
  const tensorType = Buffer.concat([intField(1, 1), bytesField(2, shape)]);
  return Buffer.concat([bytesField(1, name), bytesField(2, bytesField(1, tensorType))]);
}

function node(opType, inputs, outputs, name) {
  // NodeProto: input=1, output=2, name=3, op_type=4
  return Buffer.concat([...inputs.map((i) => bytesField(1, i)), ...outputs.map((o) => bytesField(2, o)), bytesField(3, name), bytesField(4, opType)]);
}

export function exportOnnx(model) {
  const graph = Buffer.concat([
    bytesField(1, node("MatMul", ["features", "weights"], ["weighted"], "matmul")),
    bytesField(1, node("Add", ["weighted", "bias"], ["score"], "add_bias")),
    bytesField(2, MODEL_ID),
    bytesField(5, floatTensor("weights", [FEATURES.length, 1], model.weights)),
    bytesField(5, floatTensor("bias", [1], [model.bias])),
    bytesField(11, valueInfo("features", ["N", FEATURES.length])),
    bytesField(12, valueInfo("score", ["N", 1])),
  ]);
  // ModelProto: ir_version=1, producer_name=2, graph=7, opset_import=8{domain=1, version=2}
  return Buffer.concat([
    intField(1, 8),
    bytesField(2, "research-governance/scripts/train-demo-model.mjs"),
    bytesField(7, graph),
    bytesField(8, Buffer.concat([bytesField(1, ""), intField(2, 17)])),
  ]);
}

// ---- governed files -----------------------------------------------------------------------

export function buildArtefacts() {
  const rows = generateCorpus();
  const folds = evaluateLoso(rows);
  const production = fitLinear(rows);
  const onnx = exportOnnx(production);
  const sha256 = createHash("sha256").update(onnx).digest("hex");
  const plccs = folds.map((fold) => fold.plcc);
  const training = {
    corpus: "synthetic-stub",
    corpus_generator: "scripts/train-demo-model.mjs",
    seed: SEED,
    n_rows: rows.length,
    sources: SOURCES,
    ridge_lambda: RIDGE_LAMBDA,
    loso_folds: folds,
    loso_mean_plcc: round(mean(plccs)),
    loso_std_plcc: round(sampleStd(plccs)),
    loso_min_plcc: Math.min(...plccs),
    loso_max_plcc: Math.max(...plccs),
    loso_mean_srocc: round(mean(folds.map((fold) => fold.srocc))),
    loso_mean_rmse: round(mean(folds.map((fold) => fold.rmse))),
  };
  const sidecar = {
    id: MODEL_ID,
    kind: "fr",
    onnx: `${MODEL_ID}.onnx`,
    opset: 17,
    sha256,
    smoke: true,
    synthetic: true,
    license: "MIT",
    feature_order: FEATURES,
    input_names: ["features"],
    output_names: ["score"],
    weights: production.weights.map((w) => round(w)),
    bias: round(production.bias),
    training,
    notes: "Synthetic stub: fitted on data generated from a fixed seed; demonstrates the governed file shapes, not model quality.",
  };
  const registry = {
    $schema: "./registry.schema.json",
    schema_version: 1,
    models: [
      {
        id: MODEL_ID,
        kind: "fr",
        onnx: `demo/${MODEL_ID}.onnx`,
        sha256,
        opset: 17,
        smoke: true,
        license: "MIT",
        notes: "Synthetic-stub demo model trained by scripts/train-demo-model.mjs on generated data. Not evidence of quality.",
      },
    ],
  };
  return {
    [`model/demo/${MODEL_ID}.onnx`]: onnx,
    [`model/demo/${MODEL_ID}.json`]: `${JSON.stringify(sidecar, null, 2)}\n`,
    [`model/demo/${MODEL_ID}_card.md`]: renderCard(training, folds),
    "model/registry.json": `${JSON.stringify(registry, null, 2)}\n`,
  };
}

function renderCard(training, folds) {
  const f4 = (value) => value.toFixed(4);
  const foldRows = folds.map((fold) => `| ${fold.held_out} | ${fold.n_val} | ${f4(fold.plcc)} | ${f4(fold.srocc)} | ${f4(fold.rmse)} |`);
  return `# Model card: ${MODEL_ID}

> **Warning: synthetic-stub model.** Trained on data that \`scripts/train-demo-model.mjs\`
> generates from a fixed seed. Its figures show that the pipeline works, not that the model
> predicts quality. Never cite it as evidence.

- **Model id**: \`${MODEL_ID}\`
- **Kind**: fr (full-reference quality regressor)
- **Corpus kind**: synthetic-stub-N=${training.n_rows}
- **Training data**: generated in-script (seed ${training.seed}), ${training.sources.length} synthetic sources x ${CLIPS_PER_SOURCE} clips
- **Architecture**: linear ridge regression over ${FEATURES.length} features (${FEATURES.join(", ")})
- **Licence**: MIT (weights and generator); no third-party data

## Metrics (leave-one-source-out)

| Metric | Value |
| --- | --- |
| PLCC | ${f4(training.loso_mean_plcc)} |
| SROCC | ${f4(training.loso_mean_srocc)} |
| RMSE | ${f4(training.loso_mean_rmse)} |

Per fold:

| Held-out source | n | PLCC | SROCC | RMSE |
| --- | --- | --- | --- | --- |
${foldRows.join("\n")}

## Reproduce

\`\`\`bash
node scripts/train-demo-model.mjs
git diff --exit-code model/
\`\`\`

The second command proves the committed artefacts are the script's exact output.
`;
}

function main(argv) {
  const outIndex = argv.indexOf("--out");
  const root = outIndex >= 0 ? resolve(argv[outIndex + 1]) : resolve(dirname(fileURLToPath(import.meta.url)), "..");
  for (const [path, content] of Object.entries(buildArtefacts())) {
    const target = join(root, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    process.stdout.write(`wrote ${path}\n`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
