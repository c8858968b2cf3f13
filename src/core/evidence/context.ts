// Everything the gate rules share, built once per repository model: the JSON locator, the joined
// model artefacts and the verdict files. Four rules read it, so it is memoised per model.
import { isVerdictFile } from "../model/artefacts.js";
import type { RepositoryModel } from "../model/repository.js";
import type { SidecarDocument } from "../model/sidecar.js";
import { collectArtefacts } from "./artefacts.js";
import { JsonLocator, stringAt, valueAt } from "./json-fields.js";
import { resolveLosoEvidence } from "./loso.js";
import type { LosoEvidence, ModelArtefact } from "./types.js";

export interface EvidenceContext {
  model: RepositoryModel;
  locator: JsonLocator;
  artefacts: ModelArtefact[];
  byId: Map<string, ModelArtefact>;
  /** `*_PROMOTE.json` style verdict files. */
  verdictFiles: SidecarDocument[];
  /** Every model id and ensemble id, for telling which model a verdict file judges. */
  knownIds: string[];
  /** ADR numbers the model's sidecar and registry entry cite. */
  citedAdrs(artefact: ModelArtefact): Set<number>;
  /** Memoised `resolveLosoEvidence`. */
  losoEvidence(artefact: ModelArtefact): LosoEvidence[];
}

const contexts = new WeakMap<RepositoryModel, EvidenceContext>();

export function evidenceContext(model: RepositoryModel): EvidenceContext {
  let context = contexts.get(model);
  if (!context) {
    context = buildContext(model);
    contexts.set(model, context);
  }
  return context;
}

function buildContext(model: RepositoryModel): EvidenceContext {
  // Documents, not their locations: a cached extraction decodes `locations` only when read, and
  // most runs cite a few sidecars' fields, not all of them.
  const knownDocuments = new Map<string, { locations: SidecarDocument["locations"] }>(model.sidecars.map((sidecar) => [sidecar.path, sidecar]));
  if (model.registry) knownDocuments.set(model.registry.path, model.registry);
  const locator = new JsonLocator(
    (path) => model.snapshot.read(path),
    (path) => knownDocuments.get(path)?.locations,
  );
  const artefacts = collectArtefacts(model, locator);
  const byId = new Map<string, ModelArtefact>();
  for (const artefact of artefacts) if (!byId.has(artefact.id)) byId.set(artefact.id, artefact);
  const verdictFiles = model.sidecars.filter((sidecar) => sidecar.data !== null && typeof sidecar.data === "object" && isVerdictFile(sidecar));
  const knownIds = [...new Set(artefacts.flatMap((artefact) => [artefact.id, stringAt(artefact.sidecar?.data, ["ensemble_id"])]).filter((id): id is string => id !== undefined))];
  const cited = new Map<ModelArtefact, Set<number>>();
  const evidence = new Map<ModelArtefact, LosoEvidence[]>();
  const context: EvidenceContext = {
    model,
    locator,
    artefacts,
    byId,
    verdictFiles,
    knownIds,
    citedAdrs(artefact) {
      let numbers = cited.get(artefact);
      if (!numbers) {
        numbers = adrNumbersCitedBy(artefact);
        cited.set(artefact, numbers);
      }
      return numbers;
    },
    losoEvidence(artefact) {
      let found = evidence.get(artefact);
      if (!found) {
        found = resolveLosoEvidence(context, artefact);
        evidence.set(artefact, found);
      }
      return found;
    },
  };
  return context;
}

function adrNumbersCitedBy(artefact: ModelArtefact): Set<number> {
  const texts: string[] = [];
  if (artefact.registryEntry?.notes) texts.push(artefact.registryEntry.notes);
  const data = artefact.sidecar?.data;
  for (const key of ["notes", "adr", "parent_adr", "description"]) {
    const text = stringAt(data, [key]);
    if (text) texts.push(/^\d{3,5}$/.test(text) ? `ADR-${text}` : text);
  }
  const parents = valueAt(data, ["parent_adrs"]);
  if (Array.isArray(parents)) for (const parent of parents) if (typeof parent === "string") texts.push(parent);
  const numbers = new Set<number>();
  for (const text of texts) for (const match of text.matchAll(/ADR[-\s]?(\d{3,5})/gi)) numbers.add(Number(match[1]));
  return numbers;
}
