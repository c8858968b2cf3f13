// non-commercial-label: weights derived from a dataset whose terms forbid commercial use inherit
// that restriction. Users find out from the registry entry (what loaders and release tooling read)
// and the card (what people read), so both must say "non-commercial".
import * as z from "zod";
import { datasetCatalogue } from "../model/datasets.js";
import { registryPosition } from "../model/registry.js";
import { traceNonCommercialTraining } from "../labels.js";
import { modelArtefacts } from "../model/artefacts.js";
import { defineRule } from "./rule.js";

/**
 * A registry `license` that excludes commercial use: a non-commercial licence or research-only
 * terms (`LicenseRef-BVI-DVC-research-only`, `research use only`).
 */
const NON_COMMERCIAL_LABEL =
  /non[- ]?commercial|\bCC[- ]BY-NC\b|\bBY-NC\b|research[- ](?:use[- ])?only|academic[- ](?:research[- ])?(?:use[- ])?only|free[- ]for[- ]academic|\bnot (?:for|licensed for) commercial\b/i;

export const nonCommercialLabel = defineRule({
  id: "non-commercial-label",
  defaultSeverity: "error",
  description: "An artefact trained on a non-commercial dataset is not labelled non-commercial in its registry entry and card.",
  messages: {
    registry:
      "Unexpected licence `{license}` for `{model}` in the registry, expected a non-commercial label because it was trained on `{dataset}` (`{datasetLicense}`)",
    card: "Unexpected card of `{model}` without a non-commercial label, expected one because it was trained on `{dataset}` (`{datasetLicense}`)",
    unlabelled:
      "Unexpected artefact `{model}` without a registry entry or card that labels it non-commercial, expected one because it was trained on `{dataset}` (`{datasetLicense}`)",
  },
  options: z.object({}).strict(),
  check({ model, report }) {
    const catalogue = datasetCatalogue(model.config);
    for (const artefact of modelArtefacts(model)) {
      const traces = traceNonCommercialTraining(artefact, model, catalogue);
      if (traces.length === 0) continue;
      const trace = traces[0]!;
      const data = { model: artefact.id, dataset: trace.dataset.name, datasetLicense: trace.dataset.license };
      const related = [trace.evidence, ...traces.slice(1).map((t) => t.evidence)];
      const details = [
        `Training data traced to non-commercial datasets:`,
        ...traces.map((t) => `- ${t.dataset.name} (${t.dataset.license}, per ${t.dataset.source}): ${t.evidence.file}:${t.evidence.line}: ${t.evidence.message}`),
      ].join("\n");
      const registry = model.registry;
      if (artefact.registry && registry) {
        const entry = artefact.registry.entry;
        // The dataset's own licence id (the one this message names) labels the entry too.
        const license = entry.license ?? "";
        const labelled = NON_COMMERCIAL_LABEL.test(license) || traces.some((t) => license.toLowerCase().includes(t.dataset.license.toLowerCase()));
        if (!labelled) {
          const at = registryPosition(registry, artefact.registry.index, entry.license === undefined ? undefined : "license");
          report({ messageId: "registry", data: { ...data, license: entry.license ?? "(none)" }, file: registry.path, ...at, related, details });
        }
      }
      for (const card of artefact.cards) {
        if (card.nonCommercialLabel) continue;
        const licenseRow = card.licenses[0];
        report({ messageId: "card", data, file: card.path, line: licenseRow?.line ?? 1, column: licenseRow?.column ?? 1, related, details });
      }
      if (!artefact.registry && artefact.cards.length === 0) {
        report({ messageId: "unlabelled", data, file: trace.evidence.file, line: trace.evidence.line, column: trace.evidence.column, related: related.slice(1), details });
      }
    }
  },
});
