// Running the engine for a front end: configuration errors get the configuration's file and line,
// and the merge-base run of a pull-request-style check reads as little from git as possible. The
// CLI and the Action share this, so both judge a change the same way.
import { ConfigurationError } from "../core/config.js";
import { runGovernance, type GovernanceRun } from "../core/engine.js";
import { createClassifier, type DocumentCache } from "../core/model/repository.js";
import { detectRenames } from "../core/renames.js";
import type { RepositorySnapshot } from "../core/types.js";
import { locateConfigurationError, type LoadedConfig } from "./config-loader.js";
import type { DirectorySnapshot } from "./fs-snapshot.js";
import { GitTreeSnapshot, listCommitTree, type TreeEntry } from "./git.js";

/** Run the engine; configuration errors it finds (unknown rule, bad options) get file and line. */
export function governWithConfig(snapshot: RepositorySnapshot, loaded: LoadedConfig, cache: DocumentCache): GovernanceRun {
  // Content ids of every governed file first: files the stat cache does not vouch for are read
  // back to back here rather than one between each two parses, which made a cold check of the
  // corpus about 7% slower (measured: 1,076 against 1,003 ms, median of 9).
  const classifier = createClassifier(loaded.config);
  for (const path of snapshot.paths()) if (classifier.classify(path) !== null) snapshot.hash(path);
  try {
    return runGovernance(snapshot, { config: loaded.config, cache });
  } catch (error) {
    if (error instanceof ConfigurationError) throw locateConfigurationError(error, loaded.source);
    throw error;
  }
}

/**
 * The fingerprints of the findings at `commit`, all a comparison with the head needs. Governed
 * blobs that differ from the working tree are read from git in one batch, and only when the
 * engine reads one: a run the cache already holds reads no blob at all.
 * Files identical to the working tree are read from it (same blob id, same bytes), and their
 * extractions come from the cache the head run filled. `listing` is the commit's tree when the
 * caller started listing it earlier (listCommitTree), so git works while the head is checked.
 * `renames` maps the commit's paths of governed files the head renamed to their head paths.
 */
export async function governCommit(
  head: DirectorySnapshot,
  commit: string,
  loaded: LoadedConfig,
  cache: DocumentCache,
  listing: Promise<Map<string, TreeEntry>> = listCommitTree(head.root, commit),
): Promise<{ fingerprints: readonly string[]; renames: Map<string, string> }> {
  const classifier = createClassifier(loaded.config);
  const snapshot = new GitTreeSnapshot(head.root, commit, await listing, {
    include: (path, blobId) => classifier.classify(path) !== null && head.hash(path) !== blobId,
    knownText: (path, blobId) => (head.hash(path) === blobId ? head.read(path) : undefined),
  });
  try {
    const { fingerprints } = governWithConfig(snapshot, loaded, cache);
    return { fingerprints, renames: detectRenames(snapshot, head, (path) => classifier.classify(path)) };
  } finally {
    snapshot.close();
  }
}
