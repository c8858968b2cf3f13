// ship-gate-loso: a production model in gate scope must show a LOSO mean PLCC at or above the
// threshold (ADR-0235 of the governed repository: 0.95). A model with no LOSO evidence at all —
// for instance a sidecar that states only `in_sample_*` figures — fails the gate too; evidence
// found only in prose is reported as a notice pointing at the sentence.
import {
  ShipGateOptions,
  describeEvidence,
  describeProduction,
  describeScope,
  evidenceContext,
  formatPlcc,
  inGateScope,
  inSampleFigures,
  relatedAt,
  showFigure,
  where,
  type LosoEvidence,
  type ModelArtefact,
} from "../evidence/index.js";
import { defineRule } from "./rule.js";

export const shipGateLoso = defineRule<ShipGateOptions>({
  id: "ship-gate-loso",
  defaultSeverity: "error",
  description: "A production model in gate scope has a LOSO mean PLCC below the threshold, or no LOSO evidence at all.",
  messages: {
    belowThreshold: "Unexpected LOSO mean PLCC `{figure}` for production model `{model}`, expected at least `{threshold}`",
    inSampleOnly:
      "Unexpected in-sample-only evidence for production model `{model}` (`{field}` = `{figure}`), expected a LOSO mean PLCC of at least `{threshold}`",
    sidecarInSampleOnly:
      "Unexpected in-sample-only sidecar figure `{field}` = `{figure}` for production model `{model}`, expected structured LOSO fields (its LOSO mean `{loso}` comes from `{where}`, not from the sidecar)",
    noEvidence: "Missing LOSO evidence for production model `{model}`, expected a LOSO mean PLCC of at least `{threshold}`",
    proseOnly:
      "Unexpected prose-only LOSO evidence `{figure}` for `{model}`, expected a structured sidecar field or digest LOSO table (threshold `{threshold}`)",
  },
  options: ShipGateOptions,
  check({ model, options, report }) {
    const context = evidenceContext(model);
    for (const artefact of context.artefacts) {
      if (!artefact.production || !inGateScope(artefact, options.scope)) continue;
      const evidence = context.losoEvidence(artefact);
      const structured = evidence.filter((item) => item.structured);
      const prose = evidence.filter((item) => !item.structured);
      const threshold = String(options.threshold);
      const details = (verdict: string): string => evidenceChain(artefact, evidence, options, verdict, inSampleFigures(artefact, context.locator));
      const productionRelated = artefact.productionBasis.map((basis) => relatedAt(basis.source, `production: ${basis.text}`));

      const primary = structured[0];
      if (primary) {
        if (primary.mean.value >= options.threshold) {
          // The gate passes on a digest or verdict file, but the artefact that ships states only
          // in-sample fit: worth a notice so the sidecar gains its LOSO fields.
          const inSample = inSampleFigures(artefact, context.locator)[0];
          const fromSidecar = structured.some((item) => item.kind.startsWith("sidecar-"));
          if (inSample && !fromSidecar) {
            report({
              messageId: "sidecarInSampleOnly",
              data: { field: inSample.field, figure: formatPlcc(inSample.figure.value), model: artefact.id, loso: showFigure(primary.mean), where: `${primary.mean.source.file}:${primary.mean.source.line}` },
              file: inSample.figure.source.file,
              line: inSample.figure.source.line,
              column: inSample.figure.source.column,
              related: [relatedAt(primary.mean.source, `LOSO mean PLCC \`${showFigure(primary.mean)}\` (${primary.basis})`), ...productionRelated],
              details: details(`PASS on ${primary.kind} evidence (${showFigure(primary.mean)} >= ${threshold}); the sidecar itself states only in-sample figures`),
              severity: "notice",
            });
          }
          continue;
        }
        report({
          messageId: "belowThreshold",
          data: { figure: showFigure(primary.mean), model: artefact.id, threshold },
          file: primary.mean.source.file,
          line: primary.mean.source.line,
          column: primary.mean.source.column,
          related: [...productionRelated, ...structured.slice(1).map((item) => relatedAt(item.mean.source, `also states \`${showFigure(item.mean)}\``))],
          details: details(`FAIL: ${showFigure(primary.mean)} < ${threshold}`),
        });
        continue;
      }
      const hint = prose[0];
      if (hint) {
        const comparison = hint.mean.value >= options.threshold ? ">=" : "<";
        report({
          messageId: "proseOnly",
          data: { figure: showFigure(hint.mean), model: artefact.id, threshold },
          file: hint.mean.source.file,
          line: hint.mean.source.line,
          column: hint.mean.source.column,
          related: [relatedAt(artefact.anchor, `model \`${artefact.id}\``), ...prose.slice(1).map((item) => relatedAt(item.mean.source, `also states \`${showFigure(item.mean)}\` in prose`))],
          details: details(`UNVERIFIED: the prose figure ${showFigure(hint.mean)} ${comparison} ${threshold}, but no structured evidence backs it`),
          severity: "notice",
        });
        continue;
      }
      const inSample = inSampleFigures(artefact, context.locator)[0];
      if (inSample) {
        report({
          messageId: "inSampleOnly",
          data: { model: artefact.id, field: inSample.field, figure: formatPlcc(inSample.figure.value), threshold },
          file: inSample.figure.source.file,
          line: inSample.figure.source.line,
          column: inSample.figure.source.column,
          related: productionRelated,
          details: details("FAIL: no LOSO evidence; in-sample figures measure fit, not generalisation"),
        });
        continue;
      }
      report({
        messageId: "noEvidence",
        data: { model: artefact.id, threshold },
        file: artefact.anchor.file,
        line: artefact.anchor.line,
        column: artefact.anchor.column,
        related: productionRelated,
        details: details("FAIL: no LOSO evidence in the sidecar, in any verdict file, in any digest or in prose"),
      });
    }
  },
});

function evidenceChain(
  artefact: ModelArtefact,
  evidence: LosoEvidence[],
  options: ShipGateOptions,
  verdict: string,
  inSample: ReturnType<typeof inSampleFigures>,
): string {
  const lines = [
    `Gate: LOSO mean PLCC >= ${options.threshold} (option \`threshold\` of ship-gate-loso; the default follows ADR-0235)`,
    `Scope: ${describeScope(options.scope)}`,
    ...describeProduction(artefact),
    "Evidence, strongest first:",
    ...(evidence.length ? evidence.map((item, index) => `  ${index + 1}. ${describeEvidence(item)}`) : ["  (none)"]),
  ];
  if (inSample.length) {
    lines.push("In-sample figures (not LOSO evidence):");
    for (const item of inSample) lines.push(`  - \`${item.field}\` = ${formatPlcc(item.figure.value)} at ${where(item.figure.source)}`);
  }
  lines.push(`Verdict: ${verdict}`);
  return lines.join("\n");
}
