// Shared helpers for the ADR rule tables: build a snapshot from inline files and run one rule.
import { runGovernance } from "../../../src/core/engine.js";
import { defaultConfig, parseConfig } from "../../../src/core/config.js";
import { RULES } from "../../../src/core/rules/index.js";
import { MemorySnapshot, type Finding } from "../../../src/core/types.js";

export function runRule(ruleId: string, files: Record<string, string>, configYaml?: string): Finding[] {
  const rule = RULES.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  const config = configYaml ? parseConfig(configYaml) : defaultConfig();
  return runGovernance(new MemorySnapshot(files), { config, rules: [rule] }).findings;
}

/** A well-formed ADR with the given header lines and sections. */
export function adr(number: string, header: string, sections = ["Context", "Decision", "Alternatives considered", "Consequences", "References"], extra = ""): string {
  return `# ADR-${number}: Title ${number}\n\n${header}\n\n${sections.map((s) => `## ${s}\n\nText.\n`).join("\n")}${extra}`;
}

export const where = (f: Finding): string => `${f.ruleId}:${f.severity}:${f.file}:${f.line}:${f.column}`;
