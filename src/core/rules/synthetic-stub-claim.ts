// synthetic-stub-claim: a synthetic-stub model's metrics are high by construction (its target is
// the analytical fallback), so citing one as evidence for a discovery claim is wrong however good
// the numbers look. Claims live in digests' result tables and verdicts and in the committed
// discovery report's real-evidence tables.
import * as z from "zod";
import { realCorpusEvidence, syntheticEvidence, type Evidence } from "../labels.js";
import { modelArtefacts } from "../model/artefacts.js";
import type { RepositoryModel } from "../model/repository.js";
import { splitLines } from "../types.js";
import { defineRule } from "./rule.js";

export const syntheticStubClaim = defineRule({
  id: "synthetic-stub-claim",
  defaultSeverity: "error",
  description: "A discovery claim (a digest result table or verdict, a real-evidence table of the discovery report) cites a synthetic-stub model.",
  messages: {
    digestTable: "Unexpected synthetic-stub model `{model}` in a result table, expected only models trained on a real corpus ({evidence})",
    digestVerdict: "Unexpected synthetic-stub model `{model}` cited by a gate verdict, expected only models trained on a real corpus ({evidence})",
    reportTable: "Unexpected synthetic-stub model `{model}` in the real-evidence table `{section}`, expected it under a synthetic section ({evidence})",
  },
  options: z
    .object({
      /** Headings of the discovery report whose tables are real evidence. */
      realEvidenceSections: z.array(z.string()).default(["Tiny FR Regressors", "Real Hardware Predictor Cards"]),
    })
    .strict(),
  check({ model, options, report }) {
    const synthetic = syntheticModels(model);
    if (synthetic.size === 0) return;
    const describe = (evidence: Evidence[]): string => {
      const first = evidence[0]!;
      return `${first.message} at \`${first.file}:${first.line}\``;
    };
    for (const digest of model.digests) {
      for (const table of digest.losoTables ?? []) {
        // Ids the table is about, and names its caption or heading writes as code (artefacts
        // without a `_vN` in their id, such as `predictor_libx265`, are only found this way).
        for (const id of new Set([...(table.modelIds ?? []), ...(table.mentions ?? [])])) {
          const evidence = synthetic.get(id);
          if (!evidence) continue;
          report({ messageId: "digestTable", data: { model: id, evidence: describe(evidence) }, file: digest.path, line: table.line, column: table.column, related: evidence });
        }
      }
      for (const verdict of digest.verdicts ?? []) {
        for (const id of verdict.modelIds ?? []) {
          const evidence = synthetic.get(id);
          if (!evidence) continue;
          report({ messageId: "digestVerdict", data: { model: id, evidence: describe(evidence) }, file: digest.path, line: verdict.line, column: verdict.column, related: evidence });
        }
      }
    }
    const sections = new Set(options.realEvidenceSections.map((s) => s.toLowerCase()));
    for (const path of model.config.report.committedCopies) {
      const text = model.snapshot.read(path);
      if (text === undefined) continue;
      for (const row of realEvidenceRows(text, sections)) {
        for (const cell of row.cells) {
          const evidence = synthetic.get(cell.text);
          if (!evidence) continue;
          report({
            messageId: "reportTable",
            data: { model: cell.text, section: row.section, evidence: describe(evidence) },
            file: path,
            line: row.line,
            column: cell.column,
            related: evidence,
          });
          break;
        }
      }
    }
  },
});

/** Synthetic artefacts by every name a claim may use: id, card model id and aliases, card path. */
function syntheticModels(model: RepositoryModel): Map<string, Evidence[]> {
  const byName = new Map<string, Evidence[]>();
  for (const artefact of modelArtefacts(model)) {
    const evidence = syntheticEvidence(artefact);
    // A banner alone does not make a model synthetic when its sidecar or registry says it was
    // trained on a real corpus: then the banner is stale (synthetic-stub-label reports that).
    const bannerCounts = evidence.length > 0 || realCorpusEvidence(artefact, model).length === 0;
    for (const card of artefact.cards) {
      if (card.syntheticBanner && bannerCounts) evidence.push({ file: card.path, line: card.syntheticBanner.line, column: card.syntheticBanner.column, message: "card synthetic-stub banner" });
    }
    if (evidence.length === 0) continue;
    const names = [artefact.id, ...artefact.cards.flatMap((c) => [c.modelId, ...c.aliases, c.path])];
    for (const name of names) if (name && !byName.has(name)) byName.set(name, evidence);
  }
  return byName;
}

interface ReportRow {
  section: string;
  line: number;
  cells: Array<{ text: string; column: number }>;
}

/** Body rows of the tables under the given headings of a Markdown report. */
function realEvidenceRows(text: string, sections: ReadonlySet<string>): ReportRow[] {
  const rows: ReportRow[] = [];
  let section: string | null = null;
  let headerSeen = false;
  splitLines(text).forEach((raw, index) => {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(raw);
    if (heading) {
      section = sections.has(heading[1]!.toLowerCase()) ? heading[1]! : null;
      headerSeen = false;
      return;
    }
    if (!section || !raw.trimStart().startsWith("|")) {
      if (!raw.trim()) headerSeen = false;
      return;
    }
    if (/^\s*\|[\s:|-]+\|\s*$/.test(raw)) {
      headerSeen = true;
      return;
    }
    if (!headerSeen) return;
    const cells: ReportRow["cells"] = [];
    let offset = raw.indexOf("|") + 1;
    for (const part of raw.slice(offset).split("|")) {
      const trimmed = part.trim().replace(/^`(.*)`$/, "$1");
      if (trimmed) cells.push({ text: trimmed, column: offset + part.indexOf(part.trim()) + 1 });
      offset += part.length + 1;
    }
    rows.push({ section, line: index + 1, cells });
  });
  return rows;
}
