// The single place that chooses the extraction cache for CLI runs: the persisted disk cache by
// default (ADR-0006), an in-memory one with `--no-cache`. Either way one cache serves both runs of
// `--base`, so files the head and the merge base share are extracted once.
import { defaultCacheDir, engineFingerprint, openDiskCache } from "../adapters/disk-cache.js";
import type { DirectorySnapshotOptions } from "../adapters/fs-snapshot.js";
import { MemoryDocumentCache, type DocumentCache } from "../core/model/repository.js";

export interface CliCache {
  cache: DocumentCache;
  /** Where the cache is persisted, or undefined for an in-memory cache. */
  path?: string;
  /** Persist what this run learned; a no-op for the memory cache. Never throws. */
  flush(): void;
  /** Snapshot options that let unchanged files skip hashing (only when the cache is persisted). */
  snapshotOptions: DirectorySnapshotOptions;
}

export function openCliCache(dir: string, options: { enabled: boolean; env: Record<string, string | undefined> }): CliCache {
  if (!options.enabled) return { cache: new MemoryDocumentCache(), flush: () => {}, snapshotOptions: {} };
  const cache = openDiskCache(defaultCacheDir(dir, options.env), { engineFingerprint: engineFingerprint() });
  return { cache, path: cache.path, flush: () => cache.flush(), snapshotOptions: { idCache: cache } };
}
