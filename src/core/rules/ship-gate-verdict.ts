// ship-gate-verdict: a stated verdict must agree with the numbers it rests on. A PASS (digest
// verdict, `gate_passed: true`, `gate.passed: true`, `verdict: PROMOTE`) with a figure on the wrong
// side of its threshold, a FAIL whose every recorded condition holds, and a registry promotion
// (`smoke: false`) of a model whose own recorded gate failed are all contradictions.
import {
  ShipGateOptions,
  collectStatedVerdicts,
  evidenceContext,
  holds,
  idInGateScope,
  inGateScope,
  relatedAt,
  showFigure,
  where,
  type GateCondition,
  type StatedVerdict,
} from "../evidence/index.js";
import { defineRule } from "./rule.js";

export const shipGateVerdict = defineRule<ShipGateOptions>({
  id: "ship-gate-verdict",
  defaultSeverity: "error",
  description: "A stated gate verdict (PASS, gate_passed, PROMOTE, a registry promotion) contradicts the numbers it rests on.",
  messages: {
    passContradicted: "Unexpected verdict `{statement}` for `{subject}`, expected a failing verdict because `{condition}`",
    failContradicted: "Unexpected verdict `{statement}` for `{subject}`, expected a passing verdict because every recorded condition holds (`{condition}`)",
    promotionContradicted: "Unexpected registry promotion `smoke: false` for `{model}`, expected `smoke: true` because `{statement}` records a failing gate",
  },
  options: ShipGateOptions,
  check({ model, options, report }) {
    const context = evidenceContext(model);
    const inScope = (id: string): boolean => {
      const artefact = context.byId.get(id);
      return artefact !== undefined ? inGateScope(artefact, options.scope) : idInGateScope(id, options.scope);
    };
    const verdicts = collectStatedVerdicts(context, { threshold: options.threshold, inScope });
    for (const verdict of verdicts) {
      if (verdict.conditions.length === 0) continue;
      const failing = verdict.conditions.filter((condition) => !holds(condition));
      if (verdict.outcome === "pass" && failing.length) {
        const condition = failing[0]!;
        report({
          messageId: "passContradicted",
          data: { statement: verdict.statement, subject: verdict.subject, condition: describeCondition(condition) },
          file: verdict.source.file,
          line: verdict.source.line,
          column: verdict.source.column,
          related: failing.map((item) => relatedAt(item.figure.source, `${describeCondition(item)} (threshold from ${item.thresholdSource})`)),
          details: verdictChain(verdict, "the verdict says PASS but a condition fails"),
        });
      } else if (verdict.outcome === "fail" && failing.length === 0) {
        const condition = verdict.conditions[0]!;
        report({
          messageId: "failContradicted",
          data: { statement: verdict.statement, subject: verdict.subject, condition: describeCondition(condition) },
          file: verdict.source.file,
          line: verdict.source.line,
          column: verdict.source.column,
          related: verdict.conditions.map((item) => relatedAt(item.figure.source, `${describeCondition(item)} (threshold from ${item.thresholdSource})`)),
          details: verdictChain(verdict, "the verdict says FAIL but every recorded condition holds"),
        });
      }
    }
    // A promotion in the registry rests on the model's own recorded gate verdicts.
    for (const artefact of context.artefacts) {
      const entry = artefact.registryEntry;
      if (!entry || entry.smoke !== false || !entry.smokeSource) continue;
      const failed = verdicts.find((verdict) => verdict.outcome === "fail" && verdict.modelIds.includes(artefact.id) && verdict.source.file !== entry.source.file);
      if (!failed) continue;
      report({
        messageId: "promotionContradicted",
        data: { model: artefact.id, statement: failed.statement },
        file: entry.smokeSource.file,
        line: entry.smokeSource.line,
        column: entry.smokeSource.column,
        related: [relatedAt(failed.source, `records \`${failed.statement}\``)],
        details: verdictChain(failed, `the registry promotes \`${artefact.id}\` (${where(entry.smokeSource)}) although this verdict failed`),
      });
    }
  },
});

function describeCondition(condition: GateCondition): string {
  const ok = holds(condition);
  const op = condition.op === ">=" ? (ok ? ">=" : "<") : ok ? "<=" : ">";
  return `${condition.name} ${showFigure(condition.figure)} ${op} ${condition.threshold}`;
}

function verdictChain(verdict: StatedVerdict, conclusion: string): string {
  const lines = [
    `Verdict: \`${verdict.statement}\` (${verdict.outcome.toUpperCase()}) at ${where(verdict.source)}`,
    `About: ${verdict.subject}`,
    "Conditions it rests on:",
    ...verdict.conditions.map(
      (condition) => `  - ${describeCondition(condition)}: ${holds(condition) ? "holds" : "fails"}; figure at ${where(condition.figure.source)}; threshold from ${condition.thresholdSource}`,
    ),
    `Conclusion: ${conclusion}`,
  ];
  return lines.join("\n");
}
