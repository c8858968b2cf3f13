// digest-header: a research digest should say when it was written and where it stands. Without a
// Date a reader cannot tell whether its numbers predate a retrain; without a Status they cannot
// tell a closed result from an open question.
import * as z from "zod";
import { defineRule } from "./rule.js";

/** Header keys that carry the digest's date, in the forms the governed repository uses. */
const DATE_KEYS = ["date", "last updated", "updated"];

export const digestHeader = defineRule({
  id: "digest-header",
  defaultSeverity: "warning",
  description: "A research digest states a Date and a Status in its header.",
  messages: {
    missingDate: "Missing `Date` in the digest header, expected a `Date` (or `Last updated`) field before the first section",
    missingStatus: "Missing `Status` in the digest header, expected a `Status` field before the first section",
  },
  options: z.object({}).strict(),
  check({ model, report }) {
    for (const digest of model.digests) {
      const line = digest.title?.line ?? 1;
      const column = digest.title?.column ?? 1;
      const found = Object.keys(digest.fields);
      const details = found.length
        ? `Header fields found: ${found.map((key) => `\`${key}\` (line ${digest.fields[key]!.line})`).join(", ")}.`
        : "No header fields were found between the title and the first section heading.";
      if (!DATE_KEYS.some((key) => key in digest.fields)) {
        // A date in the title is a hint, not a field: tools read the header, so say where to move it.
        const titleDate = /\b\d{4}-\d{2}-\d{2}\b/.exec(digest.title?.value ?? "")?.[0];
        const hint = titleDate ? ` The title mentions \`${titleDate}\`; state it as a \`Date\` field too.` : "";
        report({ messageId: "missingDate", file: digest.path, line, column, details: details + hint });
      }
      // A `## Status` section says where the digest stands as well as a header field does.
      if (!("status" in digest.fields) && !digest.statusSection) report({ messageId: "missingStatus", file: digest.path, line, column, details });
    }
  },
});
