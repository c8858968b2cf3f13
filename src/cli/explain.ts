// `rgov check --explain RULE FILE`: argument resolution and the CLI's addition to the engine's
// evidence chain (src/core/explain.ts): which of the findings are new and which are debt.
import { existsSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import type { VerdictInput } from "../core/render/verdict-input.js";
import { RERUN_RULES } from "../core/rules/index.js";
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
export function resolveExplainTarget(ruleId: string, file: string, dir: string, cwd: string, rules: readonly AnyRule[]): ExplainTarget {
  const rule = rules.find((candidate) => candidate.id === ruleId);
  if (!rule) {
    if (RERUN_RULES.some((candidate) => candidate.id === ruleId)) {
      throw new UsageError(`check: --explain cannot explain \`${ruleId}\`: it judges LOSO re-runs (\`/rerun-loso\`, the Action's \`rerun\` mode), not the repository`);
    }
    throw new UsageError(`check: unknown rule \`${ruleId}\` for --explain`);
  }
  const candidates = isAbsolute(file) ? [file] : [resolve(cwd, file), resolve(dir, file)];
  for (const candidate of candidates) {
    const inside = relative(dir, candidate);
    if (inside === "" || inside.startsWith("..") || isAbsolute(inside)) continue;
    if (existsSync(candidate)) return { rule, file: inside.split(sep).join("/") };
  }
  throw new UsageError(`check: --explain file not found in ${dir}: ${file}`);
}

/** With --base: which of the rule's findings in the file the verdict counts. Empty otherwise. */
export function describeAgainstBase(findings: readonly ClassifiedFinding[], base: VerdictInput["base"]): string {
  if (!base) return "";
  const newCount = findings.filter((f) => f.new).length;
  const lines = ["", `Against ${base.ref} (${base.commit.slice(0, 12)}): ${newCount} new, ${findings.length - newCount} debt`];
  for (const f of findings) lines.push(`  ${f.new ? "new " : "debt"}  ${f.file}:${f.line}:${f.column}  ${f.severity}  ${f.message}`);
  return `${lines.join("\n")}\n`;
}
