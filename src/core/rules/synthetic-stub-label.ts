// synthetic-stub-label: an artefact trained on synthetic data must say so in its card with the
// synthetic-stub warning banner, and a card whose artefact was trained on a real corpus must not
// carry the banner. Both directions matter: a missing banner lets a stub pass for evidence, a stale
// banner hides a real model from discovery reports.
import * as z from "zod";
import { realCorpusEvidence, syntheticEvidence } from "../labels.js";
import { modelArtefacts } from "../model/artefacts.js";
import { defineRule } from "./rule.js";

export const syntheticStubLabel = defineRule({
  id: "synthetic-stub-label",
  defaultSeverity: "error",
  description: "An artefact trained on synthetic data lacks the synthetic-stub banner in its card, or a real-corpus card carries it.",
  messages: {
    missingBanner:
      "Unexpected card without a synthetic-stub warning banner for `{model}`, expected one because {evidence} says it was trained on synthetic data",
    staleBanner:
      "Unexpected synthetic-stub banner on the card of `{model}`, expected none because {evidence} says it was trained on a real corpus",
  },
  options: z.object({}).strict(),
  check({ model, report }) {
    for (const artefact of modelArtefacts(model)) {
      if (artefact.cards.length === 0) continue;
      const synthetic = syntheticEvidence(artefact);
      const bannered = artefact.cards.filter((card) => card.syntheticBanner !== null);
      if (synthetic.length > 0 && bannered.length === 0) {
        const first = synthetic[0]!;
        for (const card of artefact.cards) {
          const at = card.corpusKind ?? { line: 1, column: 1 };
          report({
            messageId: "missingBanner",
            data: { model: artefact.id, evidence: `${first.message} (\`${first.file}:${first.line}\`)` },
            file: card.path,
            line: at.line,
            column: at.column,
            related: synthetic.filter((e) => e.file !== card.path || e.line !== at.line),
            details: evidenceChain(synthetic),
          });
        }
        continue;
      }
      if (synthetic.length > 0) continue;
      const real = realCorpusEvidence(artefact, model);
      if (real.length === 0) continue;
      const first = real[0]!;
      for (const card of bannered) {
        const banner = card.syntheticBanner!;
        report({
          messageId: "staleBanner",
          data: { model: artefact.id, evidence: `${first.message} (\`${first.file}:${first.line}\`)` },
          file: card.path,
          line: banner.line,
          column: banner.column,
          related: real,
          details: `${evidenceChain(real)}\nBanner: ${truncate(banner.value, 240)}`,
        });
      }
    }
  },
});

function evidenceChain(evidence: ReadonlyArray<{ file: string; line: number; message: string }>): string {
  return ["Evidence:", ...evidence.map((e) => `- ${e.file}:${e.line}: ${e.message}`)].join("\n");
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
