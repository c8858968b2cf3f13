// The public API: small on purpose, and pinned by test/public-api.test.ts.
export { runGovernance, type GovernanceRun, type RunOptions } from "./core/engine.js";
export { classifyFindings, verdictOf, type Verdict } from "./core/diff.js";
export { parseConfig, defaultConfig, ConfigurationError, GovernanceConfig } from "./core/config.js";
export { RERUN_RULES, RULES } from "./core/rules/index.js";
export { renderDiscoveryReport, DiscoveryReportError, type DiscoveryReportOptions } from "./core/report/index.js";
export { MemorySnapshot, type Finding, type ClassifiedFinding, type Severity, type RepositorySnapshot } from "./core/types.js";
