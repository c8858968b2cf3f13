// A rule's settings as the configuration gives them: its severity (or `off`) and its options,
// validated by the rule's own schema. The engine configures the rules it runs with this, and the
// re-run paths configure `rerun-mismatch` with it, so both report a bad option the same way.
import { ConfigurationError, ruleOptions, ruleSeverity, type GovernanceConfig, type SeveritySetting } from "../config.js";
import type { RuleDefinition } from "./rule.js";

export interface RuleSettings<Options> {
  severity: SeveritySetting;
  options: Options;
}

/** Throws ConfigurationError naming the key when the rule's options are invalid. */
export function configureRule<Options>(config: GovernanceConfig, rule: RuleDefinition<Options>): RuleSettings<Options> {
  const severity = ruleSeverity(config, rule.id, rule.defaultSeverity);
  const parsed = rule.options.safeParse(ruleOptions(config, rule.id));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = ["rules", rule.id, "options", ...issue.path.map(String)].join(".");
    throw new ConfigurationError(`key \`${key}\`: ${issue.message}`);
  }
  return { severity, options: parsed.data };
}
