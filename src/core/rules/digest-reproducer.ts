// digest-reproducer: a digest that states results (a per-fold LOSO table or a gate verdict) must
// say how to reproduce them, as a fenced command block under a Reproducer heading. `/rerun-loso`
// runs exactly that block, so a digest without one cannot be re-checked.
import * as z from "zod";
import type { CommandBlock, DigestDocument } from "../model/digest.js";
import type { Location } from "../types.js";
import { defineRule } from "./rule.js";

export const digestReproducer = defineRule({
  id: "digest-reproducer",
  defaultSeverity: "error",
  description: "A digest that states LOSO results or a gate verdict has a Reproducer section with a fenced command block.",
  messages: {
    missingSection: "Missing `Reproducer` section for the results stated here ({evidence}), expected a `## Reproducer` heading with a fenced command block",
    missingCommands: "Unexpected `{heading}` section without a fenced command block, expected a ```` ```bash ```` block that reproduces {evidence}",
  },
  options: z.object({}).strict(),
  check({ model, report }) {
    for (const digest of model.digests) {
      const evidence = resultEvidence(digest);
      if (evidence.length === 0) continue;
      if (digest.reproducer && digest.reproducer.commands.length > 0) continue;
      const summary = summarise(digest);
      const related = evidence.slice(0, 5);
      if (digest.reproducer) {
        const heading = digest.reproducer;
        report({
          messageId: "missingCommands",
          data: { heading: "Reproducer", evidence: summary },
          file: digest.path,
          line: heading.line,
          column: heading.column,
          related,
          details: "Fenced blocks tagged as data (json, yaml, text, output) and indented code do not count as commands.",
        });
        continue;
      }
      const first = evidence[0]!;
      // Commands elsewhere in the digest are the likely reproducer: say where, so the fix is a move.
      const nearest = nearestCommandBlock(digest.commandBlocks, first.line);
      const finding = { messageId: "missingSection" as const, data: { evidence: summary }, file: digest.path, line: first.line, column: first.column };
      if (!nearest) {
        report({ ...finding, related, details: "The digest has no fenced command block anywhere." });
        continue;
      }
      report({
        ...finding,
        related: [...related, { file: digest.path, line: nearest.line, column: nearest.column, message: "Nearest fenced command block" }],
        details: describeNearest(nearest, first.line, digest.commandBlocks.length),
      });
    }
  },
});

/** The command block closest to `line`; on a tie, the one above (commands usually precede results). */
function nearestCommandBlock(blocks: CommandBlock[], line: number): CommandBlock | undefined {
  let best: CommandBlock | undefined;
  for (const block of blocks) {
    if (!best || Math.abs(block.line - line) < Math.abs(best.line - line)) best = block;
  }
  return best;
}

function describeNearest(block: CommandBlock, resultLine: number, total: number): string {
  const fence = block.lang ? `tagged \`${block.lang}\`` : "untagged";
  const distance = block.line < resultLine ? `${resultLine - block.line} lines above` : `${block.line - resultLine} lines below`;
  const where = block.heading ? `under \`${"#".repeat(block.heading.depth)} ${block.heading.text}\` (line ${block.heading.line})` : "before the first heading";
  const parts = [`The nearest fenced command block (${fence}) is at line ${block.line}, ${distance} the first stated result, ${where}.`];
  if (block.label) parts.push(`It is introduced by \`${block.label.value}\` on line ${block.label.line}, a paragraph rather than a heading, so it does not count as a Reproducer section.`);
  parts.push(`Move it (and any other reproducing commands) under a \`## Reproducer\` heading.`);
  if (total > 1) parts.push(`The digest has ${total} fenced command blocks in all.`);
  return parts.join(" ");
}

/**
 * Where the digest states results: its LOSO result tables and gate verdicts, in document order.
 * Planned, expected or quoted tables (`otherLosoTables`) are not results of the digest.
 */
function resultEvidence(digest: DigestDocument): Array<Location & { message: string }> {
  const tables = digest.losoTables.map((table) => ({
    file: digest.path,
    line: table.line,
    column: table.column,
    message: `Per-fold LOSO table (${table.folds.length} folds)`,
  }));
  const verdicts = digest.verdicts.map((verdict) => ({
    file: digest.path,
    line: verdict.line,
    column: verdict.column,
    message: `Gate verdict \`${verdict.outcome.toUpperCase()}\``,
  }));
  return [...tables, ...verdicts].sort((a, b) => a.line - b.line || a.column - b.column);
}

function summarise(digest: DigestDocument): string {
  const parts: string[] = [];
  if (digest.losoTables.length) parts.push(`${digest.losoTables.length} LOSO table${digest.losoTables.length > 1 ? "s" : ""} from line ${digest.losoTables[0]!.line}`);
  if (digest.verdicts.length) parts.push(`${digest.verdicts.length} gate verdict${digest.verdicts.length > 1 ? "s" : ""} from line ${digest.verdicts[0]!.line}`);
  return parts.join(", ");
}
