// document-parse: a governed file that the extractors could not understand. Reporting it keeps a
// broken document visible instead of silently skipping it or crashing the run.
import * as z from "zod";
import { defineRule } from "./rule.js";

export const documentParse = defineRule({
  id: "document-parse",
  defaultSeverity: "error",
  description: "A governed document could not be read or understood.",
  messages: { problem: "{problem}" },
  options: z.object({}).strict(),
  check({ model, report }) {
    const documents: Array<{ path: string; problems: Array<{ message: string; line: number; column: number }> }> = [
      ...model.adrs,
      ...model.digests,
      ...model.cards,
      ...model.sidecars,
    ];
    if (model.adrIndex) documents.push(model.adrIndex);
    if (model.registry) documents.push(model.registry);
    for (const doc of documents) {
      for (const problem of doc.problems) {
        report({ messageId: "problem", data: { problem: problem.message }, file: doc.path, line: problem.line, column: problem.column });
      }
    }
  },
});
