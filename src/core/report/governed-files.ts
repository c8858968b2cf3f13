// Which files the generic and extended sections cover: the configured sidecars and cards, as the
// engine classifies them (the registry and its schema are not sidecars).
import type { GovernanceConfig } from "../config.js";
import { createClassifier } from "../model/repository.js";
import type { RepositorySnapshot } from "../types.js";
import { summarizeSidecar, type SidecarSummary } from "./sidecar-summary.js";

export function governedPathsOfKind(snapshot: RepositorySnapshot, config: GovernanceConfig, kind: "sidecar" | "card"): string[] {
  const classifier = createClassifier(config);
  return snapshot.paths().filter((path) => classifier.classify(path) === kind);
}

export function summarizeSidecars(snapshot: RepositorySnapshot, config: GovernanceConfig): SidecarSummary[] {
  return governedPathsOfKind(snapshot, config, "sidecar").map((path) => summarizeSidecar(path, snapshot.read(path) ?? ""));
}

/** Table cells must not break the row: escape pipes, fold newlines. */
export function tableCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}
