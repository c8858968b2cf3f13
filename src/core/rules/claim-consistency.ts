// claim-consistency: a LOSO figure a digest quotes for a model (a table's mean PLCC, a verdict's
// PLCC) must agree with the model's own sidecar or card at the digest's printed precision: the
// sidecar value is rounded to the digest's decimals before comparing, so honest rounding passes.
import * as z from "zod";
import type { CardDocument } from "../model/card.js";
import type { PrintedNumber } from "../model/located.js";
import { evidenceContext, relatedAt, where, type EvidenceContext, type Figure, type ModelArtefact } from "../evidence/index.js";
import { printedFigure } from "../evidence/loso.js";
import { defineRule } from "./rule.js";

export const ClaimConsistencyOptions = z.object({}).strict();
export type ClaimConsistencyOptions = z.infer<typeof ClaimConsistencyOptions>;

export const claimConsistency = defineRule<ClaimConsistencyOptions>({
  id: "claim-consistency",
  defaultSeverity: "warning",
  description: "A number a digest quotes for a model disagrees with the model's sidecar or card at the digest's printed precision.",
  messages: {
    mismatch: "Unexpected {what} `{printed}` for `{model}`, expected `{expected}` from {source}",
  },
  options: ClaimConsistencyOptions,
  check({ model, report }) {
    const context = evidenceContext(model);
    for (const digest of model.digests) {
      const claims: Array<{ what: string; number: PrintedNumber; modelIds: string[] }> = [];
      for (const table of digest.losoTables) {
        const meanRow = table.summaries.find((summary) => summary.kind === "mean" && summary.values.plcc);
        if (meanRow?.values.plcc) claims.push({ what: "LOSO mean PLCC", number: meanRow.values.plcc, modelIds: table.modelIds });
      }
      for (const verdict of digest.verdicts) {
        if (verdict.plcc) claims.push({ what: "verdict PLCC", number: verdict.plcc, modelIds: verdict.modelIds });
      }
      for (const claim of claims) {
        for (const id of new Set(claim.modelIds)) {
          const artefact = context.byId.get(id);
          if (!artefact) continue;
          const claimed = printedFigure(claim.number, digest.path);
          for (const reference of referenceFigures(context, artefact)) {
            const expected = reference.figure.value.toFixed(claimed.decimals ?? 4);
            if (Number(expected) === Number(claim.number.value.toFixed(claimed.decimals ?? 4))) continue;
            report({
              messageId: "mismatch",
              data: { what: claim.what, printed: claim.number.text.replace(/\*/g, ""), model: id, expected, source: `\`${reference.label}\`` },
              file: digest.path,
              line: claim.number.line,
              column: claim.number.column,
              related: [relatedAt(reference.figure.source, `\`${reference.label}\` = ${reference.figure.text}`)],
              details: [
                `Claim: ${claim.what} ${claim.number.text} for \`${id}\` at ${where(claimed.source)} (printed with ${claimed.decimals} decimals)`,
                `Reference: ${reference.label} = ${reference.figure.text} at ${where(reference.figure.source)}`,
                `Rounded to ${claimed.decimals} decimals the reference reads ${expected}, not ${claim.number.value.toFixed(claimed.decimals ?? 4)}`,
              ].join("\n"),
            });
            break;
          }
        }
      }
    }
  },
});

/** The LOSO mean PLCC the model's own sidecar or card states. In-sample figures never count. */
function referenceFigures(context: EvidenceContext, artefact: ModelArtefact): Array<{ label: string; figure: Figure }> {
  const out: Array<{ label: string; figure: Figure }> = [];
  const sidecarMean = context.losoEvidence(artefact).find((item) => item.kind === "sidecar-mean" || item.kind === "sidecar-folds");
  if (sidecarMean) out.push({ label: sidecarMean.mean.source.field ? `${sidecarMean.mean.source.file} ${sidecarMean.mean.source.field}` : sidecarMean.mean.source.file, figure: sidecarMean.mean });
  for (const card of artefact.cards) {
    const metric = cardLosoMetric(card);
    if (metric) out.push({ label: `${card.path} ${metric.name}`, figure: printedFigure(metric.number, card.path) });
  }
  return out;
}

/** A card metric that is explicitly the LOSO mean PLCC (`LOSO PLCC`, `mean LOSO PLCC`). */
function cardLosoMetric(card: CardDocument): { name: string; number: PrintedNumber } | null {
  for (const [name, number] of Object.entries(card.metrics)) {
    if (/plcc/.test(name) && /loso/.test(name) && !/in[- _]?sample|min|max|std/.test(name)) return { name, number };
  }
  return null;
}
