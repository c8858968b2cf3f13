// Reading ADR status text: the status word a qualified status starts with, and the ADR numbers a
// supersession statement names. Shared by the ADR model and the rules that compare statuses.
import type { Located } from "./located.js";

/**
 * Statuses real ADRs use. `Supersedes` is the convention of the first governed repository for an
 * accepted ADR that replaces another (`Status: Supersedes ADR-0025`).
 */
export const DEFAULT_ADR_STATUSES: readonly string[] = [
  "Proposed",
  "Accepted",
  "Rejected",
  "Deprecated",
  "Superseded",
  "Supersedes",
  "Draft",
];

/** Words that may precede the status in a status update: `stays Proposed`, `now Accepted`. */
const STATUS_LEAD_INS = /^(?:(?:stays|remains|still|now|back\s+to|moved\s+to|changed\s+to|->|→)\s+)+/i;

/**
 * The allowed status a status text starts with, in its configured spelling, or null.
 * `Accepted (gate passed: ...)` -> `Accepted`; `**Superseded** by [ADR-0123](...)` -> `Superseded`.
 */
export function leadingStatus(text: string, allowed: readonly string[], allowLeadIn = false): string | null {
  let plain = text.replace(/[*_`[\]]/g, "").trim();
  if (allowLeadIn) plain = plain.replace(STATUS_LEAD_INS, "");
  const lower = plain.toLowerCase();
  let best: string | null = null;
  for (const status of allowed) {
    const candidate = status.toLowerCase();
    if (!lower.startsWith(candidate)) continue;
    const next = lower.charAt(candidate.length);
    if (next !== "" && /[\p{L}\p{N}]/u.test(next)) continue; // `Accepting` is not `Accept`
    if (best === null || status.length > best.length) best = status;
  }
  return best;
}

/** The first word of a status text, for messages about an unknown status. */
export function firstWord(text: string): string {
  const plain = text.replace(/[*_`[\]]/g, "").trim();
  return /^[^\s(:;,—–]+/.exec(plain)?.[0] ?? plain;
}

/** Maps an offset in a (possibly multi-line) value to its 1-based line and column. */
export type Locate = (offset: number) => { line: number; column: number };

const ADR_NUMBER = /ADR[-\u2010\u2011 ]?(\d{3,5})(?!\d)|(?:^|[/(\s])(\d{3,5})-[\w.-]*\.md/g;

/** ADR numbers a text names (`ADR-0123` or a link to `0123-slug.md`), once each, in order. */
export function adrNumbersIn(text: string, locate: Locate): Array<Located<number>> {
  const seen = new Set<number>();
  const out: Array<Located<number>> = [];
  for (const m of text.matchAll(ADR_NUMBER)) {
    const digits = m[1] ?? m[2]!;
    const number = Number(digits);
    if (seen.has(number)) continue;
    seen.add(number);
    out.push({ value: number, ...locate(m[1] ? m.index : m.index + m[0].indexOf(digits)) });
  }
  return out;
}

export interface SupersessionClaims {
  supersedes: Array<Located<number>>;
  supersededBy: Array<Located<number>>;
}

/**
 * Split a status text at `Supersedes` / `Superseded by` and collect the numbers each part names:
 * `Superseded by [ADR-0119](0119-x.md)`, `Accepted; supersedes ADR-0012 and ADR-0013`.
 */
export function supersessionInStatus(text: string, locate: Locate): SupersessionClaims {
  const claims: SupersessionClaims = { supersedes: [], supersededBy: [] };
  const phrase = /supersed(?:ed\s+by|es)\b/gi;
  const marks = [...text.matchAll(phrase)];
  marks.forEach((mark, i) => {
    const from = mark.index + mark[0].length;
    const to = i + 1 < marks.length ? marks[i + 1]!.index : text.length;
    const numbers = adrNumbersIn(text.slice(from, to), (offset) => locate(from + offset));
    if (/by$/i.test(mark[0])) claims.supersededBy.push(...numbers);
    else claims.supersedes.push(...numbers);
  });
  return claims;
}

export interface EffectiveStatus {
  /** The allowed status word, in its configured spelling. */
  status: string;
  /** The text it was read from. */
  text: string;
  /** `header` (the Status field) or `status update` (a `Status update DATE: ...` appendix). */
  source: "header" | "status update";
  /** The date of the status update it came from. */
  date?: string;
  line: number;
  column: number;
}

/**
 * The status an ADR has now: the latest `Status update YYYY-MM-DD: <status>` appendix that names a
 * status (latest date; the later one in the file on a tie) wins over the header's Status field.
 * Updates that record progress without a status (`T3-15 first port landed`) are skipped.
 */
export function effectiveStatus(
  adr: {
    status: { value: string; line: number; column: number } | null;
    statusUpdates: Array<{ date: string; text: string; line: number; column: number }>;
  },
  allowed: readonly string[],
): EffectiveStatus | null {
  let best: EffectiveStatus | null = null;
  for (const update of adr.statusUpdates) {
    const status = leadingStatus(update.text, allowed, true);
    if (status === null) continue;
    if (best && best.date! > update.date) continue;
    best = { status, text: update.text, source: "status update", date: update.date, line: update.line, column: update.column };
  }
  if (best) return best;
  if (!adr.status) return null;
  const status = leadingStatus(adr.status.value, allowed);
  if (status === null) return null;
  return { status, text: adr.status.value, source: "header", line: adr.status.line, column: adr.status.column };
}
