// The engine: build the repository model, run every enabled rule, and return sorted findings.
// Pure: the snapshot and the cache are passed in by the adapters.
import { ConfigurationError, ruleOptions, ruleSeverity, type GovernanceConfig } from "./config.js";
import { buildRepositoryModel, MODEL_VERSION, type DocumentCache, type RepositoryModel } from "./model/repository.js";
import { RULES } from "./rules/index.js";
import { formatMessage, type AnyRule } from "./rules/rule.js";
import { compareFindings, SEVERITY_RANK, type Finding, type RepositorySnapshot } from "./types.js";

export interface GovernanceRun {
  findings: Finding[];
  model: RepositoryModel;
  stats: {
    governedFiles: number;
    parsedFiles: number;
    cachedFiles: number;
    rulesRun: number;
    findingsBySeverity: Record<Finding["severity"], number>;
  };
}

export interface RunOptions {
  config: GovernanceConfig;
  cache?: DocumentCache;
  /** Defaults to every rule in the catalogue. */
  rules?: readonly AnyRule[];
}

export function runGovernance(snapshot: RepositorySnapshot, options: RunOptions): GovernanceRun {
  const { config } = options;
  const rules = options.rules ?? RULES;
  checkRuleSettings(config, rules);
  const model = buildRepositoryModel(snapshot, config, { cache: options.cache });
  const findings: Finding[] = [];
  let rulesRun = 0;
  for (const rule of rules) {
    const severity = ruleSeverity(config, rule.id, rule.defaultSeverity);
    if (severity === "off") continue;
    const parsed = rule.options.safeParse(ruleOptions(config, rule.id));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const key = ["rules", rule.id, "options", ...issue.path.map(String)].join(".");
      throw new ConfigurationError(`key \`${key}\`: ${issue.message}`);
    }
    const docsUrl = `${config.docsBaseUrl.replace(/\/+$/, "")}/${rule.id}.md`;
    rulesRun++;
    rule.check({
      model,
      options: parsed.data,
      memo(key, compute) {
        const fullKey = `rule:${MODEL_VERSION}:${rule.id}:${key}`;
        const hit = options.cache?.get(fullKey);
        if (hit !== undefined) return hit as ReturnType<typeof compute>;
        const value = compute();
        options.cache?.set(fullKey, value);
        return value;
      },
      report(report) {
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
        findings.push(finding);
      },
    });
  }
  findings.sort(compareFindings);
  const findingsBySeverity = { error: 0, warning: 0, notice: 0 };
  for (const finding of findings) findingsBySeverity[finding.severity]++;
  return {
    findings,
    model,
    stats: {
      governedFiles: model.governed.length,
      parsedFiles: model.stats.parsed,
      cachedFiles: model.stats.cached,
      rulesRun,
      findingsBySeverity,
    },
  };
}

/** A configured rule id that does not exist is a configuration error, not a silent no-op. */
function checkRuleSettings(config: GovernanceConfig, rules: readonly AnyRule[]): void {
  const known = new Set(rules.map((rule) => rule.id));
  for (const id of Object.keys(config.rules)) {
    if (!known.has(id)) throw new ConfigurationError(`unknown key \`rules.${id}\`: no rule has this id`);
  }
}
