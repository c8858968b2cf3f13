// Joins the registry, sidecars and cards into one record per model, and decides which models are
// production artefacts. A sidecar joins a registry entry by id or by sitting beside the entry's
// ONNX file (`foo.onnx` <-> `foo.json`), because several real sidecars carry no `id` field.
import { z } from "zod";
import type { RepositoryModel } from "../model/repository.js";
import type { SidecarDocument } from "../model/sidecar.js";
import { booleanAt, stringAt, valueAt, type JsonLocator } from "./json-fields.js";
import type { ModelArtefact, RegistryEntryRef, SourceRef } from "./types.js";

const RegistryEntry = z.looseObject({
  id: z.string().min(1),
  kind: z.string().optional(),
  onnx: z.string().optional(),
  smoke: z.boolean().optional(),
  notes: z.string().optional(),
});

/** Registry entries that carry at least an id; malformed entries are the registry-schema rule's business. */
export function readRegistryEntries(model: RepositoryModel, locator: JsonLocator): RegistryEntryRef[] {
  const registry = model.registry;
  if (!registry) return [];
  const models = valueAt(registry.data, ["models"]);
  if (!Array.isArray(models)) return [];
  const entries: RegistryEntryRef[] = [];
  models.forEach((raw, index) => {
    const parsed = RegistryEntry.safeParse(raw);
    if (!parsed.success) return;
    const entry = parsed.data;
    entries.push({
      id: entry.id,
      kind: entry.kind ?? null,
      onnx: entry.onnx ?? null,
      smoke: entry.smoke,
      notes: entry.notes ?? null,
      index,
      source: locator.ref(registry.path, ["models", index, "id"]),
      smokeSource: entry.smoke === undefined ? null : locator.ref(registry.path, ["models", index, "smoke"]),
    });
  });
  return entries;
}

/** A `*_PROMOTE.json` style verdict file: a verdict about other artefacts, not a model itself. */
export function isVerdictFile(sidecar: SidecarDocument): boolean {
  if (/_PROMOTE\.json$/i.test(sidecar.path)) return true;
  const data = sidecar.data;
  return typeof stringAt(data, ["verdict"]) === "string" && valueAt(data, ["gate"]) !== undefined && valueAt(data, ["id"]) === undefined;
}

/** Where a sidecar says it was trained on synthetic or smoke data, if it does. */
export function syntheticMarkers(sidecar: SidecarDocument, locator: JsonLocator): Array<{ text: string; source: SourceRef }> {
  const markers: Array<{ text: string; source: SourceRef }> = [];
  const data = sidecar.data;
  for (const path of [["smoke"], ["training", "smoke"], ["training_recipe", "smoke"], ["eval", "smoke"]]) {
    if (booleanAt(data, path) === true) markers.push({ text: `sidecar \`${path.join(".")}: true\``, source: locator.ref(sidecar.path, path) });
  }
  for (const path of [["gate", "kind"], ["gate", "gate", "kind"], ["corpus_kind"], ["training", "corpus_kind"]]) {
    const kind = stringAt(data, path);
    if (kind && /synthetic|smoke/i.test(kind)) markers.push({ text: `sidecar \`${path.join(".")}: ${kind}\``, source: locator.ref(sidecar.path, path) });
  }
  // The sidecar model already lists structured synthetic flags; add any this list missed.
  for (const flag of sidecar.syntheticEvidence ?? []) {
    if (markers.some((marker) => marker.source.line === flag.line)) continue;
    markers.push({ text: `sidecar ${flag.reason}`, source: { file: sidecar.path, line: flag.line, column: flag.column, field: flag.pointer.slice(1).replace(/\//g, ".") } });
  }
  if (sidecar.synthetic && markers.length === 0) markers.push({ text: "sidecar marked synthetic", source: locator.ref(sidecar.path, []) });
  return markers;
}

function codecAwareSource(sidecar: SidecarDocument | null, locator: JsonLocator): SourceRef | null {
  if (!sidecar) return null;
  const data = sidecar.data;
  if (booleanAt(data, ["codec_aware"]) === true) return locator.ref(sidecar.path, ["codec_aware"]);
  if (booleanAt(data, ["codec_aware"]) === false) return null;
  for (const key of ["codec_block", "codec_block_layout"]) {
    if (valueAt(data, [key]) !== undefined) return locator.ref(sidecar.path, [key]);
  }
  return null;
}

function dirname(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

function joinPath(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

/** Every model the repository describes, sorted by id. */
export function collectArtefacts(model: RepositoryModel, locator: JsonLocator): ModelArtefact[] {
  const entries = readRegistryEntries(model, locator);
  const registryDir = model.registry ? dirname(model.registry.path) : "";
  const modelSidecars = model.sidecars.filter((sidecar) => sidecar.data !== null && typeof sidecar.data === "object" && !Array.isArray(sidecar.data) && !isVerdictFile(sidecar));
  const byPath = new Map(modelSidecars.map((sidecar) => [sidecar.path, sidecar]));
  const claimed = new Set<string>();
  const artefacts: ModelArtefact[] = [];

  for (const entry of entries) {
    const besideOnnx = entry.onnx ? byPath.get(joinPath(registryDir, entry.onnx.replace(/\.onnx$/i, ".json"))) : undefined;
    const sidecar = modelSidecars.find((candidate) => candidate.id === entry.id && !claimed.has(candidate.path)) ?? (besideOnnx && !claimed.has(besideOnnx.path) ? besideOnnx : undefined) ?? null;
    if (sidecar) claimed.add(sidecar.path);
    artefacts.push(buildArtefact(model, locator, entry.id, entry, sidecar));
  }
  for (const sidecar of modelSidecars) {
    if (claimed.has(sidecar.path)) continue;
    artefacts.push(buildArtefact(model, locator, sidecar.id, null, sidecar));
  }
  return artefacts.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function buildArtefact(
  model: RepositoryModel,
  locator: JsonLocator,
  id: string,
  entry: RegistryEntryRef | null,
  sidecar: SidecarDocument | null,
): ModelArtefact {
  const productionBasis: ModelArtefact["productionBasis"] = [];
  let production = true;
  if (entry) {
    if (entry.smoke === true) {
      production = false;
      productionBasis.push({ text: "registry `smoke: true`", source: entry.smokeSource ?? entry.source });
    } else if (entry.smoke === false) {
      productionBasis.push({ text: "registry `smoke: false`", source: entry.smokeSource ?? entry.source });
    } else {
      productionBasis.push({ text: "registry entry without `smoke` (production by default)", source: entry.source });
    }
  } else if (sidecar) {
    productionBasis.push({ text: "no registry entry; sidecar only", source: locator.ref(sidecar.path, []) });
  }
  if (sidecar) {
    const markers = syntheticMarkers(sidecar, locator);
    if (markers.length) production = false;
    productionBasis.push(...markers);
  }
  const cards = model.cards.filter((card) => card.modelId === id || (card.aliases ?? []).includes(id) || cardStem(card.path) === id || (sidecar !== null && card.path.replace(/(_card)?\.md$/, "") === sidecar.path.replace(/\.json$/, "")));
  const kind = entry?.kind ?? (sidecar ? stringAt(sidecar.data, ["kind"]) ?? null : null);
  const anchor = sidecar
    ? locator.ref(sidecar.path, valueAt(sidecar.data, ["id"]) !== undefined ? ["id"] : [])
    : entry!.source;
  return { id, kind, registryEntry: entry, sidecar, cards, production, productionBasis, codecAware: codecAwareSource(sidecar, locator), anchor };
}

/** `docs/ai/models/fr_regressor_v2.md` -> `fr_regressor_v2`; `model/x_card.md` -> `x`. */
function cardStem(path: string): string {
  return path.replace(/^.*\//, "").replace(/(_card)?\.md$/, "");
}
