// Extended sections, appended after a preset's own sections: what the reference report lacks.
// An inventory of every sidecar (gate status, where its evidence comes from, synthetic flag) and
// a per-fold LOSO PLCC bar chart for each model that records its folds. Charts are Mermaid
// `xychart-beta` blocks, which GitHub renders in Markdown files, comments and job summaries.
import type { GovernanceConfig } from "../config.js";
import type { RepositorySnapshot } from "../types.js";
import { summarizeSidecars, tableCell } from "./governed-files.js";
import { markdownTable } from "./markdown-table.js";
import { formatFixed } from "./python-format.js";
import type { SidecarSummary } from "./sidecar-summary.js";

/** The first extended heading; its presence marks a report as extended. */
export const EXTENDED_MARKER_HEADING = "## Sidecar Inventory";
export const LOSO_CHART_HEADING = "## Per-fold LOSO PLCC";

export function renderExtendedSections(snapshot: RepositorySnapshot, config: GovernanceConfig): string {
  const sidecars = summarizeSidecars(snapshot, config);
  const inventoryRows = sidecars.map((sidecar) => [
    tableCell(sidecar.path),
    tableCell(sidecar.id),
    tableCell(sidecar.kind),
    tableCell(sidecar.gate),
    sidecar.unreadable ? `unreadable: ${tableCell(sidecar.unreadable)}` : evidenceLabel(sidecar),
    sidecar.synthetic ? "yes" : "no",
  ]);
  const charted = sidecars.filter((sidecar) => sidecar.folds.length > 0);
  const parts = [
    EXTENDED_MARKER_HEADING,
    "",
    markdownTable(["Sidecar", "Id", "Kind", "Gate", "Evidence", "Synthetic"], inventoryRows),
    "",
    LOSO_CHART_HEADING,
    "",
  ];
  if (charted.length === 0) parts.push("No sidecar records per-fold LOSO results (`training.loso_folds`).", "");
  for (const sidecar of charted) parts.push(`### ${sidecar.id}`, "", losoChart(sidecar), "");
  return parts.join("\n");
}

function evidenceLabel(sidecar: SidecarSummary): string {
  return sidecar.evidence === "LOSO folds" ? `LOSO folds (${sidecar.folds.length})` : sidecar.evidence;
}

/** A bar per fold; the y axis starts just below the worst fold so differences stay visible. */
export function losoChart(sidecar: SidecarSummary): string {
  const values = sidecar.folds.map((fold) => fold.plcc);
  const lowest = Math.min(...values);
  const highest = Math.max(...values);
  const axisMin = Math.max(0, Math.floor(lowest * 100) / 100 - 0.01);
  const axisMax = highest <= 1 ? 1 : Math.ceil(highest * 100) / 100;
  const labels = sidecar.folds.map((fold) => `"${fold.label.replace(/"/g, "'")}"`).join(", ");
  return [
    "```mermaid",
    "xychart-beta",
    `    title "${sidecar.id.replace(/"/g, "'")} LOSO PLCC per fold"`,
    `    x-axis [${labels}]`,
    `    y-axis "PLCC" ${formatFixed(axisMin, 2)} --> ${formatFixed(axisMax, 2)}`,
    `    bar [${values.map((value) => formatFixed(value, 4)).join(", ")}]`,
    "```",
  ].join("\n");
}
