// The training discovery report: the engine behind `rgov report`. Pure: it reads only the files it
// needs from the snapshot (about twenty for the VMAF preset), so it is cheap enough to run on
// every pull request and inside the discovery-report-stale rule.
import type { GovernanceConfig } from "../config.js";
import type { RepositorySnapshot } from "../types.js";
import { renderExtendedSections } from "./extended.js";
import { renderGenericReport } from "./generic-preset.js";
import { hasVmafLayout, renderVmafReport } from "./vmaf-preset.js";

export type ReportPreset = "vmaf" | "generic";
export type ReportPresetSetting = GovernanceConfig["report"]["preset"];

export interface DiscoveryReportOptions {
  /** Append the sections the reference lacks (sidecar inventory, per-fold LOSO charts). */
  extended?: boolean;
  /** Overrides `config.report.preset`. */
  preset?: ReportPresetSetting;
}

/** `auto` becomes `vmaf` when every file the reference reads unconditionally is present. */
export function resolveReportPreset(snapshot: RepositorySnapshot, setting: ReportPresetSetting): ReportPreset {
  if (setting !== "auto") return setting;
  return hasVmafLayout(snapshot) ? "vmaf" : "generic";
}

/**
 * Render the report. Throws DiscoveryReportError (naming the file and field) when an input the
 * preset needs is missing or malformed.
 */
export function renderDiscoveryReport(
  snapshot: RepositorySnapshot,
  config: GovernanceConfig,
  options: DiscoveryReportOptions = {},
): string {
  const preset = resolveReportPreset(snapshot, options.preset ?? config.report.preset);
  const base = preset === "vmaf" ? renderVmafReport(snapshot) : renderGenericReport(snapshot, config);
  if (!options.extended) return base;
  return `${base}\n${renderExtendedSections(snapshot, config)}`;
}

export { DiscoveryReportError } from "./errors.js";
export { diffReportRows, type ReportRowChange, type SectionRowDiff } from "./diff-rows.js";
export { EXTENDED_MARKER_HEADING } from "./extended.js";
export { hasVmafLayout, VMAF_REQUIRED_FILES } from "./vmaf-preset.js";
