// adr-supersession: supersession is a two-sided statement. When ADR A says it supersedes X, X must
// say it is superseded by A, and the other way round; otherwise a reader of X does not learn that
// the decision is no longer in force (or a reader of A does not learn what it replaced). The other
// side may say it in its body rather than its header: "ADR-0492: the fp64 promotion (superseded by
// this ADR)" in a References list tells the reader as much as a Supersedes field does.
import * as z from "zod";
import { formatAdrNumber } from "../model/adr-catalogue.js";
import type { AdrDocument } from "../model/adr.js";
import type { Located } from "../model/located.js";
import { defineRule } from "./rule.js";

export const adrSupersession = defineRule({
  id: "adr-supersession",
  defaultSeverity: "error",
  description: "A Supersedes / Superseded-by statement must be reciprocated by the other ADR.",
  messages: {
    notSupersededBy: "Unexpected one-sided `Supersedes ADR-{other}`, expected `ADR-{other}` to say `Superseded by ADR-{self}`",
    notSupersedes: "Unexpected one-sided `Superseded by ADR-{other}`, expected `ADR-{other}` to say `Supersedes ADR-{self}`",
  },
  options: z.object({}).strict(),
  check({ model, report }) {
    const byNumber = new Map<number, AdrDocument[]>();
    for (const adr of model.adrs) if (adr.number !== null) byNumber.set(adr.number, [...(byNumber.get(adr.number) ?? []), adr]);

    const check = (adr: AdrDocument, claim: Located<number>, messageId: "notSupersededBy" | "notSupersedes"): void => {
      if (adr.number === null || claim.value === adr.number) return;
      const others = byNumber.get(claim.value);
      if (!others) return; // a missing ADR is adr-reference-exists' finding
      const reciprocated = others.some(
        (other) =>
          (messageId === "notSupersededBy"
            ? [...other.supersededBy, ...other.partlySupersededBy]
            : [...other.supersedes, ...other.partlySupersedes]
          ).some((n) => n.value === adr.number) ||
          acknowledgedInBody(model.snapshot.read(other.path) ?? "", adr.number!, messageId === "notSupersededBy" ? "supersededBy" : "supersedes"),
      );
      if (reciprocated) return;
      const self = formatAdrNumber(adr.number);
      const other = formatAdrNumber(claim.value);
      report({
        messageId,
        data: { self, other },
        file: adr.path,
        line: claim.line,
        column: claim.column,
        related: others.map((o) => ({
          file: o.path,
          line: o.status?.line ?? o.titleNumber?.line ?? 1,
          column: o.status?.column ?? 1,
          message: `ADR-${other} header: Status \`${o.status?.value ?? "(none)"}\``,
        })),
        details: others
          .map((o) => `${o.path} header fields: ${o.fields.map((f) => `${f.label}: ${f.value}`).join("; ") || "(none)"}`)
          .join("\n"),
      });
    };

    for (const adr of model.adrs) {
      for (const claim of adr.supersedes) check(adr, claim, "notSupersededBy");
      for (const claim of adr.supersededBy) check(adr, claim, "notSupersedes");
    }
  },
});

/** "This ADR supersedes [ADR-0492]" or "ADR-0492 … (superseded by this ADR)". */
const SUPERSEDES_IN_BODY = /\b(?:this (?:ADR|decision|record)|we)\s+(?:hereby\s+)?(?:supersedes?|replaces?)\b|\bsuperseded by this (?:ADR|decision|record)\b/i;
/** "This ADR is superseded by [ADR-0512]". */
const SUPERSEDED_IN_BODY = /\b(?:this (?:ADR|decision|record)|it)\s+(?:is|was|has been)\s+(?:now\s+)?(?:superseded|replaced)\s+by\b/i;

/**
 * Whether an ADR's text outside its header acknowledges the supersession: a paragraph or list item
 * (fenced code aside) that names ADR-`number` and says this ADR supersedes it (`supersedes`) or is
 * superseded by it (`supersededBy`).
 */
export function acknowledgedInBody(text: string, number: number, direction: "supersedes" | "supersededBy"): boolean {
  const padded = formatAdrNumber(number);
  const names = new RegExp(`\\bADR[- ]?0*${number}\\b|\\b${padded}-[\\w.-]+\\.md\\b`, "i");
  const claim = direction === "supersedes" ? SUPERSEDES_IN_BODY : SUPERSEDED_IN_BODY;
  let block = "";
  let fence: string | null = null;
  const test = (): boolean => names.test(block) && claim.test(block);
  for (const line of text.split(/\r?\n/)) {
    const fenceMark = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (fenceMark?.startsWith(fence)) fence = null;
      continue;
    }
    if (fenceMark) {
      fence = fenceMark;
      block = "";
      continue;
    }
    // A blank line, a heading or a new list item ends the block; wrapped lines continue it.
    if (!line.trim() || /^\s*(?:#{1,6}\s|[-*+]\s|\d+[.)]\s)/.test(line)) {
      if (test()) return true;
      block = "";
    }
    block += ` ${line.trim()}`;
  }
  return test();
}
