// The vocabulary of evidence: where a figure came from, which model it is about, and how firmly it
// is attached to that model. Every gate finding is built from these, so every finding can cite
// its figure, its threshold and the file, line and JSON field of each.
import type { CardDocument } from "../model/card.js";
import type { SidecarDocument } from "../model/sidecar.js";

/** A place a figure or a fact was read from. `field` names the JSON field when there is one. */
export interface SourceRef {
  file: string;
  line: number;
  column: number;
  field?: string;
}

/** A number with its provenance. `decimals` is the printed precision when it was printed. */
export interface Figure {
  value: number;
  /** As printed (`0.9681`) or as stored (`0.9974702012216462`). */
  text: string;
  decimals: number | null;
  source: SourceRef;
}

export interface FoldValue {
  /** Fold name as written (`FoxBird_25fps`). */
  name: string;
  plcc: number;
  source: SourceRef;
}

export type LosoEvidenceKind =
  | "sidecar-mean"
  | "sidecar-folds"
  | "sidecar-gate"
  | "promote-file"
  | "digest-table"
  | "digest-verdict"
  | "prose";

/** One statement of a model's LOSO mean PLCC. */
export interface LosoEvidence {
  kind: LosoEvidenceKind;
  /** Structured evidence is a sidecar field, a verdict file or a digest table; prose is a hint. */
  structured: boolean;
  mean: Figure;
  folds?: FoldValue[];
  /** Why this source is about the model (`sidecar id`, `digest table names the model`, ...). */
  basis: string;
}

export interface RegistryEntryRef {
  id: string;
  kind: string | null;
  onnx: string | null;
  /** `smoke` as stated; undefined when the entry omits it. */
  smoke: boolean | undefined;
  notes: string | null;
  index: number;
  /** Where the entry starts (its `id` field). */
  source: SourceRef;
  /** Where `smoke` is stated, when it is. */
  smokeSource: SourceRef | null;
}

/** One model as the gates see it: its registry entry, sidecar and cards joined by id. */
export interface ModelArtefact {
  id: string;
  kind: string | null;
  registryEntry: RegistryEntryRef | null;
  sidecar: SidecarDocument | null;
  cards: CardDocument[];
  /** Not a smoke, synthetic or CI-probe artefact. */
  production: boolean;
  /** Each fact that decided `production`, with where it was read. */
  productionBasis: Array<{ text: string; source: SourceRef }>;
  /** Where the artefact says it is codec-aware (`codec_aware: true` or a codec block). */
  codecAware: SourceRef | null;
  /** The most useful place to point a finding about the model as a whole. */
  anchor: SourceRef;
}
