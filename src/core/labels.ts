// What the label rules and the GitHub App's labels read off an artefact (see `model/artefacts.ts`
// for the join): what marks it synthetic-stub, what says it was trained on a real corpus, and which
// non-commercial datasets its training data traces to.
import type { DatasetEntry } from "./config.js";
import type { CardDocument } from "./model/card.js";
import { modelArtefacts, type Artefact } from "./model/artefacts.js";
import { datasetCatalogue, type DatasetCatalogue } from "./model/datasets.js";
import { registryPosition } from "./model/registry.js";
import type { RepositoryModel } from "./model/repository.js";
import { sidecarPosition } from "./model/sidecar.js";
import type { Location } from "./types.js";

/** Where a fact came from, for findings' `related` and evidence chains. */
export interface Evidence extends Location {
  message: string;
}

/** Structured flags that say the artefact was trained on synthetic data. */
export function syntheticEvidence(artefact: Artefact): Evidence[] {
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
export function realCorpusEvidence(artefact: Artefact, model: RepositoryModel): Evidence[] {
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
 * and sidecar notes, and the card's training-data fields and sections. None for a synthetic stub.
 */
export function traceNonCommercialTraining(artefact: Artefact, model: RepositoryModel, catalogue: DatasetCatalogue = datasetCatalogue(model.config)): NonCommercialTrace[] {
  // A synthetic stub's weights were trained on generated data: the corpus its card and notes name
  // is the one a real retrain will use, and that retrain (which drops the stub's flags) is what
  // must be labelled. A stale banner alone does not count; structured flags do.
  if (syntheticEvidence(artefact).length > 0 && realCorpusEvidence(artefact, model).length === 0) return [];
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
  // Only the artefact's own card says what it was trained on: a successor's card that names it
  // ("drop-in for mobilesal_placeholder_v0") describes the successor's training data.
  for (const card of artefact.cards.filter((c) => cardDescribes(c, artefact.id))) {
    for (const line of card.trainingText) consider(`trained on ${line.value}`, { file: card.path, line: line.line, column: line.column }, "card");
  }
  return traces;
}

/** The card is about this model: its own model id, or a file named after the model. */
function cardDescribes(card: CardDocument, modelId: string): boolean {
  if (card.modelId === modelId) return true;
  const name = card.path.slice(card.path.lastIndexOf("/") + 1).replace(/(_card)?\.md$/, "");
  return name === modelId;
}

/**
 * A dataset named in a licence comparison, as a rejected alternative or as left out ("No KoNViD-1k
 * or BVI-DVC rows were included", "BVI-DVC was not used") is not training data.
 */
function soundsLikeTrainingData(text: string, index: number): boolean {
  const before = text.slice(sentenceStartBefore(text, index), index);
  if (/\b(?:deferred|instead of|not trained|excluded|rejected|unlike|vs\.?|versus)\b/i.test(before)) return false;
  // The negation must govern the name: "no" followed only by other names (capitalised or numbered,
  // as dataset names are), not "(not redistributed), BVI-DVC" or "no redistribution, BVI-DVC".
  if (/\b(?:[Nn]o|[Ww]ithout|[Ee]xcluding|[Ee]xcept|[Nn]either|[Nn]or)\s+(?:[A-Z0-9][\w.+-]*\s*(?:,|\bor\b|\band\b|\bnor\b)\s*){0,4}$/.test(before)) return false;
  const sentenceEnd = text.slice(index).search(/[.;](?:\s|$)/);
  const after = text.slice(index, sentenceEnd < 0 ? undefined : index + sentenceEnd);
  if (/\b(?:was|were|is|are)\s+(?:not|never)\s+(?:included|used|part)\b/i.test(after)) return false;
  return /\b(?:trained|train|fit|fine-tuned|corpus|dataset|training|data)\b/i.test(before) || /^\s*$/.test(before);
}

/**
 * Where the sentence (or `;` clause) holding `index` starts. Separators inside parentheses do not
 * count: in "Netflix Public (9 sources; local extract), BVI-DVC" the clause is the whole list.
 */
function sentenceStartBefore(text: string, index: number): number {
  let depth = 0;
  for (let i = index - 1; i > 0; i--) {
    const c = text[i]!;
    if (c === ")") depth++;
    else if (c === "(") depth = Math.max(0, depth - 1);
    else if (depth === 0 && c === " " && (text[i - 1] === "." || text[i - 1] === ";")) return i - 1;
  }
  return 0;
}

/** Labels the GitHub App applies: does any changed path belong to such an artefact? */
export function artefactFlags(model: RepositoryModel, paths: readonly string[]): { syntheticStub: boolean; nonCommercial: boolean } {
  const changed = new Set(paths);
  let syntheticStub = false;
  let nonCommercial = false;
  const catalogue = datasetCatalogue(model.config);
  for (const artefact of modelArtefacts(model)) {
    const touched = artefact.paths.some((path) => changed.has(path));
    if (!touched) continue;
    if (!syntheticStub && (syntheticEvidence(artefact).length > 0 || artefact.cards.some((c) => c.synthetic))) syntheticStub = true;
    if (!nonCommercial && traceNonCommercialTraining(artefact, model, catalogue).length > 0) nonCommercial = true;
    if (syntheticStub && nonCommercial) break;
  }
  return { syntheticStub, nonCommercial };
}
