// `rgov check --explain RULE FILE`: the findings of one rule in one file, with everything the
// engine knows about them (related locations and the details, which carry evidence chains).
//
// Until a pure `explain(...)` lands in src/core/explain.ts, this prints the rule's findings and
// their details; wiring the richer evidence chain means replacing `renderExplanation` only.
import { existsSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import type { AnyRule } from "../core/rules/rule.js";
import type { ClassifiedFinding } from "../core/types.js";
import { UsageError } from "./io.js";

export interface ExplainTarget {
  rule: AnyRule;
  /** Relative to DIR, forward slashes: the form findings use. */
  file: string;
}

/**
 * Resolve `--explain RULE FILE`. FILE may be given relative to the working directory (as a shell
 * completes it) or relative to DIR (as findings print it); the first that exists inside DIR wins.
 */
export function explainTarget(ruleId: string, file: string, dir: string, cwd: string, rules: readonly AnyRule[]): ExplainTarget {
  const rule = rules.find((candidate) => candidate.id === ruleId);
  if (!rule) throw new UsageError(`check: unknown rule \`${ruleId}\` for --explain`);
  const candidates = isAbsolute(file) ? [file] : [resolve(cwd, file), resolve(dir, file)];
  for (const candidate of candidates) {
    const inside = relative(dir, candidate);
    if (inside === "" || inside.startsWith("..") || isAbsolute(inside)) continue;
    if (existsSync(candidate)) return { rule, file: inside.split(sep).join("/") };
  }
  throw new UsageError(`check: --explain file not found in ${dir}: ${file}`);
}

export function renderExplanation(rule: AnyRule, file: string, findings: readonly ClassifiedFinding[]): string {
  const lines = [`${rule.id} (${rule.defaultSeverity} by default): ${rule.description}`, `File: ${file}`, ""];
  if (findings.length === 0) {
    lines.push(`No ${rule.id} findings in ${file}.`);
    return `${lines.join("\n")}\n`;
  }
  for (const finding of findings) {
    lines.push(`${file}:${finding.line}:${finding.column}  ${finding.severity}${finding.new ? "" : " (debt)"}  ${finding.message}`);
    for (const related of finding.related ?? []) {
      lines.push(`  see ${related.file}:${related.line}:${related.column}  ${related.message}`);
    }
    if (finding.details) lines.push(...finding.details.replace(/\s+$/, "").split(/\r?\n/).map((line) => `  ${line}`.trimEnd()));
    lines.push(`  docs: ${finding.docsUrl}`, "");
  }
  return `${lines.join("\n").replace(/\n+$/, "")}\n`;
}
