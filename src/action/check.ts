// Check mode: the verdict of `rgov check --base`. Head = the checked-out work tree; base = the
// merge base of the base ref and HEAD. Stricter than the CLI about configuration: with a base it
// is read at the base commit only (the `config` path, else the default path, else the defaults),
// never from the pull request, which cannot weaken or switch off its own gates.
import { isAbsolute, relative, resolve, sep } from "node:path";
import { ConfigurationError, DEFAULT_CONFIG_PATH, defaultConfig, parseConfig } from "../core/config.js";
import { classifyAgainst, compareWithBase, verdictOf } from "../core/diff.js";
import { MemoryDocumentCache } from "../core/model/repository.js";
import type { VerdictInput } from "../core/render/verdict-input.js";
import { resolveConfig, type LoadedConfig } from "../adapters/config-loader.js";
import { governCommit, governWithConfig } from "../adapters/governed-run.js";
import { DirectorySnapshot } from "../adapters/fs-snapshot.js";
import { deepenUntilMergeBase, findMergeBase, GitError, readFileAtCommit } from "../adapters/git.js";

export interface CheckOptions {
  workspace: string;
  /** The baseline ref; without one every finding is new. */
  baseRef?: string;
  /** Configuration file relative to the workspace. */
  config?: string;
  /** Where to say what was fetched when the checkout was too shallow for the merge base. */
  log?: (line: string) => void;
}

export async function checkWorkspace(options: CheckOptions): Promise<VerdictInput> {
  const { workspace } = options;
  const base = options.baseRef === undefined ? undefined : { ref: options.baseRef, commit: await mergeBaseOf(workspace, options.baseRef, options.log) };
  const configPath = options.config === undefined ? undefined : repositoryPath(workspace, options.config);
  const loaded = base
    ? await configAtBase(workspace, base.commit, configPath)
    : await resolveConfig({ dir: workspace, configFile: configPath === undefined ? undefined : resolve(workspace, configPath) });
  // One cache for both runs: unchanged documents are extracted once.
  const cache = new MemoryDocumentCache();
  const head = new DirectorySnapshot(workspace);
  const headRun = governWithConfig(head, loaded, cache);
  const baseRun = base ? await governCommit(head, base.commit, loaded, cache) : null;
  const comparison = baseRun ? compareWithBase(headRun.findings, baseRun.fingerprints, baseRun.renames) : null;
  const findings = comparison?.findings ?? classifyAgainst(headRun.findings, null);
  return {
    verdict: verdictOf(findings),
    findings,
    stats: headRun.stats,
    ...(base ? { base } : {}),
    ...(comparison ? { resolvedFindings: comparison.resolved.length } : {}),
  };
}

/**
 * The merge base of `ref` and HEAD. `actions/checkout` fetches one commit unless told otherwise;
 * then the base and enough history are fetched from `origin` first, as a workflow with
 * `fetch-depth: 0` would have had them.
 */
async function mergeBaseOf(workspace: string, ref: string, log?: (line: string) => void): Promise<string> {
  try {
    return await findMergeBase(workspace, ref);
  } catch (error) {
    if (!(error instanceof GitError) || !error.shallow) throw error;
    const fetched = await deepenUntilMergeBase(workspace, ref);
    if (!fetched) throw error;
    const commit = await findMergeBase(workspace, ref);
    log?.(fetched);
    return commit;
  }
}

/** The `config` input as a path relative to the repository (it is also looked up at the base commit). */
function repositoryPath(workspace: string, path: string): string {
  const inRepo = relative(workspace, resolve(workspace, path));
  if (!inRepo || inRepo.startsWith("..") || isAbsolute(inRepo)) throw new ConfigurationError(`\`${path}\` is outside the repository`);
  return inRepo.split(sep).join("/");
}

async function configAtBase(workspace: string, commit: string, configPath: string | undefined): Promise<LoadedConfig> {
  const path = configPath ?? DEFAULT_CONFIG_PATH;
  const text = await readFileAtCommit(workspace, commit, path);
  if (text !== undefined) {
    const label = `${commit.slice(0, 12)}:${path}`;
    return { config: parseConfig(text, label), source: { kind: "commit", label, text } };
  }
  if (configPath === undefined) return { config: defaultConfig(), source: { kind: "default", label: "defaults" } };
  throw new ConfigurationError(
    `\`${configPath}\` does not exist at the base commit ${commit.slice(0, 12)}: configuration is read from the base, so it takes effect once merged`,
  );
}
