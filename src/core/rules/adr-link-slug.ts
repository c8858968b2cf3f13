// adr-link-slug: a link to an ADR by file name whose number exists but whose slug does not, the
// usual trace of a renumbering or a retitled file. GitHub shows a 404 for such a link.
import * as z from "zod";
import { buildAdrCatalogue, catalogueId, formatAdrNumber, isAdrReference } from "../model/adr-catalogue.js";
import { defineRule } from "./rule.js";

export const adrLinkSlug = defineRule({
  id: "adr-link-slug",
  defaultSeverity: "warning",
  description: "A link to an ADR file must use the file's current name, not a stale slug.",
  messages: {
    staleSlug: "Unexpected link target `{found}`, expected `{expected}` (the file numbered `{number}`)",
    renumbered: "Unexpected link target `{found}`, expected `{expected}` (the ADR with this slug was renumbered)",
  },
  options: z.object({}).strict(),
  check({ model, checkFile }) {
    const catalogue = buildAdrCatalogue(model);
    const inputs = catalogueId(catalogue);
    // Slug -> the first file (in catalogue order) that carries it, built once for all references.
    let fileBySlug: Map<string, string> | undefined;
    const fileWithSlug = (slug: string): string | undefined => {
      if (!fileBySlug) {
        fileBySlug = new Map();
        for (const name of [...catalogue.filesByNumber.values()].flat()) {
          const nameSlug = name.replace(/^\d+-/, "");
          if (!fileBySlug.has(nameSlug)) fileBySlug.set(nameSlug, name);
        }
      }
      return fileBySlug.get(slug);
    };
    for (const facts of model.markdown) {
      // Per file, like adr-reference-exists: reused while the file and the ADR file names stand.
      checkFile(
        facts.path,
        (report) => {
          for (const reference of facts.adrReferences) {
            if (reference.form === "mention" || !reference.fileName) continue;
            const files = catalogue.filesByNumber.get(reference.number);
            if (!files || files.includes(reference.fileName) || !isAdrReference(reference, catalogue)) continue;
            // The slug may still exist under another number: then the number went stale, not the slug.
            const slug = reference.fileName.replace(/^\d+-/, "");
            const renumbered = fileWithSlug(slug);
            if (renumbered) {
              report({
                messageId: "renumbered",
                data: { found: reference.fileName, expected: renumbered },
                file: facts.path,
                line: reference.line,
                column: reference.column,
                related: [{ file: `${catalogue.adrDir}/${renumbered}`, line: 1, column: 1, message: "file with this slug" }],
                details: `ADR-${formatAdrNumber(reference.number)} exists as ${files.map((f) => `\`${f}\``).join(", ")}; the slug \`${slug}\` belongs to \`${renumbered}\`.`,
              });
              continue;
            }
            report({
              messageId: "staleSlug",
              data: { found: reference.fileName, expected: files.join("` or `"), number: formatAdrNumber(reference.number) },
              file: facts.path,
              line: reference.line,
              column: reference.column,
              related: files.map((name) => ({ file: `${catalogue.adrDir}/${name}`, line: 1, column: 1, message: `current file for ADR-${formatAdrNumber(reference.number)}` })),
            });
          }
        },
        inputs,
      );
    }
  },
});
