// codec-lift: a codec-aware production model must show a PLCC lift of at least the threshold over
// its baseline on a multi-codec split (ADR-0235 of the governed repository: +0.005). With per-fold
// values for both models on the same folds, the lift is the paired per-fold difference, reported
// with its Student t confidence interval; see docs/rules/codec-lift.md for the method.
import * as z from "zod";
import {
  DEFAULT_GATE_SCOPE,
  GateScope,
  describeEvidence,
  describeProduction,
  evidenceContext,
  formatPlcc,
  inGateScope,
  pairedLift,
  relatedAt,
  where,
  type EvidenceContext,
  type Figure,
  type FoldValue,
  type ModelArtefact,
  type PairedLift,
} from "../evidence/index.js";
import { numberAt, recordAt, stringAt, type FieldPath } from "../evidence/json-fields.js";
import { jsonFigure } from "../evidence/loso.js";
import type { SidecarDocument } from "../model/sidecar.js";
import { defineRule } from "./rule.js";

export const CodecLiftOptions = z
  .object({
    /** Minimum PLCC lift over the baseline. */
    liftThreshold: z.number().min(0).max(1).default(0.005),
    /** Confidence level of the paired interval. */
    confidence: z.number().gt(0).lt(1).default(0.95),
    /** Baseline per model id, for sidecars that do not declare one (`{fr_regressor_v2: fr_regressor_v1}`). */
    baselines: z.record(z.string(), z.string()).default({}),
    scope: GateScope.default({ ...DEFAULT_GATE_SCOPE, ids: [".*"] }),
  })
  .strict();
export type CodecLiftOptions = z.infer<typeof CodecLiftOptions>;

const BASELINE_FIELDS: FieldPath[] = [["baseline"], ["baseline_id"], ["baseline_model"], ["training", "baseline"], ["training", "baseline_id"]];

export const codecLift = defineRule<CodecLiftOptions>({
  id: "codec-lift",
  defaultSeverity: "error",
  description: "A codec-aware production model has no measured PLCC lift of at least the threshold over its baseline.",
  messages: {
    noLiftNoBaseline:
      "Missing declared baseline and measured PLCC lift for codec-aware production model `{model}`, expected a lift of at least `{threshold}` over a declared baseline on a multi-codec split",
    noLift: "Missing measured PLCC lift for codec-aware production model `{model}` over `{baseline}`, expected a lift of at least `{threshold}` on a multi-codec split",
    recordedLiftBelow: "Unexpected PLCC lift `{lift}` for codec-aware model `{model}` over `{baseline}`, expected at least `{threshold}`",
    pairedLiftBelow:
      "Unexpected paired PLCC lift `{lift}` of `{model}` over `{baseline}` ({level}% CI `[{low}, {high}]`, n = `{n}`), expected at least `{threshold}`",
    liftIndistinguishable:
      "Unexpected paired PLCC lift `{lift}` of `{model}` over `{baseline}` indistinguishable from zero ({level}% CI `[{low}, {high}]`, n = `{n}`), expected an interval that excludes `0`",
  },
  options: CodecLiftOptions,
  check({ model, options, report }) {
    const context = evidenceContext(model);
    for (const artefact of context.artefacts) {
      if (!artefact.production || !artefact.codecAware || !inGateScope(artefact, options.scope)) continue;
      const anchor = artefact.codecAware;
      const baseline = declaredBaseline(context, artefact, options);
      const baselineArtefact = baseline ? context.byId.get(baseline.id) : undefined;
      const threshold = String(options.liftThreshold);
      const baselineName = baseline?.id ?? "no declared baseline";
      const header = [
        `Gate: PLCC lift >= ${threshold} over the baseline on a multi-codec split (option \`liftThreshold\`; the default follows ADR-0235)`,
        ...describeProduction(artefact),
        `Codec-aware: ${where(anchor)}`,
        `Baseline: ${baseline ? `\`${baseline.id}\` from ${baseline.from}` : "none declared (sidecar `baseline` field or option `baselines`)"}`,
      ];
      const modelFolds = foldsOf(context, artefact);
      const baselineFolds = baselineArtefact ? foldsOf(context, baselineArtefact) : null;
      const paired = modelFolds && baselineFolds ? pairedLift(modelFolds.folds, baselineFolds.folds, options.confidence) : null;

      if (paired && paired.n >= 2 && paired.interval) {
        const data = {
          model: artefact.id,
          baseline: baselineName,
          lift: signed(paired.meanLift),
          low: signed(paired.interval[0]),
          high: signed(paired.interval[1]),
          n: paired.n,
          level: Math.round(options.confidence * 100),
          threshold,
        };
        const details = [...header, `Model folds: ${modelFolds!.basis}`, `Baseline folds: ${baselineFolds!.basis}`, ...describePaired(paired)].join("\n");
        const related = [relatedAt(modelFolds!.folds[0]!.source, "model per-fold PLCC"), relatedAt(baselineFolds!.folds[0]!.source, "baseline per-fold PLCC")];
        if (paired.meanLift < options.liftThreshold) {
          report({ messageId: "pairedLiftBelow", data, file: anchor.file, line: anchor.line, column: anchor.column, related, details });
        } else if (!paired.distinguishableFromZero) {
          report({ messageId: "liftIndistinguishable", data, file: anchor.file, line: anchor.line, column: anchor.column, related, details, severity: "notice" });
        }
        continue;
      }

      const recorded = recordedLift(context, artefact);
      if (recorded) {
        if (recorded.value >= options.liftThreshold) continue;
        report({
          messageId: "recordedLiftBelow",
          data: { model: artefact.id, baseline: baselineName, lift: signed(recorded.value), threshold },
          file: recorded.source.file,
          line: recorded.source.line,
          column: recorded.source.column,
          related: [relatedAt(anchor, "codec-aware")],
          details: [...header, `Recorded lift: ${signed(recorded.value)} at ${where(recorded.source)}`, `Verdict: FAIL: ${signed(recorded.value)} < ${threshold}`].join("\n"),
        });
        continue;
      }

      const why: string[] = [];
      if (!baseline) why.push("no baseline is declared, so no paired comparison is possible");
      else if (!baselineArtefact) why.push(`the baseline \`${baseline.id}\` is not a known model`);
      else if (!modelFolds) why.push(`\`${artefact.id}\` has no per-fold LOSO values`);
      else if (!baselineFolds) why.push(`the baseline \`${baseline.id}\` has no per-fold LOSO values`);
      else why.push(`the two models share ${paired?.n ?? 0} fold(s); at least 2 are needed for a paired interval`);
      why.push("no sidecar field records a lift (a numeric field whose name contains `lift`)");
      report({
        messageId: baseline ? "noLift" : "noLiftNoBaseline",
        data: { model: artefact.id, baseline: baselineName, threshold },
        file: anchor.file,
        line: anchor.line,
        column: anchor.column,
        related: baselineArtefact ? [relatedAt(baselineArtefact.anchor, `baseline \`${baselineArtefact.id}\``)] : [],
        details: [...header, ...(modelFolds ? [`Model folds: ${modelFolds.basis}`] : []), ...context.losoEvidence(artefact).filter((e) => e.structured).map((e) => `Model evidence: ${describeEvidence(e)}`), "Why no lift is measured:", ...why.map((reason) => `  - ${reason}`), "Verdict: FAIL: no measured lift"].join("\n"),
      });
    }
  },
});

function declaredBaseline(context: EvidenceContext, artefact: ModelArtefact, options: CodecLiftOptions): { id: string; from: string } | null {
  for (const sidecar of liftSidecars(context, artefact)) {
    for (const path of BASELINE_FIELDS) {
      const id = stringAt(sidecar.data, path);
      if (id) return { id, from: where(context.locator.ref(sidecar.path, path)) };
    }
  }
  const configured = options.baselines[artefact.id];
  return configured ? { id: configured, from: `option \`baselines.${artefact.id}\`` } : null;
}

/**
 * Where a model's baseline and recorded lift may be stated: its own sidecar, then, for an
 * ensemble member (`ensemble_id`), the ensemble's manifest, which speaks for every member.
 */
function liftSidecars(context: EvidenceContext, artefact: ModelArtefact): SidecarDocument[] {
  const own = artefact.sidecar;
  if (!own) return [];
  const ensembleId = stringAt(own.data, ["ensemble_id"]);
  const ensemble = ensembleId === undefined || ensembleId === artefact.id ? undefined : context.byId.get(ensembleId)?.sidecar;
  return ensemble ? [own, ensemble] : [own];
}

/** Per-fold LOSO values of a model: the first structured evidence that has them. */
function foldsOf(context: EvidenceContext, artefact: ModelArtefact): { folds: FoldValue[]; basis: string } | null {
  const evidence = context.losoEvidence(artefact).find((item) => item.structured && item.folds && item.folds.length > 0);
  return evidence ? { folds: evidence.folds!, basis: `${evidence.folds!.length} folds, ${evidence.basis} (${where(evidence.mean.source)})` } : null;
}

/** A lift the sidecar records itself: a numeric field whose name contains `lift`. */
function recordedLift(context: EvidenceContext, artefact: ModelArtefact): Figure | null {
  for (const sidecar of liftSidecars(context, artefact)) {
    for (const parent of [[], ["training"], ["gate"], ["eval"]] as FieldPath[]) {
      const record = parent.length ? recordAt(sidecar.data, parent) : recordAt(sidecar.data, []) ?? (sidecar.data as Record<string, unknown>);
      if (!record) continue;
      for (const key of Object.keys(record)) {
        if (!/lift/i.test(key)) continue;
        const value = numberAt(sidecar.data, [...parent, key]);
        if (value !== undefined) return jsonFigure(value, context.locator.ref(sidecar.path, [...parent, key]));
      }
    }
  }
  return null;
}

function signed(value: number): string {
  return `${value >= 0 ? "+" : "-"}${Math.abs(value).toFixed(4)}`;
}

function describePaired(paired: PairedLift): string[] {
  const lines = [`Paired per-fold lift over ${paired.n} shared folds (model - baseline):`];
  for (const fold of paired.folds) lines.push(`  - ${fold.name}: ${fold.model.toFixed(4)} - ${fold.baseline.toFixed(4)} = ${signed(fold.lift)}`);
  lines.push(`Mean lift ${signed(paired.meanLift)}, sample sd ${paired.sd.toFixed(4)}, df ${paired.n - 1}`);
  if (paired.interval) {
    lines.push(`${Math.round(paired.confidence * 100)}% CI (Student t): [${signed(paired.interval[0])}, ${signed(paired.interval[1])}]`);
    lines.push(paired.distinguishableFromZero ? "The interval excludes 0: the lift is distinguishable from zero" : "The interval contains 0: the lift is not distinguishable from zero");
  }
  return lines;
}
