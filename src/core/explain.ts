// `explain`: the full evidence chain behind one rule's verdict on one file, as plain text, for
// `rgov check --explain RULE FILE`. For the ship-gate rules it lists every model the file is about
// — why it is (not) production, whether it is in the gate's scope, every LOSO figure with its
// file, line and field — and for the label rules every model the file belongs to, with what says
// it is synthetic or real, what it was trained on and how its card and registry entry are labelled
// (so "why was this not flagged?" has an answer too) — and then the rule's findings with their own
// evidence chains. Pure.
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
import { realCorpusEvidence, syntheticEvidence, traceNonCommercialTraining, type Evidence } from "./labels.js";
import { modelArtefacts, type Artefact } from "./model/artefacts.js";
import type { RepositoryModel } from "./model/repository.js";
import { RULES } from "./rules/index.js";
import { formatMessage, uncachedContext, type AnyRule, type RuleReport } from "./rules/rule.js";

const GATE_RULES = new Set(["ship-gate-loso", "ship-gate-verdict", "codec-lift", "claim-consistency"]);
const SYNTHETIC_RULES = new Set(["synthetic-stub-label", "synthetic-stub-claim"]);
const LABEL_RULES = new Set([...SYNTHETIC_RULES, "non-commercial-label"]);

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

  if (LABEL_RULES.has(rule.id)) {
    const artefacts = modelArtefacts(model).filter((artefact) => artefact.paths.includes(file));
    lines.push("", artefacts.length ? `Models this file belongs to (${artefacts.length}):` : "Models this file belongs to: none");
    for (const artefact of artefacts) {
      lines.push("", ...(SYNTHETIC_RULES.has(rule.id) ? describeSynthetic(model, artefact) : describeNonCommercial(model, artefact)));
    }
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

function describeSynthetic(model: RepositoryModel, artefact: Artefact): string[] {
  const synthetic = syntheticEvidence(artefact);
  const real = synthetic.length ? [] : realCorpusEvidence(artefact, model);
  const lines = [`- \`${artefact.id}\``];
  lines.push(...evidenceLines("trained on synthetic data", synthetic));
  if (!synthetic.length) lines.push(...evidenceLines("trained on a real corpus", real));
  for (const card of artefact.cards) {
    const banner = card.syntheticBanner;
    lines.push(`  - card ${card.path}: ${banner ? `synthetic-stub banner at line ${banner.line}` : "no synthetic-stub banner"}`);
  }
  return lines;
}

function describeNonCommercial(model: RepositoryModel, artefact: Artefact): string[] {
  const traces = traceNonCommercialTraining(artefact, model);
  const lines = [`- \`${artefact.id}\``];
  lines.push(
    ...evidenceLines(
      "trained on a non-commercial dataset",
      traces.map((trace) => ({ ...trace.evidence, message: `${trace.dataset.name} (${trace.dataset.license}): ${trace.evidence.message}` })),
    ),
  );
  if (artefact.registry) lines.push(`  - registry licence: ${artefact.registry.entry.license === undefined ? "(none)" : `\`${artefact.registry.entry.license}\``}`);
  for (const card of artefact.cards) {
    const label = card.nonCommercialLabel;
    lines.push(`  - card ${card.path}: ${label ? `non-commercial label at line ${label.line}` : "no non-commercial label"}`);
  }
  return lines;
}

function evidenceLines(claim: string, evidence: readonly Evidence[]): string[] {
  if (evidence.length === 0) return [`  - ${claim}: nothing says so`];
  return [`  - ${claim}:`, ...evidence.map((item) => `    - ${item.file}:${item.line}: ${item.message}`)];
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
