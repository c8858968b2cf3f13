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
      // A claim, a qualified field or the body's word (see `supersessionMentions`) answers it.
      const reciprocated = others.some((other) =>
        (messageId === "notSupersededBy"
          ? [...other.supersededBy, ...other.supersessionMentions.supersededBy]
          : [...other.supersedes, ...other.supersessionMentions.supersedes]
        ).some((n) => n.value === adr.number),
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

