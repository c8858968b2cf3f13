// adr-header: every ADR states a known Status and an ISO Date in its header. Without them the
// index, supersession and ship-gate rules cannot tell whether a decision is in force.
import * as z from "zod";
import { DEFAULT_ADR_STATUSES, firstWord, leadingStatus } from "../model/adr-status.js";
import { defineRule } from "./rule.js";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?!\d)/;

export const adrHeader = defineRule({
  id: "adr-header",
  defaultSeverity: "error",
  description: "An ADR header must state a known Status and an ISO 8601 Date.",
  messages: {
    missingStatus: "Missing `Status` header field, expected one of {expected}",
    missingDate: "Missing `Date` header field, expected an ISO date `YYYY-MM-DD`",
    unknownStatus: "Unexpected status `{found}`, expected one of {expected}",
    badDate: "Unexpected date `{found}`, expected an ISO date `YYYY-MM-DD`",
  },
  options: z
    .object({
      /** Status words an ADR may start its Status with; qualifiers after the word are allowed. */
      statuses: z.array(z.string().min(1)).min(1).default([...DEFAULT_ADR_STATUSES]),
    })
    .strict(),
  check({ model, options, checkFile }) {
    const expected = options.statuses.map((s) => `\`${s}\``).join(", ");
    for (const adr of model.adrs) {
      checkFile(adr.path, (report) => {
        const anchor = adr.title ?? { line: 1, column: 1 };
        const found = adr.fields.map((f) => `${f.label} (line ${f.line})`).join(", ");
        const details = found ? `Header fields found: ${found}.` : "No header fields were found between the title and the first section.";
        if (!adr.status) {
          report({ messageId: "missingStatus", data: { expected }, file: adr.path, line: anchor.line, column: 1, details });
        } else if (leadingStatus(adr.status.value, options.statuses) === null) {
          report({
            messageId: "unknownStatus",
            data: { found: firstWord(adr.status.value) || adr.status.value, expected },
            file: adr.path,
            line: adr.status.line,
            column: adr.status.column,
            details: `Status field (line ${adr.status.line}): ${adr.status.value || "(empty)"}`,
          });
        }
        if (!adr.date) {
          report({ messageId: "missingDate", file: adr.path, line: anchor.line, column: 1, details });
        } else if (!isIsoDate(adr.date.value)) {
          report({ messageId: "badDate", data: { found: adr.date.value }, file: adr.path, line: adr.date.line, column: adr.date.column });
        }
      });
    }
  },
});

/** A real calendar date at the start of the value; a qualifier may follow (`2026-05-02 (Proposed)`). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value.trim());
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
