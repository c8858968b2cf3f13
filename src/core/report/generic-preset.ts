// The `generic` preset: for repositories without the VMAF layout, one row per sidecar and one per
// model card, with whatever evidence each states. Same title and table style as the VMAF preset so
// readers and diffReportRows treat both alike.
import type { GovernanceConfig } from "../config.js";
import type { RepositorySnapshot } from "../types.js";
import { extractBoldField, extractMetricText, parseDecimalText, SYNTHETIC_BANNER } from "./card-fields.js";
import { governedPathsOfKind, summarizeSidecars, tableCell } from "./governed-files.js";
import { markdownTable } from "./markdown-table.js";
import { formatFixed, universalNewlines } from "./python-format.js";

export function renderGenericReport(snapshot: RepositorySnapshot, config: GovernanceConfig): string {
  const sidecarRows = summarizeSidecars(snapshot, config).map((sidecar) => [
    tableCell(sidecar.path),
    tableCell(sidecar.id),
    tableCell(sidecar.kind),
    formatOptional(sidecar.plcc),
    formatOptional(sidecar.srocc),
    formatOptional(sidecar.rmse),
    sidecar.unreadable ? `unreadable: ${tableCell(sidecar.unreadable)}` : sidecar.evidence,
  ]);
  const cardRows = governedPathsOfKind(snapshot, config, "card").map((path) => cardRow(path, snapshot.read(path) ?? ""));
  return [
    "# Training Discovery Report",
    "",
    "Generated from committed model sidecars and model cards.",
    "",
    "## Sidecars",
    "",
    markdownTable(["Sidecar", "Id", "Kind", "PLCC", "SROCC", "RMSE", "Evidence"], sidecarRows),
    "",
    "## Model Cards",
    "",
    markdownTable(["Card", "Corpus", "PLCC", "SROCC", "RMSE", "Synthetic"], cardRows),
    "",
  ].join("\n");
}

function cardRow(path: string, rawText: string): string[] {
  const text = universalNewlines(rawText);
  const metric = (name: string): string => {
    const numberText = extractMetricText(text, name);
    return formatOptional(numberText === undefined ? undefined : parseDecimalText(numberText));
  };
  return [
    tableCell(path),
    tableCell(extractBoldField(text, "Corpus kind") ?? "-"),
    metric("PLCC"),
    metric("SROCC"),
    metric("RMSE"),
    text.includes(SYNTHETIC_BANNER) ? "yes" : "no",
  ];
}

export function formatOptional(value: number | undefined): string {
  return value === undefined ? "-" : formatFixed(value, 4);
}
