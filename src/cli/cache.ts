// The single place that chooses the extraction cache for CLI runs. A persisted disk cache is the
// intended default (`--no-cache` disables it); until src/adapters/disk-cache.ts lands, every run
// uses an in-memory cache, which still lets the base and head runs of `--base` share extractions.
import { MemoryDocumentCache, type DocumentCache } from "../core/model/repository.js";

export interface CliCache {
  cache: DocumentCache;
  /** Persist what this run learned; a no-op for the memory cache. */
  flush(): Promise<void>;
}

export async function openCliCache(_dir: string, _options: { enabled: boolean }): Promise<CliCache> {
  // Switch here: when enabled, open the disk cache under DIR (ignored by git and by
  // DirectorySnapshot as `.rgov-cache/`) and return its flush.
  return { cache: new MemoryDocumentCache(), flush: async () => {} };
}
