// Check mode: the same verdict as `rgov check --base`. Head = the checked-out work tree; base =
// the merge base of the base ref and HEAD; configuration from the input file, else the base
// commit (a pull request cannot weaken its own gates), else the work tree.
import { resolve } from "node:path";
import { ConfigurationError } from "../core/config.js";
import { classifyFindings, verdictOf } from "../core/diff.js";
import { runGovernance, type GovernanceRun } from "../core/engine.js";
import { createClassifier, MemoryDocumentCache, type DocumentCache } from "../core/model/repository.js";
import type { VerdictInput } from "../core/render/verdict-input.js";
import type { Finding, RepositorySnapshot } from "../core/types.js";
import { locateConfigurationError, resolveConfig, type LoadedConfig } from "../adapters/config-loader.js";
import { DirectorySnapshot } from "../adapters/fs-snapshot.js";
import { findMergeBase, openGitTreeSnapshot } from "../adapters/git.js";

export interface CheckOptions {
  workspace: string;
  /** The baseline ref; without one every finding is new. */
  baseRef?: string;
  /** Configuration file relative to the workspace. */
  config?: string;
}

export async function checkWorkspace(options: CheckOptions): Promise<VerdictInput> {
  const { workspace } = options;
  const base = options.baseRef === undefined ? undefined : { ref: options.baseRef, commit: await findMergeBase(workspace, options.baseRef) };
  const loaded = await resolveConfig({
    dir: workspace,
    configFile: options.config === undefined ? undefined : resolve(workspace, options.config),
    baseCommit: base?.commit,
  });
  // One cache for both runs: unchanged documents are extracted once.
  const cache = new MemoryDocumentCache();
  const head = new DirectorySnapshot(workspace);
  const headRun = govern(head, loaded, cache);
  const baseFindings = base ? await governCommit(head, base.commit, loaded, cache) : null;
  const findings = classifyFindings(headRun.findings, baseFindings);
  return { verdict: verdictOf(findings), findings, stats: headRun.stats, ...(base ? { base } : {}) };
}

/** Engine configuration errors (unknown rule, bad options) get the configuration's file and line. */
function govern(snapshot: RepositorySnapshot, loaded: LoadedConfig, cache: DocumentCache): GovernanceRun {
  try {
    return runGovernance(snapshot, { config: loaded.config, cache });
  } catch (error) {
    if (error instanceof ConfigurationError) throw locateConfigurationError(error, loaded.source);
    throw error;
  }
}

/** Findings at `commit`, reading only governed blobs that differ from the work tree. */
async function governCommit(head: DirectorySnapshot, commit: string, loaded: LoadedConfig, cache: DocumentCache): Promise<Finding[]> {
  const classifier = createClassifier(loaded.config);
  const snapshot = await openGitTreeSnapshot(head.root, commit, {
    include: (path, blobId) => classifier.classify(path) !== null && head.hash(path) !== blobId,
  });
  try {
    await snapshot.preload();
    return govern(snapshot, loaded, cache).findings;
  } finally {
    snapshot.close();
  }
}
