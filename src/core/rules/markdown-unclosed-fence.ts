// markdown-unclosed-fence: a code fence that never closes turns the rest of the file into code:
// headings, tables and links after it silently disappear from the rendered page and from every
// rule that reads them.
import * as z from "zod";
import { defineRule } from "./rule.js";

export const markdownUnclosedFence = defineRule({
  id: "markdown-unclosed-fence",
  defaultSeverity: "error",
  description: "A fenced code block must be closed before the end of the file.",
  messages: {
    unclosed: "Unexpected unclosed code fence `{marker}`, expected a closing `{marker}` before the end of the file",
  },
  options: z.object({}).strict(),
  check({ model, report }) {
    for (const facts of model.markdown) {
      for (const fence of facts.unclosedFences) {
        report({
          messageId: "unclosed",
          data: { marker: fence.marker },
          file: facts.path,
          line: fence.line,
          column: fence.column,
          details:
            "Everything from this line to the end of the file renders as code. A closing fence must use the same character, at least as many of them, and stay inside the same list item or block quote as the opening fence (indented like it).",
        });
      }
    }
  },
});
