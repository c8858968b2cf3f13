// What the label rules and the GitHub App's labels read off an artefact (see `model/artefacts.ts`
// for the join): what marks it synthetic-stub, what says it was trained on a real corpus, and which
// non-commercial datasets its training data traces to.
import type { DatasetEntry } from "./config.js";
import type { CardDocument } from "./model/card.js";
import { modelArtefacts, type Artefact } from "./model/artefacts.js";
import { datasetCatalogue, type DatasetCatalogue } from "./model/datasets.js";
import { registryPosition } from "./model/registry.js";
import { resolveLink } from "./model/adr-references.js";
import type { MarkdownFacts } from "./model/markdown-facts.js";
import { findModelIds } from "./model/model-ids.js";
import { blockPosition } from "./model/prose-blocks.js";
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
 * and sidecar notes, the card's training-data fields and sections, and the ADRs and digests those
 * cite where they say what this model was trained on. None for a synthetic stub.
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
  const ownCards = artefact.cards.filter((c) => cardDescribes(c, artefact.id));
  for (const card of ownCards) {
    for (const line of card.trainingText) consider(`trained on ${line.value}`, { file: card.path, line: line.line, column: line.column }, "card");
  }
  for (const trace of citedTraining(artefact, ownCards, model, catalogue)) {
    if (seen.has(trace.dataset.name)) continue;
    seen.add(trace.dataset.name);
    traces.push(trace);
  }
  return traces;
}

/** A training verb governing what follows it in the clause: `trained from scratch on DUTS-TR`. */
const TRAINED_ON_CLAUSE = /\b(?:trained|fit|fine-tuned)\b[^.;]*\bon\b[^.;]*$/i;
/** A clause that asks or supposes rather than states: `whether it could be trained on CHUG`. */
const HYPOTHETICAL = /\b(?:whether|if|could|might|would)\b/i;

/**
 * Non-commercial datasets that the ADRs and digests the artefact's own documents cite (its cards'
 * ADR references and links, `ADR-NNNN` and `Research-NNNN` in its registry and sidecar notes) name
 * as its training data. Only a passage about this model counts: one whose first model id is the
 * artefact's, with no other model named in the clause before the dataset, and a training verb
 * governing the dataset there. An ADR that records why a successor was trained on something else,
 * or that names the artefact as the contract a new model keeps, says nothing about its own data.
 */
function citedTraining(artefact: Artefact, ownCards: readonly CardDocument[], model: RepositoryModel, catalogue: DatasetCatalogue): NonCommercialTrace[] {
  const traces: NonCommercialTrace[] = [];
  const facts = factsByPath(model);
  for (const cited of citedDocuments(artefact, ownCards, model)) {
    for (const block of facts.get(cited.path)?.trainingBlocks ?? []) {
      if (findModelIds(block.text)[0] !== artefact.id) continue;
      for (const mention of catalogue.mentions(block.text)) {
        if (!mention.dataset.nonCommercial) continue;
        const clause = block.text.slice(sentenceStartBefore(block.text, mention.index), mention.index).replace(/^[.;]\s*/, "");
        if (!TRAINED_ON_CLAUSE.test(clause) || HYPOTHETICAL.test(clause) || findModelIds(clause).some((id) => id !== artefact.id)) continue;
        if (!soundsLikeTrainingData(block.text, mention.index)) continue;
        const named = block.text.slice(mention.index, mention.index + mention.length);
        traces.push({
          dataset: mention.dataset,
          evidence: { file: cited.path, ...blockPosition(block, mention.index), message: `${cited.via} cites this document, which names \`${named}\` as training data` },
        });
      }
    }
  }
  return traces;
}

/** The ADRs and digests the artefact's own documents cite, each with where the first citation is. */
function citedDocuments(artefact: Artefact, ownCards: readonly CardDocument[], model: RepositoryModel): Array<{ path: string; via: string }> {
  const { adrs, digests, known } = documentIndex(model);
  const cited = new Map<string, string>();
  const cite = (path: string | null | undefined, via: string): void => {
    if (path && known.has(path) && !cited.has(path)) cited.set(path, via);
  };
  const facts = factsByPath(model);
  for (const card of ownCards) {
    for (const reference of facts.get(card.path)?.adrReferences ?? []) {
      cite(reference.resolved ?? adrs.get(reference.number), `\`${card.path}:${reference.line}\``);
    }
    const directory = card.path.includes("/") ? card.path.slice(0, card.path.lastIndexOf("/")) : "";
    for (const link of card.links) cite(resolveLink(directory, link.value), `\`${card.path}:${link.line}\``);
  }
  const notes: Array<[string | undefined, string]> = [
    [artefact.registry?.entry.notes, "the registry entry's `notes`"],
    ...artefact.sidecars.map((sidecar): [string | undefined, string] => [typeof sidecar.sidecar?.notes === "string" ? sidecar.sidecar.notes : undefined, `\`${sidecar.path}\` \`notes\``]),
  ];
  for (const [text, via] of notes) {
    if (!text) continue;
    for (const match of text.matchAll(/\b(ADR|Research)[-\u2010\u2011](\d{3,5})\b/g)) {
      cite((match[1] === "ADR" ? adrs : digests).get(Number(match[2])), via);
    }
  }
  return [...cited].map(([path, via]) => ({ path, via }));
}

interface DocumentIndex {
  adrs: Map<number, string>;
  digests: Map<number, string>;
  /** Every ADR and digest path. */
  known: Set<string>;
}

const indexMemo = new WeakMap<RepositoryModel, DocumentIndex>();

/** ADR and digest paths by number; memoised per model, since every artefact looks them up. */
function documentIndex(model: RepositoryModel): DocumentIndex {
  let index = indexMemo.get(model);
  if (!index) {
    const adrs = new Map(model.adrs.flatMap((adr) => (adr.number === null ? [] : [[adr.number, adr.path] as const])));
    const digests = new Map(model.digests.flatMap((digest) => (digest.number === null ? [] : [[digest.number, digest.path] as const])));
    index = { adrs, digests, known: new Set([...model.adrs.map((adr) => adr.path), ...model.digests.map((digest) => digest.path)]) };
    indexMemo.set(model, index);
  }
  return index;
}

const factsMemo = new WeakMap<RepositoryModel, Map<string, MarkdownFacts>>();

function factsByPath(model: RepositoryModel): Map<string, MarkdownFacts> {
  let byPath = factsMemo.get(model);
  if (!byPath) {
    byPath = new Map(model.markdown.map((facts) => [facts.path, facts]));
    factsMemo.set(model, byPath);
  }
  return byPath;
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
