// MINIMAL STAND-IN, to be replaced by `artefactFlags` from src/core/labels.ts (owned by another
// engineer) once it lands: same signature, so the swap is one import. It reads only the flags the
// document models already carry; the real one also follows the dataset catalogue.
import type { RepositoryModel } from "../core/model/repository.js";

export interface ArtefactFlags {
  /** A touched artefact was trained on synthetic data: label `synthetic-stub`. */
  syntheticStub: boolean;
  /** A touched artefact is for non-commercial use only: label `non-commercial`. */
  nonCommercial: boolean;
}

/** Flags of the artefacts among `paths` (the pull request's changed paths), read from the head model. */
export function artefactFlags(model: RepositoryModel, paths: readonly string[]): ArtefactFlags {
  const touched = new Set(paths);
  const sidecars = model.sidecars.filter((sidecar) => touched.has(sidecar.path));
  const cards = model.cards.filter((card) => touched.has(card.path));
  return {
    syntheticStub: sidecars.some((sidecar) => sidecar.synthetic) || cards.some((card) => card.synthetic),
    nonCommercial: cards.some((card) => card.nonCommercialLabel !== null),
  };
}
