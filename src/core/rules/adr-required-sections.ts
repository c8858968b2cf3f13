// adr-required-sections: every ADR keeps the template's sections, so a reader always finds the
// context, the decision, the alternatives that lost, the consequences and the sources.
import * as z from "zod";
import { defineRule } from "./rule.js";

export const DEFAULT_SECTION_ALIASES: Record<string, string[]> = {
  Context: ["Context and problem statement", "Problem statement", "Background"],
  Decision: ["Decision outcome", "Decisions"],
  "Alternatives considered": [
    "Alternatives",
    "Considered alternatives",
    "Considered options",
    "Options considered",
    "Rejected alternatives",
  ],
  Consequences: ["Implications"],
  References: ["Links", "See also", "Sources", "Related"],
};

export const adrRequiredSections = defineRule({
  id: "adr-required-sections",
  defaultSeverity: "error",
  description: "An ADR must have every section of the template (Context, Decision, Alternatives considered, Consequences, References).",
  messages: {
    missing: "Missing section `{section}`, expected a heading `## {section}`",
  },
  options: z
    .object({
      sections: z.array(z.string().min(1)).default(["Context", "Decision", "Alternatives considered", "Consequences", "References"]),
      /** Other headings that mean the same section, by section name. */
      aliases: z.record(z.string(), z.array(z.string())).default(DEFAULT_SECTION_ALIASES),
    })
    .strict(),
  check({ model, options, checkFile }) {
    const required = options.sections.map((section) => ({ section, names: [section, ...(options.aliases[section] ?? [])].map(normaliseHeading) }));
    for (const adr of model.adrs) {
      checkFile(adr.path, (report) => {
        const headings = adr.sections.filter((s) => s.depth <= 3).map((s) => normaliseHeading(s.title));
        for (const { section, names } of required) {
          if (headings.some((heading) => names.some((name) => headingMeans(heading, name)))) continue;
          const found = adr.sections.filter((s) => s.depth === 2).map((s) => `${s.title} (line ${s.line})`);
          report({
            messageId: "missing",
            data: { section },
            file: adr.path,
            line: adr.title?.line ?? 1,
            column: 1,
            details: `Accepted headings: ${names.map((n) => `\`${n}\``).join(", ")}. Sections found: ${found.join(", ") || "none"}.`,
          });
        }
      });
    }
  },
});

/** Lower case, no emphasis or code marks, no leading numbering (`2.`, `A)`), single spaces. */
export function normaliseHeading(text: string): string {
  return text
    .replace(/[*_`]/g, "")
    .replace(/^\s*(?:\d+|[A-Za-z])[.)]\s+/, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/**
 * `References (v3 SSE)`, `Consequences and follow-ups`, `Context: why now` mean the section;
 * `Decision drivers` does not mean `Decision`.
 */
export function headingMeans(heading: string, name: string): boolean {
  if (heading === name) return true;
  if (!heading.startsWith(name)) return false;
  const rest = heading.slice(name.length);
  return /^\s*[(:\u2014\u2013/,-]/.test(rest) || /^\s+(?:and|&)\s/.test(rest);
}
