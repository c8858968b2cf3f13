// adr-number-unique: an ADR number names one decision. Two files with one number (a rebase that
// kept both, a hand-picked number) make every `ADR-NNNN` reference ambiguous; a title that states
// another number than the file name does the same.
import * as z from "zod";
import { formatAdrNumber } from "../model/adr-catalogue.js";
import type { AdrDocument } from "../model/adr.js";
import { defineRule } from "./rule.js";

export const adrNumberUnique = defineRule({
  id: "adr-number-unique",
  defaultSeverity: "error",
  description: "Each ADR number belongs to exactly one ADR file, and the title states the file's number.",
  messages: {
    duplicate: "Unexpected duplicate ADR number `{number}`, expected it only in this file but `{other}` uses it too",
    titleMismatch: "Unexpected title number `ADR-{found}`, expected `ADR-{expected}` from the file name",
  },
  options: z.object({}).strict(),
  check({ model, report }) {
    const byNumber = new Map<number, AdrDocument[]>();
    for (const adr of model.adrs) {
      if (adr.number === null) continue;
      byNumber.set(adr.number, [...(byNumber.get(adr.number) ?? []), adr]);
    }
    for (const [number, adrs] of byNumber) {
      if (adrs.length < 2) continue;
      for (const adr of adrs) {
        const others = adrs.filter((other) => other !== adr);
        report({
          messageId: "duplicate",
          data: { number: formatAdrNumber(number), other: others.map((o) => o.path).join("`, `") },
          file: adr.path,
          line: adr.titleNumber?.line ?? 1,
          column: adr.titleNumber?.column ?? 1,
          related: others.map((o) => ({ file: o.path, line: o.titleNumber?.line ?? 1, column: o.titleNumber?.column ?? 1, message: `also numbered ${formatAdrNumber(number)}` })),
        });
      }
    }
    for (const adr of model.adrs) {
      if (adr.number === null || !adr.titleNumber || adr.titleNumber.value === adr.number) continue;
      report({
        messageId: "titleMismatch",
        data: { found: formatAdrNumber(adr.titleNumber.value), expected: formatAdrNumber(adr.number) },
        file: adr.path,
        line: adr.titleNumber.line,
        column: adr.titleNumber.column,
        details: `The file name \`${adr.fileName}\` gives number ${formatAdrNumber(adr.number)}; the title on line ${adr.titleNumber.line} states ${formatAdrNumber(adr.titleNumber.value)}.`,
      });
    }
  },
});
