// `explain`: the full evidence chain behind one rule's verdict on one file, as plain text, for
// `rgov check --explain RULE FILE`. For the ship-gate rules it lists every model the file is about
// — why it is (not) production, whether it is in the gate's scope, every LOSO figure with its
// file, line and field — and then the rule's findings with their own evidence chains. Pure.
import { ruleOptions } from "./config.js";
import {
  describeEvidence,
  describeProduction,
  describeScope,
  digestTablesFor,
  evidenceContext,
  GateScope,
  inGateScope,
  inSampleFigures,
  where,
  type EvidenceContext,
  type ModelArtefact,
} from "./evidence/index.js";
import type { RepositoryModel } from "./model/repository.js";
import { RULES } from "./rules/index.js";
import { formatMessage, uncachedContext, type AnyRule, type RuleReport } from "./rules/rule.js";

const GATE_RULES = new Set(["ship-gate-loso", "ship-gate-verdict", "codec-lift", "claim-consistency"]);

export class UnknownRuleError extends Error {
  constructor(readonly ruleId: string) {
    super(`unknown rule \`${ruleId}\``);
    this.name = "UnknownRuleError";
  }
}

/** The evidence chain for `ruleId` on `file` (a path relative to the repository root). */
export function explain(model: RepositoryModel, ruleId: string, file: string, rules: readonly AnyRule[] = RULES): string {
  const rule = rules.find((candidate) => candidate.id === ruleId);
  if (!rule) throw new UnknownRuleError(ruleId);
  const parsed = rule.options.safeParse(ruleOptions(model.config, rule.id));
  const options: unknown = parsed.success ? parsed.data : rule.options.parse({});
  const lines = [`${rule.id} (${rule.defaultSeverity} by default): ${rule.description}`, `File: ${file}`];

  if (GATE_RULES.has(rule.id)) {
    const context = evidenceContext(model);
    const scope = scopeOf(options);
    const artefacts = artefactsAbout(context, file);
    lines.push("", artefacts.length ? `Models this file is about (${artefacts.length}):` : "Models this file is about: none");
    for (const artefact of artefacts) lines.push("", ...describeArtefact(context, artefact, scope));
  }

  const reports = findingsIn(model, rule, options, file);
  lines.push("", reports.length ? `Findings (${reports.length}):` : `Findings: none of ${rule.id} in ${file}`);
  for (const report of reports) {
    lines.push(`${report.file}:${report.line}:${report.column ?? 1}  ${formatMessage(rule.messages[report.messageId] ?? report.messageId, report.data)}`);
    for (const related of report.related ?? []) lines.push(`  see ${related.file}:${related.line}:${related.column}  ${related.message}`);
    if (report.details) lines.push(...report.details.split("\n").map((line) => `  ${line}`));
  }
  return `${lines.join("\n")}\n`;
}

function scopeOf(options: unknown): GateScope | null {
  const scope = (options as { scope?: unknown } | null)?.scope;
  const parsed = GateScope.safeParse(scope);
  return parsed.success ? parsed.data : null;
}

/** Models whose registry entry, sidecar, card or verdict file is `file`, or that a digest names. */
function artefactsAbout(context: EvidenceContext, file: string): ModelArtefact[] {
  const digest = context.model.digests.find((doc) => doc.path === file);
  return context.artefacts.filter((artefact) => {
    if (artefact.sidecar?.path === file) return true;
    if (artefact.cards.some((card) => card.path === file)) return true;
    if (artefact.registryEntry && context.model.registry?.path === file) return true;
    if (context.verdictFiles.some((verdict) => verdict.path === file) && context.losoEvidence(artefact).some((item) => item.mean.source.file === file)) return true;
    if (digest) {
      return digestTablesFor(context, artefact, digest).length > 0 || digest.verdicts.some((verdict) => verdict.modelIds.includes(artefact.id));
    }
    return false;
  });
}

function describeArtefact(context: EvidenceContext, artefact: ModelArtefact, scope: GateScope | null): string[] {
  const lines = describeProduction(artefact);
  if (scope) lines.push(`  - gate scope (${describeScope(scope)}): ${inGateScope(artefact, scope) ? "in scope" : "out of scope"}`);
  lines.push(`  - codec-aware: ${artefact.codecAware ? `yes, ${where(artefact.codecAware)}` : "no"}`);
  const evidence = context.losoEvidence(artefact);
  lines.push(evidence.length ? "  LOSO evidence, strongest first:" : "  LOSO evidence: none");
  evidence.forEach((item, index) => lines.push(`    ${index + 1}. ${describeEvidence(item)}`));
  const inSample = inSampleFigures(artefact, context.locator);
  for (const item of inSample) lines.push(`  In-sample (not LOSO evidence): \`${item.field}\` = ${item.figure.value} at ${where(item.figure.source)}`);
  return lines;
}

function findingsIn(model: RepositoryModel, rule: AnyRule, options: unknown, file: string): RuleReport[] {
  const reports: RuleReport[] = [];
  rule.check(
    uncachedContext(model, options, (report) => {
      if (report.file === file || report.related?.some((related) => related.file === file)) reports.push(report);
    }),
  );
  return reports.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.column ?? 1) - (b.column ?? 1)));
}
