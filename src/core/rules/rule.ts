// The rule contract. A rule visits the repository model and reports problems; the engine adds the
// rule id, the configured severity and the docs link, so rules never handle those.
import type { z } from "zod";
import type { RepositoryModel } from "../model/repository.js";
import { SEVERITY_RANK, type Finding, type Location, type Severity } from "../types.js";

export interface RuleReport {
  /** Key into the rule's `messages`. */
  messageId: string;
  /** Values for `{name}` placeholders in the message template. */
  data?: Record<string, string | number>;
  file: string;
  line: number;
  column?: number;
  related?: Array<Location & { message: string }>;
  details?: string;
  /**
   * Lower this one finding's severity below the configured one (e.g. evidence found only in prose
   * is a notice). A report can only lower the severity, never raise it.
   */
  severity?: Severity;
}

export interface RuleContext<Options> {
  /**
   * A rule reads files through the model's extractions, or their text through `model.snapshot`.
   * Content ids (`model.snapshot.hash`) may key memos and tell whether a file exists, but no
   * finding may depend on their value: a file a run only keyed may change without the run's
   * findings being recomputed (ADR-0018).
   */
  model: RepositoryModel;
  options: Options;
  report(report: RuleReport): void;
  /**
   * Memoise an expensive pure computation in the extraction cache, so a warm run skips it. The
   * key must name every input the result depends on (content ids of the files read, a digest of
   * the options or catalogue used); the value must be plain data.
   */
  memo<T>(key: string, compute: () => T): T;
  /**
   * Memoise work done for one file by the file's content id, so a run after a small change
   * recomputes only the files that changed. `compute` may read that file (its document or its
   * text), the options and the configuration; `inputs` must name anything else it reads (e.g. a
   * digest of the ADR file names). Each path at most once per run; the value must be plain data.
   */
  memoFile<T>(path: string, compute: () => T, inputs?: string): T;
  /** `memoFile` for reports: run `check` for one file, or replay its reports while it is unchanged. */
  checkFile(path: string, check: (report: (report: RuleReport) => void) => void, inputs?: string): void;
}

/** What every rule of the catalogue has: an id, a severity, a docs page's sentence, its messages. */
export interface RuleDefinition<Options = Record<string, never>> {
  id: string;
  defaultSeverity: Severity;
  /** One sentence for docs and `--explain`. */
  description: string;
  /** Message templates, `Unexpected \`{found}\`, expected \`{expected}\`` style. */
  messages: Record<string, string>;
  /** Validates and defaults the rule's options (`schema.parse({})` gives the defaults). */
  options: z.ZodType<Options>;
}

/** A rule the engine runs over the repository model. */
export interface Rule<Options = Record<string, never>> extends RuleDefinition<Options> {
  check(context: RuleContext<Options>): void;
}

/** A context that caches nothing, for callers outside the engine (`--explain`): every memo computes. */
export function uncachedContext<Options>(model: RepositoryModel, options: Options, report: (report: RuleReport) => void): RuleContext<Options> {
  return {
    model,
    options,
    report,
    memo: (_key, compute) => compute(),
    memoFile: (_path, compute) => compute(),
    checkFile: (_path, check) => check(report),
  };
}

/** Identity helper that keeps the options type tied to the schema. */
export function defineRule<Options>(rule: Rule<Options>): Rule<Options> {
  return rule;
}

// Rules are stored in a heterogeneous list; the engine validates options before calling them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<any>;

/** The link to a rule's docs page: `${docsBaseUrl}/${ruleId}.md`. */
export function ruleDocsUrl(docsBaseUrl: string, ruleId: string): string {
  return `${docsBaseUrl.replace(/\/+$/, "")}/${ruleId}.md`;
}

/**
 * A rule's report as a finding: the message formatted, the configured severity (a report may only
 * lower it), positions at least 1.
 */
export function findingOf(rule: RuleDefinition<unknown>, severity: Severity, docsUrl: string, report: RuleReport): Finding {
  const template = rule.messages[report.messageId];
  if (template === undefined) throw new Error(`rule ${rule.id} reported unknown message id ${report.messageId}`);
  const finding: Finding = {
    ruleId: rule.id,
    severity: report.severity && SEVERITY_RANK[report.severity] > SEVERITY_RANK[severity] ? report.severity : severity,
    message: formatMessage(template, report.data),
    file: report.file,
    line: Math.max(1, report.line),
    column: Math.max(1, report.column ?? 1),
    docsUrl,
  };
  if (report.related?.length) finding.related = report.related;
  if (report.details) finding.details = report.details;
  return finding;
}

export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in data ? String(data[name]) : whole));
}
