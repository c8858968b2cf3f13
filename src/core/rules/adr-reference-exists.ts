// adr-reference-exists: an `ADR-NNNN` mention or a link into the ADR directory must name a number
// that has an ADR file. A dangling reference sends the reader to a decision that does not exist.
import * as z from "zod";
import { buildAdrCatalogue, catalogueId, formatAdrNumber, isAdrReference } from "../model/adr-catalogue.js";
import { defineRule } from "./rule.js";

export const adrReferenceExists = defineRule({
  id: "adr-reference-exists",
  defaultSeverity: "error",
  description: "An ADR-NNNN mention or a link to an ADR file must name an ADR that exists.",
  messages: {
    missing: "Unexpected reference `{text}`, expected an existing ADR but `{dir}` has no `{number}-*.md`",
  },
  options: z
    .object({
      /** Numbers never reported, e.g. ADRs of another project that documents cite by number. */
      ignoreNumbers: z.array(z.number().int().nonnegative()).default([]),
    })
    .strict(),
  check({ model, options, checkFile }) {
    const catalogue = buildAdrCatalogue(model);
    const inputs = catalogueId(catalogue);
    const ignored = new Set(options.ignoreNumbers);
    for (const facts of model.markdown) {
      // Per file: a change elsewhere that keeps the ADR file names replays this file's findings
      // without decoding its references.
      checkFile(
        facts.path,
        (report) => {
          const reported = new Set<string>();
          for (const reference of facts.adrReferences) {
            if (ignored.has(reference.number) || catalogue.filesByNumber.has(reference.number)) continue;
            if (!isAdrReference(reference, catalogue)) continue;
            const key = `${reference.line}:${reference.number}`;
            if (reported.has(key)) continue; // `[ADR-0999](0999-x.md)` is one reference, not two
            reported.add(key);
            report({
              messageId: "missing",
              data: { text: reference.text, dir: catalogue.adrDir, number: formatAdrNumber(reference.number) },
              file: facts.path,
              line: reference.line,
              column: reference.column,
            });
          }
        },
        inputs,
      );
    }
  },
});
