// Per-file memoisation for rules (RuleContext.memoFile and checkFile). A rule's values for all
// the files it visits live in ONE cache entry, keyed by path and content id, so a run after a
// small change recomputes only the changed files, and the cache does not grow an entry per file
// and rule.
import type { DocumentCache } from "./model/repository.js";
import type { RepositorySnapshot } from "./types.js";

/** Versions kept per path, most recent first: enough for a head and its merge base. */
const VERSIONS_PER_FILE = 2;

/** path -> [[content id and inputs, value], ...] */
type Store = Map<string, Array<[string, unknown]>>;

export class FileMemo {
  private previous: Store | undefined;
  private readonly next: Store = new Map();
  private computed = false;

  constructor(
    private readonly cache: DocumentCache | undefined,
    /** Cache key of the store; names the rule and a digest of its settings. */
    private readonly key: string,
    private readonly snapshot: RepositorySnapshot,
  ) {}

  get<T>(path: string, compute: () => T, inputs = ""): T {
    if (this.next.has(path)) throw new Error(`${path} was memoised twice in one run of ${this.key}`);
    const version = `${this.snapshot.hash(path) ?? "-"}\u0000${inputs}`;
    this.previous ??= (this.cache?.get(this.key) as Store | undefined) ?? new Map();
    const versions = this.previous.get(path) ?? [];
    const hit = versions.find(([key]) => key === version);
    let value: T;
    if (hit) value = hit[1] as T;
    else {
      value = compute();
      this.computed = true;
    }
    const kept: Array<[string, unknown]> = [[version, value], ...versions.filter(([key]) => key !== version)];
    this.next.set(path, kept.slice(0, VERSIONS_PER_FILE));
    return value;
  }

  /** Store what this run used; paths it did not visit are dropped. A pure replay writes nothing. */
  save(): void {
    if (!this.cache || this.previous === undefined) return;
    if (!this.computed && this.next.size === this.previous.size) return;
    this.cache.set(this.key, this.next);
  }
}
