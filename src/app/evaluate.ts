// From two snapshots of a pull request to its verdict model: which governed paths changed, which
// findings are new, what a configuration edit would do, which report rows move, which labels
// apply. No I/O: the job hands in snapshots and configuration text read with git.
import { ConfigurationError, DEFAULT_CONFIG_PATH, parseConfig, type GovernanceConfig } from "../core/config.js";
import { classifyFindings, compareWithBase, findingFingerprint, verdictOf } from "../core/diff.js";
import { runGovernance } from "../core/engine.js";
import { detectRenames } from "../core/renames.js";
import { createClassifier, type DocumentCache } from "../core/model/repository.js";
import type { ConfigPreview, PullRequestVerdict, ReportSectionChanges } from "../core/render/pull-request-verdict.js";
import { diffReportRows, renderDiscoveryReport } from "../core/report/index.js";
import type { Finding, RepositorySnapshot } from "../core/types.js";
import { artefactFlags } from "../core/labels.js";

/** Which managed labels apply to the pull request. */
export type ArtefactFlags = ReturnType<typeof artefactFlags>;

export interface PullRequestEvaluationInput {
  head: RepositorySnapshot;
  mergeBase: RepositorySnapshot;
  headSha: string;
  mergeBaseSha: string;
  /** The configuration file at the tip of the base branch; undefined means the defaults. */
  baseConfigText: string | undefined;
  /** The configuration file at the head, when the pull request edits it. */
  headConfigText?: string | undefined;
  /** Paths the pull request changes (merge base to head). */
  changedPaths: readonly string[];
  cache?: DocumentCache;
  repositoryUrl?: string;
}

export interface PullRequestEvaluation {
  verdict: PullRequestVerdict;
  labels: ArtefactFlags;
}

const NO_LABELS: ArtefactFlags = { syntheticStub: false, nonCommercial: false };

/** Parse configuration text, or the defaults when the file is absent. */
export function configFromText(text: string | undefined): GovernanceConfig {
  return parseConfig(text ?? "", DEFAULT_CONFIG_PATH);
}

/** Every path either configuration governs, plus the configuration itself: what the job preloads. */
export function governedByEither(configs: ReadonlyArray<GovernanceConfig | undefined>): (path: string) => boolean {
  const classifiers = configs.filter((c): c is GovernanceConfig => c !== undefined).map(createClassifier);
  return (path) => path === DEFAULT_CONFIG_PATH || classifiers.some((classifier) => classifier.classify(path) !== null);
}

export function evaluatePullRequest(input: PullRequestEvaluationInput): PullRequestEvaluation {
  const base = { headSha: input.headSha, mergeBaseSha: input.mergeBaseSha, repositoryUrl: input.repositoryUrl };
  let config: GovernanceConfig;
  try {
    config = configFromText(input.baseConfigText);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    return configErrorVerdict(base, error, []);
  }

  const classifier = createClassifier(config);
  const configEdited = input.changedPaths.includes(DEFAULT_CONFIG_PATH);
  const changedGovernedPaths = input.changedPaths.filter((path) => classifier.classify(path) !== null || path === DEFAULT_CONFIG_PATH);
  const configPreview = configEdited ? previewConfiguration(input, config) : undefined;
  if (changedGovernedPaths.length === 0) {
    return { verdict: { ...base, outcome: "neutral", findings: [], changedGovernedPaths }, labels: NO_LABELS };
  }

  let headRun: ReturnType<typeof runGovernance>;
  let baseRun: ReturnType<typeof runGovernance>;
  try {
    headRun = runGovernance(input.head, { config, cache: input.cache });
    baseRun = runGovernance(input.mergeBase, { config, cache: input.cache });
  } catch (error) {
    // The engine validates rule ids and rule options after parsing.
    if (!(error instanceof ConfigurationError)) throw error;
    return configErrorVerdict(base, error, changedGovernedPaths);
  }
  const renames = detectRenames(input.mergeBase, input.head, (path) => classifier.classify(path));
  const comparison = compareWithBase(headRun.findings, baseRun.findings.map(findingFingerprint), renames);
  const findings = comparison.findings;
  const resolved = comparison.resolved.map((index) => baseRun.findings[index]!);
  const verdict: PullRequestVerdict = {
    ...base,
    outcome: verdictOf(findings),
    findings,
    ...(resolved.length ? { resolved } : {}),
    changedGovernedPaths,
    configPreview,
    reportChanges: reportChanges(input, config, changedGovernedPaths),
  };
  // A pull request that turns a stub into a "real" model, or drops a non-commercial dataset from
  // the training data, touches exactly what the labels ask reviewers to look at: flags at the
  // merge base count too.
  const headFlags = artefactFlags(headRun.model, changedGovernedPaths);
  const baseFlags = artefactFlags(baseRun.model, changedGovernedPaths);
  const labels = { syntheticStub: headFlags.syntheticStub || baseFlags.syntheticStub, nonCommercial: headFlags.nonCommercial || baseFlags.nonCommercial };
  return { verdict, labels };
}

function configErrorVerdict(
  base: Pick<PullRequestVerdict, "headSha" | "mergeBaseSha" | "repositoryUrl">,
  error: ConfigurationError,
  changedGovernedPaths: readonly string[],
): PullRequestEvaluation {
  // Errors from the engine carry the key but not the file: say which file, once.
  const message = error.message.startsWith(DEFAULT_CONFIG_PATH) ? error.message : `${DEFAULT_CONFIG_PATH}: ${error.message}`;
  return {
    verdict: { ...base, outcome: "config-error", findings: [], changedGovernedPaths, configurationError: message },
    labels: NO_LABELS,
  };
}

/** What the proposed configuration would change at the head, compared with the base's. */
function previewConfiguration(input: PullRequestEvaluationInput, baseConfig: GovernanceConfig): ConfigPreview {
  const preview: ConfigPreview = { path: DEFAULT_CONFIG_PATH, appeared: [], disappeared: [] };
  let withProposed: Finding[];
  let withBase: Finding[];
  try {
    withProposed = runGovernance(input.head, { config: configFromText(input.headConfigText), cache: input.cache }).findings;
    withBase = runGovernance(input.head, { config: baseConfig, cache: input.cache }).findings;
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    return { ...preview, error: error.message };
  }
  return { ...preview, appeared: multisetMinus(withProposed, withBase), disappeared: multisetMinus(withBase, withProposed) };
}

/** Findings of `a` with no counterpart in `b`, matched like pull-request classification. */
function multisetMinus(a: readonly Finding[], b: readonly Finding[]): Finding[] {
  const inB = classifyFindings(a, b);
  return inB.filter((finding) => finding.new).map(({ new: _new, ...finding }) => finding);
}

/**
 * Discovery-report rows the pull request changes. Only sidecars and cards feed the report; a report
 * that cannot be generated at either side is the report rules' business, not the comment's.
 */
function reportChanges(input: PullRequestEvaluationInput, config: GovernanceConfig, changed: readonly string[]): ReportSectionChanges[] | undefined {
  const classifier = createClassifier(config);
  if (!changed.some((path) => ["sidecar", "card", "registry"].includes(classifier.classify(path) ?? ""))) return undefined;
  try {
    const diff = diffReportRows(renderDiscoveryReport(input.mergeBase, config), renderDiscoveryReport(input.head, config));
    return diff.length ? diff : undefined;
  } catch {
    return undefined;
  }
}
