// Plain-text pieces of evidence chains. Findings carry these in `details`, and `explain` prints
// them, so a reader can follow every figure back to its file, line and JSON field.
import type { Figure, LosoEvidence, ModelArtefact, SourceRef } from "./types.js";

export function where(source: SourceRef): string {
  return `${source.file}:${source.line}${source.field ? ` (\`${source.field}\`)` : ""}`;
}

/** A figure for messages: as printed when printed, otherwise 4 decimals like the reports. */
export function showFigure(figure: Figure): string {
  return figure.decimals !== null ? figure.text : formatPlcc(figure.value);
}

export function formatPlcc(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(4);
}

export function describeEvidence(evidence: LosoEvidence): string {
  const folds = evidence.folds ? `, ${evidence.folds.length} folds` : "";
  const kind = evidence.structured ? evidence.kind : "prose hint";
  return `LOSO mean PLCC \`${showFigure(evidence.mean)}\` at ${where(evidence.mean.source)} [${kind}${folds}] — ${evidence.basis}`;
}

export function describeProduction(artefact: ModelArtefact): string[] {
  const lines = [`model \`${artefact.id}\`${artefact.kind ? ` (kind \`${artefact.kind}\`)` : ""}: ${artefact.production ? "production" : "not production"}`];
  for (const basis of artefact.productionBasis) lines.push(`  - ${basis.text} at ${where(basis.source)}`);
  return lines;
}

/** Related location in the shape `Finding.related` wants. */
export function relatedAt(source: SourceRef, message: string): { file: string; line: number; column: number; message: string } {
  return { file: source.file, line: source.line, column: source.column, message };
}
