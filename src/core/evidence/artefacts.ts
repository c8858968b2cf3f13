// Which models are production artefacts, as the ship gates judge them. The join of registry,
// sidecars and cards is `model/artefacts.ts`; the gates judge one sidecar at a time, so an artefact
// with several sidecars yields one gate record per sidecar (the registry entry goes with the one
// that carries its id, else the first).
import { modelArtefacts, type Artefact } from "../model/artefacts.js";
import type { LocatedRegistryEntry } from "../model/registry.js";
import type { RepositoryModel } from "../model/repository.js";
import type { SidecarDocument } from "../model/sidecar.js";
import { booleanAt, stringAt, valueAt, type JsonLocator } from "./json-fields.js";
import type { ModelArtefact, RegistryEntryRef, SourceRef } from "./types.js";

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

/** Every model the repository describes (registry entries and model sidecars), sorted by id. */
export function collectArtefacts(model: RepositoryModel, locator: JsonLocator): ModelArtefact[] {
  const artefacts: ModelArtefact[] = [];
  for (const artefact of modelArtefacts(model)) {
    if (!artefact.registry && artefact.sidecars.length === 0) continue;
    const entry = artefact.registry && model.registry ? registryEntryRef(model.registry.path, artefact.registry, locator) : null;
    const primary = artefact.sidecars.find((sidecar) => sidecar.id === artefact.id) ?? artefact.sidecars[0] ?? null;
    artefacts.push(buildArtefact(locator, artefact, artefact.id, entry, primary));
    for (const sidecar of artefact.sidecars) {
      if (sidecar !== primary) artefacts.push(buildArtefact(locator, artefact, sidecar.id, null, sidecar));
    }
  }
  return artefacts.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function registryEntryRef(registryPath: string, located: LocatedRegistryEntry, locator: JsonLocator): RegistryEntryRef {
  const { entry, index } = located;
  return {
    id: entry.id!,
    kind: entry.kind ?? null,
    onnx: entry.onnx ?? null,
    smoke: entry.smoke,
    notes: entry.notes ?? null,
    index,
    source: locator.ref(registryPath, ["models", index, "id"]),
    smokeSource: entry.smoke === undefined ? null : locator.ref(registryPath, ["models", index, "smoke"]),
  };
}

function buildArtefact(
  locator: JsonLocator,
  joined: Artefact,
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
  const kind = entry?.kind ?? (sidecar ? stringAt(sidecar.data, ["kind"]) ?? null : null);
  const anchor = sidecar
    ? locator.ref(sidecar.path, valueAt(sidecar.data, ["id"]) !== undefined ? ["id"] : [])
    : entry!.source;
  return { id, kind, registryEntry: entry, sidecar, cards: joined.cards, production, productionBasis, codecAware: codecAwareSource(sidecar, locator), anchor };
}
