// Machine-readable verdict (SPEC section 6): `{verdict, findings, stats}`. Keys are written in a
// fixed order so the output is stable and diffable; paths are already relative to the checked dir.
import type { ClassifiedFinding } from "../types.js";
import { countFindings, type VerdictInput } from "./verdict-input.js";

export interface JsonFinding {
  ruleId: string;
  severity: ClassifiedFinding["severity"];
  file: string;
  line: number;
  column: number;
  message: string;
  docsUrl: string;
  new: boolean;
  related?: ClassifiedFinding["related"];
  details?: string;
}

export interface JsonVerdict {
  verdict: VerdictInput["verdict"];
  findings: JsonFinding[];
  stats: VerdictInput["stats"] & {
    newFindings: number;
    debtFindings: number;
    /** With a base only: findings at the merge base that the head no longer has. */
    resolvedFindings?: number;
    base?: { ref: string; commit: string };
  };
}

export function toJsonVerdict(input: VerdictInput): JsonVerdict {
  const counts = countFindings(input.findings);
  const stats: JsonVerdict["stats"] = { ...input.stats, newFindings: counts.newTotal, debtFindings: counts.debtTotal };
  if (input.resolvedFindings !== undefined) stats.resolvedFindings = input.resolvedFindings;
  if (input.base) stats.base = { ref: input.base.ref, commit: input.base.commit };
  return { verdict: input.verdict, findings: input.findings.map(toJsonFinding), stats };
}

function toJsonFinding(finding: ClassifiedFinding): JsonFinding {
  const out: JsonFinding = {
    ruleId: finding.ruleId,
    severity: finding.severity,
    file: finding.file,
    line: finding.line,
    column: finding.column,
    message: finding.message,
    docsUrl: finding.docsUrl,
    new: finding.new,
  };
  if (finding.related?.length) out.related = finding.related.map((r) => ({ file: r.file, line: r.line, column: r.column, message: r.message }));
  if (finding.details) out.details = finding.details;
  return out;
}

export function renderJson(input: VerdictInput): string {
  return `${JSON.stringify(toJsonVerdict(input), null, 2)}\n`;
}
