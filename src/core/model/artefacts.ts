// One record per model, joining its registry entry, sidecars and cards. The label rules, the ship
// gates, `explain` and the GitHub App's labels all read these records, so the join lives here once
// and is computed once per repository model.
//
// Joins: a sidecar belongs to a registry entry by id, by its `onnx` field naming the entry's ONNX
// file, or by sitting beside that file (`foo.onnx` <-> `foo.json`), because several real sidecars
// carry no `id`. A card belongs to every artefact it names: by a note that points at it (`See
// docs/ai/models/x.md`), by its file name (`x_card.md`, `docs/ai/models/x.md`) or by an id it names
// for itself, matched against artefact ids and sidecar/ONNX file names.
import type { CardDocument } from "./card.js";
import type { LocatedRegistryEntry } from "./registry.js";
import type { RepositoryModel } from "./repository.js";
import type { SidecarDocument } from "./sidecar.js";

export interface Artefact {
  /** Registry id, else sidecar id, else the card's model id (or path). */
  id: string;
  registry: LocatedRegistryEntry | null;
  /** Model sidecars, in path order; verdict files are not model sidecars (see `isVerdictFile`). */
  sidecars: SidecarDocument[];
  cards: CardDocument[];
  /** Every path that belongs to the artefact: registry file, ONNX files, sidecars and cards. */
  paths: string[];
}

/** A `*_PROMOTE.json` style verdict file: a verdict about other artefacts, not a model itself. */
export function isVerdictFile(sidecar: SidecarDocument): boolean {
  if (/_PROMOTE\.json$/i.test(sidecar.path)) return true;
  const data = sidecar.data as Record<string, unknown> | null;
  return typeof data?.verdict === "string" && data.gate !== undefined && data.id === undefined;
}

/** A sidecar that describes a model: a JSON object that is not a verdict file. */
export function isModelSidecar(sidecar: SidecarDocument): boolean {
  return sidecar.data !== null && typeof sidecar.data === "object" && !Array.isArray(sidecar.data) && !isVerdictFile(sidecar);
}

const joined = new WeakMap<RepositoryModel, Artefact[]>();

/** Every artefact the repository describes, registry entries first. Memoised per model: rules run independently. */
export function modelArtefacts(model: RepositoryModel): Artefact[] {
  let artefacts = joined.get(model);
  if (!artefacts) {
    artefacts = joinArtefacts(model);
    joined.set(model, artefacts);
  }
  return artefacts;
}

function joinArtefacts(model: RepositoryModel): Artefact[] {
  const artefacts: Artefact[] = [];
  const byKey = new Map<string, Artefact>();
  const remember = (artefact: Artefact, key: string | null | undefined): void => {
    if (key && !byKey.has(key)) byKey.set(key, artefact);
  };
  const registryDir = model.registry ? dirname(model.registry.path) : "";

  for (const located of model.registry?.entries ?? []) {
    const id = located.entry.id;
    if (!id) continue;
    const onnxPath = located.entry.onnx ? joinPath(registryDir, located.entry.onnx) : null;
    const artefact: Artefact = { id, registry: located, sidecars: [], cards: [], paths: [model.registry!.path] };
    if (onnxPath) artefact.paths.push(onnxPath);
    artefacts.push(artefact);
    remember(artefact, id);
    remember(artefact, onnxPath ? `onnx:${stripExt(onnxPath)}` : null);
  }

  for (const sidecar of model.sidecars) {
    if (!isModelSidecar(sidecar)) continue;
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

  const attached = new Set<string>();
  const attach = (artefact: Artefact, card: CardDocument): void => {
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
        const card = model.cards.find((c) => c.path.endsWith(match[0].replace(/^(\.\.\/)+/, "")));
        if (card) attach(artefact, card);
      }
    }
  }
  const joinedArtefacts = artefacts.slice();
  for (const card of model.cards) {
    const keys = [card.modelId, ...card.aliases].filter((k): k is string => !!k);
    // The first artefact a key names owns the card; any other artefact whose id the card names
    // shares it (a card written for a model and its int8 twin, say).
    const first = keys.map((k) => byKey.get(k) ?? byKey.get(`base:${k}`)).find((a) => a !== undefined);
    if (first) attach(first, card);
    for (const artefact of joinedArtefacts) if (artefact !== first && keys.includes(artefact.id)) attach(artefact, card);
    if (!attached.has(card.path)) {
      artefacts.push({ id: card.modelId ?? card.path, registry: null, sidecars: [], cards: [card], paths: [card.path] });
      attached.add(card.path);
    }
  }
  return artefacts;
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
