// Evidence behind the ship gates: which models exist and are production, and what LOSO figures
// each has, with where every figure was read. Pure: reads the repository model only.
export { evidenceContext, type EvidenceContext } from "./context.js";
export { collectArtefacts } from "./artefacts.js";
export { isVerdictFile } from "../model/artefacts.js";
export { resolveLosoEvidence, inSampleFigures, proseLosoFigures, sidecarFolds, tableMean, tableFolds, digestTablesFor, mentionsId } from "./loso.js";
export { pairedLift, normaliseFoldName, type PairedLift } from "./paired-lift.js";
export { GateScope, DEFAULT_GATE_SCOPE, ShipGateOptions, idInGateScope, inGateScope, describeScope } from "./scope.js";
export { describeEvidence, describeProduction, formatPlcc, relatedAt, showFigure, where } from "./render.js";
export type { Figure, FoldValue, LosoEvidence, LosoEvidenceKind, ModelArtefact, RegistryEntryRef, SourceRef } from "./types.js";
export { collectStatedVerdicts, holds, outcomeOfWord, statedThreshold, type GateCondition, type StatedVerdict, type Outcome } from "./verdicts.js";
