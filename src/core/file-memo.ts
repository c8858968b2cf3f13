// Per-file memoisation for rules (RuleContext.memoFile and checkFile). A rule's values for all
// the files it visits live in ONE cache entry, keyed by path and content id, so a run after a
// small change recomputes only the changed files, and the cache does not grow an entry per file
// and rule. Each value keeps the paths its computation read, which a reuse counts as read again
// (dependencies.ts).
import type { DocumentCache } from "./model/repository.js";
import type { RepositorySnapshot } from "./types.js";

/** Versions kept per path, most recent first: enough for a head and its merge base. */
const VERSIONS_PER_FILE = 2;

/** path -> [[content id and inputs, value], ...]; the persisted form before Columns, and its fallback. */
type Store = Map<string, Array<[string, unknown]>>;

/**
 * The persisted form. Columnar because a persistent cache decodes the whole entry: two long
 * strings decode far cheaper than thousands of small arrays and repeated version strings.
 */
interface Columns {
  layout: typeof LAYOUT;
  /** Paths joined by PATH_SEPARATOR. */
  paths: string;
  /** Per path, its versions joined by VERSION_SEPARATOR; those fields joined by FIELD_SEPARATOR. */
  versions: string;
  /** [path index, values aligned with its versions]; a path whose values are all `[]` is left out. */
  values: Array<[number, unknown[]]>;
}

const LAYOUT = 1;
const PATH_SEPARATOR = "\u0000";
// A version is `<content id>\u0000<inputs>`, so these two must differ from NUL. Inputs are built
// from content ids and never hold them; a store where one turns up is persisted as a Store.
const VERSION_SEPARATOR = "\u0001";
const FIELD_SEPARATOR = "\u0002";

/** Notes the paths a computation reads (dependencies.ts, RecordingSnapshot). */
export interface ReadTracker {
  capture<T>(compute: () => T): [T, string[]];
  replay(reads: readonly string[]): void;
}

/** A stored version is `<content id> NUL <inputs>`, then READS and the paths read, NUL-separated. */
const READS = "\u0003";

function versionOf(stored: string): string {
  const at = stored.indexOf(READS);
  return at < 0 ? stored : stored.slice(0, at);
}

function readsOf(stored: string): string[] {
  const at = stored.indexOf(READS);
  return at < 0 ? [] : stored.slice(at + 1).split("\u0000");
}

/** What the store held before this run. */
interface Previous {
  readonly size: number;
  versionsOf(path: string): Array<[string, unknown]>;
}

const EMPTY: Previous = { size: 0, versionsOf: () => [] };

export class FileMemo {
  private previous: Previous | undefined;
  private readonly next: Store = new Map();
  private computed = false;

  constructor(
    private readonly cache: DocumentCache | undefined,
    /** Cache key of the store; names the rule and a digest of its settings. */
    private readonly key: string,
    private readonly snapshot: RepositorySnapshot,
    private readonly tracker?: ReadTracker,
  ) {}

  get<T>(path: string, compute: () => T, inputs = ""): T {
    if (this.next.has(path)) throw new Error(`${path} was memoised twice in one run of ${this.key}`);
    const version = `${this.snapshot.hash(path) ?? "-"}\u0000${inputs}`;
    this.previous ??= readStore(this.cache?.get(this.key));
    const versions = this.previous.versionsOf(path);
    const hit = versions.find(([key]) => versionOf(key) === version);
    let value: T;
    let stored: string;
    if (hit) {
      value = hit[1] as T;
      stored = hit[0];
      this.tracker?.replay(readsOf(stored));
    } else {
      let reads: string[] = [];
      [value, reads] = this.tracker ? this.tracker.capture(compute) : [compute(), []];
      stored = reads.length ? `${version}${READS}${reads.join("\u0000")}` : version;
      this.computed = true;
    }
    const kept: Array<[string, unknown]> = [[stored, value], ...versions.filter(([key]) => versionOf(key) !== version)];
    this.next.set(path, kept.slice(0, VERSIONS_PER_FILE));
    return value;
  }

  /** Store what this run used; paths it did not visit are dropped. A pure replay writes nothing. */
  save(): void {
    if (!this.cache || this.previous === undefined) return;
    if (!this.computed && this.next.size === this.previous.size) return;
    this.cache.set(this.key, writeStore(this.next));
  }
}

function writeStore(store: Store): Columns | Store {
  const paths: string[] = [];
  const fields: string[] = [];
  const values: Array<[number, unknown[]]> = [];
  for (const [path, versions] of store) {
    if (path.includes(PATH_SEPARATOR)) return store;
    const keys = versions.map(([version]) => version);
    if (keys.some((version) => version.includes(VERSION_SEPARATOR) || version.includes(FIELD_SEPARATOR))) return store;
    const index = paths.push(path) - 1;
    fields.push(keys.join(VERSION_SEPARATOR));
    if (!versions.every(([, value]) => isEmptyArray(value))) values.push([index, versions.map(([, value]) => value)]);
  }
  return { layout: LAYOUT, paths: paths.join(PATH_SEPARATOR), versions: fields.join(FIELD_SEPARATOR), values };
}

/** Reads either persisted form; anything else (a foreign or damaged value) is an empty store. */
function readStore(stored: unknown): Previous {
  if (isMap(stored)) return readMap(stored);
  if (isColumns(stored)) return readColumns(stored) ?? EMPTY;
  return EMPTY;
}

function readMap(store: Map<unknown, unknown>): Previous {
  return {
    size: store.size,
    versionsOf(path) {
      const versions = store.get(path);
      if (!Array.isArray(versions)) return [];
      return versions.filter((entry): entry is [string, unknown] => Array.isArray(entry) && typeof entry[0] === "string");
    },
  };
}

/** Splits the two strings and indexes the paths; a path's versions are split when it is asked for. */
function readColumns(stored: Columns): Previous | undefined {
  // Every stored path has at least one (non-empty) version, so empty strings mean no paths.
  const empty = stored.paths === "" && stored.versions === "";
  const paths = empty ? [] : stored.paths.split(PATH_SEPARATOR);
  const fields = empty ? [] : stored.versions.split(FIELD_SEPARATOR);
  if (paths.length !== fields.length) return undefined;
  const indexOf = new Map<string, number>();
  paths.forEach((path, index) => indexOf.set(path, index));
  const valuesOf = new Map<number, unknown[]>();
  for (const entry of stored.values) {
    if (!Array.isArray(entry) || typeof entry[0] !== "number" || !Array.isArray(entry[1])) return undefined;
    valuesOf.set(entry[0], entry[1]);
  }
  return {
    size: paths.length,
    versionsOf(path) {
      const index = indexOf.get(path);
      if (index === undefined) return [];
      const versions = fields[index].split(VERSION_SEPARATOR);
      const values = valuesOf.get(index);
      if (values && values.length !== versions.length) return [];
      return versions.map((version, i): [string, unknown] => [version, values ? values[i] : []]);
    },
  };
}

function isColumns(stored: unknown): stored is Columns {
  if (typeof stored !== "object" || stored === null) return false;
  const { layout, paths, versions, values } = stored as Partial<Columns>;
  return layout === LAYOUT && typeof paths === "string" && typeof versions === "string" && Array.isArray(values);
}

/** Not `instanceof`: a Map decoded by v8 in another realm (as under jest's vm) is a Map too. */
function isMap(stored: unknown): stored is Map<unknown, unknown> {
  return Object.prototype.toString.call(stored) === "[object Map]";
}

function isEmptyArray(value: unknown): boolean {
  return Array.isArray(value) && value.length === 0;
}
