// Research digests (`docs/research/NNNN-slug.md`). OWNER: digest helper — expand freely, but keep
// the fields below (other rules depend on them).
import type { Located, PrintedNumber } from "./located.js";
import type { MarkdownFile, ParseProblem } from "./markdown-file.js";

export type LosoMetric = "plcc" | "srocc" | "rmse" | "krocc";

export interface LosoFold {
  /** Fold name as printed, without bold markers. */
  name: string;
  line: number;
  values: Partial<Record<LosoMetric, PrintedNumber>>;
}

export type LosoSummaryKind = "mean" | "std" | "min" | "max";

export interface LosoSummary {
  kind: LosoSummaryKind;
  /** Which std the row states when it says so (`Std (n-1)` is sample). */
  stdKind?: "sample" | "population";
  line: number;
  values: Partial<Record<LosoMetric, PrintedNumber>>;
}

export interface LosoTable {
  line: number;
  column: number;
  folds: LosoFold[];
  summaries: LosoSummary[];
  /** Model ids the table is about (from the nearest heading, caption or the digest's subject). */
  modelIds: string[];
}

export interface GateVerdict {
  outcome: "pass" | "fail";
  /** The sentence or line that states it. */
  text: string;
  line: number;
  column: number;
  /** A PLCC figure the verdict quotes, when it quotes one. */
  plcc?: PrintedNumber;
  modelIds: string[];
}

export interface DigestDocument {
  kind: "digest";
  path: string;
  number: number | null;
  title: Located<string> | null;
  /** Header fields by lower-case name (`date`, `status`, `companion adr`, ...). */
  fields: Record<string, Located<string>>;
  /** ADR numbers named as companion ADRs. */
  companionAdrs: number[];
  losoTables: LosoTable[];
  verdicts: GateVerdict[];
  reproducer: { line: number; column: number; commands: Array<Located<string> & { lang: string | null }> } | null;
  problems: ParseProblem[];
}

export function extractDigest(file: MarkdownFile): DigestDocument {
  const match = /(?:^|\/)(\d{3,5})-[^/]*\.md$/.exec(file.path);
  return {
    kind: "digest",
    path: file.path,
    number: match ? Number(match[1]) : null,
    title: null,
    fields: {},
    companionAdrs: [],
    losoTables: [],
    verdicts: [],
    reproducer: null,
    problems: [],
  };
}
