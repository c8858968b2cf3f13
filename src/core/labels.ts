// Artefacts as the label rules and the GitHub App's labels see them: one record per model joining
// its registry entry, sidecars and cards, with what marks it synthetic-stub and which
// non-commercial datasets its training data traces to.
//
// Joins: a sidecar belongs to a registry entry by id or by its ONNX file name; a card belongs to an
// artefact by its file name (`x_card.md`, `docs/ai/models/x.md`), by an id it names for itself, or
// because the registry entry or sidecar notes point at it (`See docs/ai/models/x.md`).
import type { CardDocument } from "./model/card.js";
import { datasetCatalogue, type DatasetCatalogue } from "./model/datasets.js";
import type { LocatedRegistryEntry } from "./model/registry.js";
import { registryPosition } from "./model/registry.js";
import type { RepositoryModel } from "./model/repository.js";
import { sidecarPosition, type SidecarDocument } from "./model/sidecar.js";
import type { DatasetEntry } from "./config.js";
import type { Location } from "./types.js";

export interface LabelledArtefact {
  /** Registry id, else sidecar id, else the card's model id. */
  id: string;
  registry: LocatedRegistryEntry | null;
  sidecars: SidecarDocument[];
  cards: CardDocument[];
  /** Every path that belongs to the artefact, ONNX files included. */
  paths: string[];
}

/** Where a fact came from, for findings' `related` and evidence chains. */
export interface Evidence extends Location {
  message: string;
}

export function collectLabelledArtefacts(model: RepositoryModel): LabelledArtefact[] {
  const artefacts: LabelledArtefact[] = [];
  const byKey = new Map<string, LabelledArtefact>();
  const remember = (artefact: LabelledArtefact, key: string | null | undefined): void => {
    if (key && !byKey.has(key)) byKey.set(key, artefact);
  };
  const registryDir = model.registry ? dirname(model.registry.path) : "";

  for (const located of model.registry?.entries ?? []) {
    const id = located.entry.id;
    if (!id) continue;
    const onnxPath = located.entry.onnx ? joinPath(registryDir, located.entry.onnx) : null;
    const artefact: LabelledArtefact = { id, registry: located, sidecars: [], cards: [], paths: [model.registry!.path] };
    if (onnxPath) artefact.paths.push(onnxPath);
    artefacts.push(artefact);
    remember(artefact, id);
    remember(artefact, onnxPath ? `onnx:${stripExt(onnxPath)}` : null);
  }

  for (const sidecar of model.sidecars) {
    if (sidecar.shape === "libvmaf-model" || sidecar.shape === "promote-verdict" || sidecar.shape === "not-an-object") continue;
    const onnx = sidecar.sidecar?.onnx;
    const onnxPath = onnx ? joinPath(dirname(sidecar.path), onnx) : null;
    let artefact =
      byKey.get(sidecar.id) ??
      (onnxPath ? byKey.get(`onnx:${stripExt(onnxPath)}`) : undefined) ??
      byKey.get(`onnx:${stripExt(sidecar.path)}`);
    if (!artefact) {
      artefact = { id: sidecar.id, registry: null, sidecars: [], cards: [], paths: [] };
      artefacts.push(artefact);
    }
    artefact.sidecars.push(sidecar);
    artefact.paths.push(sidecar.path);
    if (onnxPath) artefact.paths.push(onnxPath);
    remember(artefact, sidecar.id);
    remember(artefact, `onnx:${stripExt(sidecar.path)}`);
    remember(artefact, `base:${basename(stripExt(sidecar.path))}`);
    if (onnxPath) remember(artefact, `base:${basename(stripExt(onnxPath))}`);
  }
  for (const artefact of artefacts) {
    for (const path of artefact.paths) if (path.endsWith(".onnx")) remember(artefact, `base:${basename(stripExt(path))}`);
  }

  const cardByPath = new Map(model.cards.map((card) => [card.path, card]));
  const attached = new Set<string>();
  const attach = (artefact: LabelledArtefact, card: CardDocument): void => {
    if (artefact.cards.includes(card)) return;
    artefact.cards.push(card);
    artefact.paths.push(card.path);
    attached.add(card.path);
  };
  // Notes that point at a card are the most explicit join; several artefacts may share one card.
  for (const artefact of artefacts) {
    const notes = [artefact.registry?.entry.notes, ...artefact.sidecars.map((s) => s.sidecar?.notes)].filter((n): n is string => !!n);
    for (const note of notes) {
      for (const match of note.matchAll(/[\w./-]+\.md/g)) {
        const card = [...cardByPath.values()].find((c) => c.path.endsWith(match[0].replace(/^(\.\.\/)+/, "")));
        if (card) attach(artefact, card);
      }
    }
  }
  for (const card of model.cards) {
    const keys = [card.modelId, ...card.aliases].filter((k): k is string => !!k);
    const artefact = keys.map((k) => byKey.get(k) ?? byKey.get(`base:${k}`)).find((a) => a !== undefined);
    if (artefact) attach(artefact, card);
    else if (!attached.has(card.path)) {
      const own: LabelledArtefact = { id: card.modelId ?? card.path, registry: null, sidecars: [], cards: [card], paths: [card.path] };
      artefacts.push(own);
      attached.add(card.path);
    }
  }
  return artefacts;
}

/** Structured flags that say the artefact was trained on synthetic data. */
export function syntheticEvidence(artefact: LabelledArtefact): Evidence[] {
  const found: Evidence[] = [];
  for (const sidecar of artefact.sidecars) {
    for (const flag of sidecar.syntheticEvidence) {
      found.push({ file: sidecar.path, line: flag.line, column: flag.column, message: `sidecar ${flag.reason}` });
    }
  }
  for (const card of artefact.cards) {
    if (card.corpusKind && /synthetic/i.test(card.corpusKind.value)) {
      found.push({ file: card.path, line: card.corpusKind.line, column: card.corpusKind.column, message: `card Corpus kind \`${card.corpusKind.value}\`` });
    }
  }
  return found;
}

/** Structured flags that say the artefact was trained on a real corpus. */
export function realCorpusEvidence(artefact: LabelledArtefact, model: RepositoryModel): Evidence[] {
  const found: Evidence[] = [];
  for (const card of artefact.cards) {
    if (card.corpusKind && !/synthetic/i.test(card.corpusKind.value)) {
      found.push({ file: card.path, line: card.corpusKind.line, column: card.corpusKind.column, message: `card Corpus kind \`${card.corpusKind.value}\`` });
    }
  }
  for (const sidecar of artefact.sidecars) {
    if (sidecar.synthetic) continue;
    const data = sidecar.sidecar;
    if (data?.training?.smoke === false) {
      const at = sidecarPosition(sidecar, ["training", "smoke"]);
      found.push({ file: sidecar.path, ...at, message: "sidecar `training.smoke: false`" });
    } else if (data?.smoke === false) {
      const at = sidecarPosition(sidecar, ["smoke"]);
      found.push({ file: sidecar.path, ...at, message: "sidecar `smoke: false`" });
    }
  }
  const registry = artefact.registry;
  if (registry && registry.entry.smoke === false && model.registry && artefact.sidecars.every((s) => !s.synthetic)) {
    found.push({ file: model.registry.path, ...registryPosition(model.registry, registry.index, "smoke"), message: "registry `smoke: false`" });
  }
  return found;
}

/** A non-commercial dataset the artefact's training data traces to, with the chain that shows it. */
export interface NonCommercialTrace {
  dataset: DatasetEntry;
  /** Where the dataset was named as training data. */
  evidence: Evidence;
}

/**
 * Non-commercial datasets in the artefact's training data: sidecar corpus/dataset fields, registry
 * and sidecar notes, the card's training-data fields and sections, and the ADRs those cite when
 * the ADR's own text names the dataset as what the model was trained on.
 */
export function traceNonCommercialTraining(artefact: LabelledArtefact, model: RepositoryModel, catalogue: DatasetCatalogue = datasetCatalogue(model.config)): NonCommercialTrace[] {
  const traces: NonCommercialTrace[] = [];
  const seen = new Set<string>();
  const consider = (text: string, evidence: Omit<Evidence, "message">, what: string): void => {
    for (const mention of catalogue.mentions(text)) {
      if (!mention.dataset.nonCommercial || seen.has(mention.dataset.name)) continue;
      if (!soundsLikeTrainingData(text, mention.index)) continue;
      seen.add(mention.dataset.name);
      traces.push({ dataset: mention.dataset, evidence: { ...evidence, message: `${what} names \`${text.slice(mention.index, mention.index + mention.length)}\` as training data` } });
    }
  };
  for (const sidecar of artefact.sidecars) {
    const data = sidecar.sidecar;
    if (!data) continue;
    const fields: Array<[Array<string | number>, unknown]> = [
      [["dataset"], data.dataset],
      [["datasets"], data.datasets?.join(", ")],
      [["corpus"], typeof data.corpus === "string" ? data.corpus : data.corpus?.path ?? data.corpus?.corpus_root],
      [["training", "dataset"], data.training?.dataset],
      [["training", "datasets"], data.training?.datasets?.join(", ")],
      [["training", "corpus"], typeof data.training?.corpus === "string" ? data.training.corpus : data.training?.corpus?.path],
      [["notes"], data.notes],
    ];
    for (const [path, value] of fields) {
      if (typeof value !== "string" || !value) continue;
      // Structured dataset fields name training data by definition; notes need a training verb.
      const text = path.at(-1) === "notes" ? value : `trained on ${value}`;
      consider(text, { file: sidecar.path, ...sidecarPosition(sidecar, path) }, `sidecar \`${path.join(".")}\``);
    }
  }
  if (artefact.registry?.entry.notes && model.registry) {
    consider(artefact.registry.entry.notes, { file: model.registry.path, ...registryPosition(model.registry, artefact.registry.index, "notes") }, "registry `notes`");
  }
  for (const card of artefact.cards) {
    for (const line of card.trainingText) consider(`trained on ${line.value}`, { file: card.path, line: line.line, column: line.column }, "card");
  }
  return traces;
}

/** A dataset named in a licence comparison or as a rejected alternative is not training data. */
function soundsLikeTrainingData(text: string, index: number): boolean {
  const sentenceStart = Math.max(text.lastIndexOf(". ", index), text.lastIndexOf("; ", index), 0);
  const before = text.slice(sentenceStart, index);
  if (/\b(?:deferred|instead of|not trained|excluded|rejected|unlike|vs\.?|versus)\b/i.test(before)) return false;
  return /\b(?:trained|train|fit|fine-tuned|corpus|dataset|training|data)\b/i.test(before) || /^\s*$/.test(before);
}

/** Labels the GitHub App applies: does any changed path belong to such an artefact? */
export function artefactFlags(model: RepositoryModel, paths: readonly string[]): { syntheticStub: boolean; nonCommercial: boolean } {
  const changed = new Set(paths);
  let syntheticStub = false;
  let nonCommercial = false;
  const catalogue = datasetCatalogue(model.config);
  for (const artefact of collectLabelledArtefacts(model)) {
    const touched = artefact.paths.some((path) => changed.has(path));
    if (!touched) continue;
    if (!syntheticStub && (syntheticEvidence(artefact).length > 0 || artefact.cards.some((c) => c.synthetic))) syntheticStub = true;
    if (!nonCommercial && traceNonCommercialTraining(artefact, model, catalogue).length > 0) nonCommercial = true;
    if (syntheticStub && nonCommercial) break;
  }
  return { syntheticStub, nonCommercial };
}

function dirname(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

function stripExt(path: string): string {
  return path.replace(/\.(?:onnx|json)$/, "");
}

function joinPath(dir: string, file: string): string {
  return dir ? `${dir}/${file}` : file;
}
