// The engine: build the repository model, run every enabled rule, and return sorted findings.
// Pure: the snapshot and the cache are passed in by the adapters.
import { ConfigurationError, type GovernanceConfig, type SeveritySetting } from "./config.js";
import { RecordingSnapshot, sameContent, sameFindings, withCurrentContent } from "./dependencies.js";
import { buildRepositoryModel, createClassifier, extractCached, extractionKey, MODEL_VERSION, type DocumentCache, type RepositoryModel } from "./model/repository.js";
import { RERUN_RULES, RULES } from "./rules/index.js";
import { configureRule } from "./rules/configure.js";
import { findingOf, ruleDocsUrl, type AnyRule } from "./rules/rule.js";
import { FileMemo } from "./file-memo.js";
import type { RuleReport } from "./rules/rule.js";
import { findingFingerprint } from "./diff.js";
import { compareFindings, contentId, sameData, type Finding, type RepositorySnapshot } from "./types.js";

export interface GovernanceRun {
  findings: Finding[];
  /** findingFingerprint of every finding: all a comparison with another run needs. */
  readonly fingerprints: readonly string[];
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
  const { config, cache } = options;
  const rules = options.rules ?? RULES;
  checkRuleSettings(config, rules);
  const enabled = configureRules(config, rules);
  if (!cache) return evaluate(snapshot, config, enabled, undefined);

  // A run's findings depend only on the rules and their settings, the configuration, the list of
  // paths and the files the model and the rules used (see dependencies.ts). When all of those match
  // an earlier run, reuse its findings: a warm run over an unchanged repository builds no model and
  // runs no rule. The model stays available, built on first use.
  const settings = [
    JSON.stringify(config),
    ...enabled.map((rule) => `${rule.rule.id}:${rule.severity}:${JSON.stringify(rule.options)}`),
    ...snapshot.paths(),
  ].join("\n");
  const slotKey = `run:${MODEL_VERSION}:${contentId(settings)}`;
  const stored = cache.get(slotKey) as RunSlot | undefined;
  // The key is a short hash; the slot keeps the full settings, so a collision is a miss.
  const slot = stored?.settings === settings ? stored.runs : [];
  const findingsKept = (run: CachedRun) => (cache.has ? cache.has(run.findingsKey) : cache.get(run.findingsKey) !== undefined);
  const reuse = (run: CachedRun, parsedFiles = 0): GovernanceRun => reusedRun(run, parsedFiles, snapshot, config, enabled, cache);
  const hit = slot.find((run) => sameContent(run.inputs, snapshot) && findingsKept(run));
  if (hit) return reuse(hit);

  // Early cut-off (ADR-0018): files changed, but only in ways no finding can see. The extractions
  // parsed for the comparison stay cached for the full run when the cut-off fails.
  const classifier = createClassifier(config);
  const parsed = { parsed: 0, cached: 0 };
  const newKeys = new Set<string>();
  const sameExtraction = (path: string, id: string): boolean => {
    const kind = classifier.classify(path);
    if (kind === null || kind === "registry-schema") return false;
    const before = cache.get(extractionKey(kind, id, path));
    if (before === undefined) return false;
    const now = extractCached(snapshot, path, kind, cache, parsed);
    const currentId = snapshot.hash(path);
    if (currentId !== undefined) newKeys.add(extractionKey(kind, currentId, path));
    return now !== undefined && sameData(before, now);
  };
  const equivalent = slot.find((run) => findingsKept(run) && sameFindings(run.inputs, snapshot, sameExtraction));
  if (equivalent) {
    const entry: CachedRun = {
      ...equivalent,
      inputs: withCurrentContent(equivalent.inputs, snapshot),
      cacheKeys: [...new Set([...equivalent.cacheKeys.split(NUL), ...newKeys])].join(NUL),
    };
    cache.set(slotKey, { settings, runs: [entry, ...slot.filter((run) => run !== equivalent).slice(0, RUN_SLOTS - 1)] } satisfies RunSlot);
    return reuse(entry, parsed.parsed);
  }

  const reads = new RecordingSnapshot(snapshot);
  const cacheKeys = new Set<string>();
  const recordingCache: DocumentCache = {
    get: (key) => (cacheKeys.add(key), cache.get(key)),
    set: (key, value, setOptions) => (cacheKeys.add(key), cache.set(key, value, setOptions)),
  };
  const run = evaluate(reads, config, enabled, recordingCache, reads);
  // Files the cut-off parsed were parsed by this run, though the model found them cached.
  run.stats.parsedFiles += parsed.parsed;
  run.stats.cachedFiles -= parsed.parsed;
  const inputs = reads.serialize();
  // Findings live in their own entry, read only when the run is reused: checking the slot for a
  // match (every run of a pull-request check does) decodes two strings per remembered run.
  const findingsKey = `run-findings:${MODEL_VERSION}:${contentId(`${slotKey}\n${inputs}`)}`;
  cache.set(findingsKey, structuredClone(run.findings));
  const entry: CachedRun = {
    inputs,
    findingsKey,
    fingerprints: JSON.stringify(run.fingerprints),
    stats: run.stats,
    cacheKeys: [...cacheKeys, findingsKey].join(NUL),
  };
  cache.set(slotKey, { settings, runs: [entry, ...slot.slice(0, RUN_SLOTS - 1)] } satisfies RunSlot);
  // Rules and later readers see the caller's snapshot, not the recording wrapper.
  run.model.snapshot = snapshot;
  return run;
}

/** A remembered run's findings, decoded on first use; its model is built only when asked for. */
function reusedRun(
  run: CachedRun,
  parsedFiles: number,
  snapshot: RepositorySnapshot,
  config: GovernanceConfig,
  enabled: readonly EnabledRule[],
  cache: DocumentCache,
): GovernanceRun {
  // Refresh what the run used, so a persisted cache does not evict it while the run is reused;
  // touch() does so without decoding values the reused run never reads.
  for (const key of run.cacheKeys.split(NUL)) cache.touch ? cache.touch(key) : cache.get(key);
  // Findings and model are built on first use: the merge base of a pull-request check only
  // needs the fingerprints.
  let findings: Finding[] | undefined;
  let fingerprints: string[] | undefined;
  let model: RepositoryModel | undefined;
  return {
    get findings() {
      if (findings === undefined) {
        const stored = cache.get(run.findingsKey) as Finding[] | undefined;
        // Gone since the check above (a damaged entry is dropped when read): compute them again.
        findings = stored ? structuredClone(stored) : evaluate(snapshot, config, enabled, cache).findings;
      }
      return findings;
    },
    set findings(value) {
      findings = value;
    },
    get fingerprints() {
      fingerprints ??= JSON.parse(run.fingerprints) as string[];
      return fingerprints;
    },
    get model() {
      model ??= buildRepositoryModel(snapshot, config, { cache });
      return model;
    },
    stats: { ...run.stats, parsedFiles, cachedFiles: run.stats.parsedFiles + run.stats.cachedFiles - parsedFiles },
  };
}

/** Runs remembered per list of paths and settings: enough for a head and its merge base. */
const RUN_SLOTS = 4;

interface RunSlot {
  settings: string;
  /** Most recent first. */
  runs: CachedRun[];
}

// Paths and cache keys never contain NUL; one long string decodes far faster than thousands of
// short ones.
const NUL = "\u0000";

interface CachedRun {
  /** How the run used each file, with the content id it saw (RecordingSnapshot.serialize). */
  inputs: string;
  /** Cache key of the run's findings. */
  findingsKey: string;
  /** The findings' fingerprints as a JSON array: one string to decode, not hundreds of objects. */
  fingerprints: string;
  stats: GovernanceRun["stats"];
  /** Cache entries the run read or wrote (extractions, rule memos), NUL-separated. */
  cacheKeys: string;
}

interface EnabledRule {
  rule: AnyRule;
  severity: Exclude<SeveritySetting, "off">;
  options: unknown;
}

/** Severity and validated options of every enabled rule; invalid options are configuration errors. */
function configureRules(config: GovernanceConfig, rules: readonly AnyRule[]): EnabledRule[] {
  const enabled: EnabledRule[] = [];
  for (const rule of rules) {
    const { severity, options } = configureRule(config, rule);
    if (severity !== "off") enabled.push({ rule, severity, options });
  }
  return enabled;
}

function evaluate(
  snapshot: RepositorySnapshot,
  config: GovernanceConfig,
  enabled: readonly EnabledRule[],
  cache: DocumentCache | undefined,
  recorder?: RecordingSnapshot,
): GovernanceRun {
  const model = buildRepositoryModel(snapshot, config, { cache });
  recorder?.modelBuilt();
  const findings: Finding[] = [];
  const configJson = JSON.stringify(config);
  for (const { rule, severity, options } of enabled) {
    const docsUrl = ruleDocsUrl(config.docsBaseUrl, rule.id);
    // Per-file values depend on the options and the configuration too, so both name the store.
    const files = new FileMemo(cache, `rule:${MODEL_VERSION}:${rule.id}:files:${contentId(`${configJson}\n${JSON.stringify(options)}`)}`, snapshot, recorder);
    const memoFile = <T>(path: string, compute: () => T, inputs?: string): T => files.get(path, compute, inputs);
    const report = (report: RuleReport): void => {
      findings.push(findingOf(rule, severity, docsUrl, report));
    };
    rule.check({
      model,
      options,
      report,
      memo(key, compute) {
        const fullKey = `rule:${MODEL_VERSION}:${rule.id}:${key}`;
        const hit = cache?.get(fullKey) as MemoEntry<ReturnType<typeof compute>> | undefined;
        if (isMemoEntry(hit)) {
          recorder?.replay(hit.reads);
          return hit.value;
        }
        const [value, reads] = recorder ? recorder.capture(compute) : [compute(), []];
        cache?.set(fullKey, { value, reads } satisfies MemoEntry<typeof value>);
        return value;
      },
      memoFile,
      checkFile(path, check, inputs) {
        const reports = memoFile(
          path,
          () => {
            const made: RuleReport[] = [];
            check((report) => made.push(report));
            return made;
          },
          inputs,
        );
        reports.forEach(report);
      },
    });
    files.save();
  }
  findings.sort(compareFindings);
  return {
    findings,
    get fingerprints() {
      return this.findings.map(findingFingerprint);
    },
    model,
    stats: {
      governedFiles: model.governed.length,
      parsedFiles: model.stats.parsed,
      cachedFiles: model.stats.cached,
      rulesRun: enabled.length,
      findingsBySeverity: countBySeverity(findings),
    },
  };
}

/** A rule memo's value and the paths its computation read (replayed when it is reused). */
interface MemoEntry<T> {
  value: T;
  reads: string[];
}

function isMemoEntry<T>(stored: unknown): stored is MemoEntry<T> {
  return typeof stored === "object" && stored !== null && "value" in stored && Array.isArray((stored as { reads?: unknown }).reads);
}

function countBySeverity(findings: readonly Finding[]): Record<Finding["severity"], number> {
  const counts = { error: 0, warning: 0, notice: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

/**
 * A configured rule id that does not exist is a configuration error, not a silent no-op. Rules
 * that judge something other than the repository (`rerun-mismatch` judges re-runs) are known
 * ids too, and their options are checked here, so the verdict check reports them early.
 */
function checkRuleSettings(config: GovernanceConfig, rules: readonly AnyRule[]): void {
  const known = new Set([...rules, ...RERUN_RULES].map((rule) => rule.id));
  for (const id of Object.keys(config.rules)) {
    if (!known.has(id)) throw new ConfigurationError(`unknown key \`rules.${id}\`: no rule has this id`);
  }
  for (const rule of RERUN_RULES) configureRule(config, rule);
}
