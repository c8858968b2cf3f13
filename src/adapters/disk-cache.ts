// A DocumentCache persisted on disk between runs, so a warm `rgov check` skips Markdown parsing and
// extraction for every file whose content did not change. Everything lives in ONE packed file
// (`documents.v8`, v8-serialized) because reading one file and deserializing it is much faster
// than opening hundreds of small ones. The file is stamped with the engine fingerprint: a cache
// written by another build of the engine is ignored and replaced, never reused.
//
// Large values are stored as their own serialized bytes and deserialized only when read: a warm
// run that reuses a whole run's findings reads a few entries out of thousands, and a flush writes
// the bytes of entries it never read back unchanged. The file is an index (keys, stamps, small
// values; v8-serialized) followed by those bytes, so opening it decodes the index only and a
// flush copies the bytes instead of passing each through the serializer.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";
import { MODEL_VERSION, type DocumentCache } from "../core/model/repository.js";

export const CACHE_FILE_NAME = "documents.v8";
/** Entries unused for this many runs are dropped when the cache is written. */
export const DEFAULT_MAX_IDLE_RUNS = 8;

export interface DiskCacheOptions {
  /** Identifies the engine build; a cache stamped with another fingerprint is discarded. */
  engineFingerprint: string;
  maxIdleRuns?: number;
}

export interface DiskCacheStats {
  /** Entries found in the file when it was opened (0 when absent, unreadable or stale). */
  loaded: number;
  hits: number;
  misses: number;
  /** Why the file was not used, when it was not. */
  discarded?: "missing" | "stale-fingerprint" | "unreadable";
}

export interface DiskDocumentCache extends DocumentCache {
  readonly path: string;
  readonly stats: DiskCacheStats;
  touch(key: string): void;
  /** Write the cache back when anything changed. Never throws: a cache is an optimisation. */
  flush(): void;
}

interface PackedCache {
  fingerprint: string;
  run: number;
  /** key -> [run that last used it, value or the value's serialized bytes] */
  entries: Map<string, [number, unknown]>;
}

/**
 * The file: a u32 (little-endian) byte length of the index, the v8-serialized index, then the
 * packed values' bytes in index order.
 */
interface PackedIndex {
  fingerprint: string;
  run: number;
  /** [key, stamp, value] for small values; [key, stamp, null, byte length] for packed ones. */
  entries: Array<[string, number, unknown, number?]>;
}

/** Values that serialize to more bytes than this are kept packed until read. */
const PACK_THRESHOLD_BYTES = 512;

export function openDiskCache(dir: string, options: DiskCacheOptions): DiskDocumentCache {
  const path = join(dir, CACHE_FILE_NAME);
  const maxIdleRuns = options.maxIdleRuns ?? DEFAULT_MAX_IDLE_RUNS;
  const stats: DiskCacheStats = { loaded: 0, hits: 0, misses: 0 };
  let entries = new Map<string, [number, unknown]>();
  let previousRun = 0;
  const loaded = readPacked(path);
  if (loaded === "missing" || loaded === "unreadable") stats.discarded = loaded;
  else if (loaded.fingerprint !== options.engineFingerprint) stats.discarded = "stale-fingerprint";
  else {
    entries = loaded.entries;
    previousRun = loaded.run;
    stats.loaded = entries.size;
  }
  const run = previousRun + 1;
  const refreshAfter = Math.max(1, Math.ceil(maxIdleRuns / 2));
  let dirty = stats.discarded !== undefined && stats.discarded !== "missing";
  // Values set by this run; only these can need packing at flush.
  const fresh = new Set<string>();

  // Refresh a stamp only once it is half-way to eviction, so a warm run that changed nothing does
  // not rewrite the whole file just to record that it read it.
  const refresh = (entry: [number, unknown]): void => {
    if (run - entry[0] >= refreshAfter) {
      entry[0] = run;
      dirty = true;
    }
  };

  // Packed values already deserialized by this run, so each is decoded at most once.
  const decoded = new Map<string, unknown>();

  return {
    path,
    stats,
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined) {
        stats.misses++;
        return undefined;
      }
      stats.hits++;
      let value = entry[1];
      if (ArrayBuffer.isView(value)) {
        value = decoded.get(key);
        if (value === undefined) {
          value = deserialize(entry[1] as Buffer);
          decoded.set(key, value);
        }
      }
      refresh(entry);
      return value;
    },
    touch(key) {
      const entry = entries.get(key);
      if (entry !== undefined) refresh(entry);
    },
    set(key, value) {
      entries.set(key, [run, value]);
      decoded.delete(key);
      fresh.add(key);
      dirty = true;
    },
    flush() {
      if (!dirty) return;
      for (const [key, entry] of entries) if (run - entry[0] >= maxIdleRuns) entries.delete(key);
      try {
        mkdirSync(dir, { recursive: true });
        for (const key of fresh) {
          const entry = entries.get(key);
          if (entry === undefined || ArrayBuffer.isView(entry[1])) continue;
          const bytes = serialize(entry[1]);
          if (bytes.length > PACK_THRESHOLD_BYTES) entry[1] = bytes;
        }
        fresh.clear();
        // Write then rename, so a concurrent reader sees the old file or the new one, never half.
        const temporary = `${path}.${process.pid}.tmp`;
        writeFileSync(temporary, writePacked({ fingerprint: options.engineFingerprint, run, entries }));
        renameSync(temporary, path);
        dirty = false;
      } catch {
        // A read-only checkout or a full disk costs speed, not correctness.
      }
    },
  };
}

function writePacked(cache: PackedCache): Buffer {
  const index: PackedIndex = { fingerprint: cache.fingerprint, run: cache.run, entries: [] };
  const packed: Uint8Array[] = [];
  for (const [key, [stamp, value]] of cache.entries) {
    if (ArrayBuffer.isView(value)) {
      index.entries.push([key, stamp, null, value.byteLength]);
      packed.push(value as Uint8Array);
    } else {
      index.entries.push([key, stamp, value]);
    }
  }
  const head = serialize(index);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(head.length);
  return Buffer.concat([length, head, ...packed]);
}

function readPacked(path: string): PackedCache | "missing" | "unreadable" {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return "missing";
  }
  try {
    const headEnd = 4 + bytes.readUInt32LE(0);
    if (headEnd > bytes.length) return "unreadable";
    const index = deserialize(bytes.subarray(4, headEnd)) as PackedIndex;
    if (typeof index?.fingerprint !== "string" || !Array.isArray(index.entries) || typeof index.run !== "number") return "unreadable";
    const entries = new Map<string, [number, unknown]>();
    let offset = headEnd;
    for (const [key, stamp, value, byteLength] of index.entries) {
      if (byteLength === undefined) {
        entries.set(key, [stamp, value]);
      } else {
        // A view into the file's bytes: nothing is copied or decoded until read.
        entries.set(key, [stamp, bytes.subarray(offset, offset + byteLength)]);
        offset += byteLength;
      }
    }
    if (offset !== bytes.length) return "unreadable";
    return { fingerprint: index.fingerprint, run: index.run, entries };
  } catch {
    return "unreadable";
  }
}

/**
 * Where the cache lives for a checked directory: `$RGOV_CACHE_DIR` when set, else
 * `node_modules/.cache/research-governance` under the directory when it has `node_modules`, else
 * a folder per repository under the user's cache directory (`$XDG_CACHE_HOME` or `~/.cache`).
 */
export function defaultCacheDir(repoRoot: string, env: Record<string, string | undefined> = process.env): string {
  if (env.RGOV_CACHE_DIR) return resolve(env.RGOV_CACHE_DIR);
  const nodeModules = join(repoRoot, "node_modules");
  if (existsSync(nodeModules)) return join(nodeModules, ".cache", "research-governance");
  // Never write into a checked repository that did not opt in: use the user's cache directory,
  // one folder per repository path.
  const userCache = env.XDG_CACHE_HOME || join(env.HOME || homedir(), ".cache");
  const repoKey = createHash("sha1").update(resolve(repoRoot)).digest("hex").slice(0, 16);
  return join(userCache, "research-governance", repoKey);
}

let cachedFingerprint: string | undefined;

/**
 * A fingerprint of the running engine build: MODEL_VERSION plus the name, size and modification
 * time of every compiled file beside this module (dist/**.js and the CLI bundle dist/cli/rgov.cjs, or the sources under ts-jest). Any
 * rebuild changes it, so caches never outlive the extractors that wrote them; stat() instead of
 * reading the files keeps it off the warm run's critical path.
 */
export function engineFingerprint(): string {
  if (cachedFingerprint !== undefined) return cachedFingerprint;
  const here = dirname(fileURLToPath(import.meta.url));
  const buildRoot = resolve(here, "..");
  const hash = createHash("sha1").update(`model:${MODEL_VERSION}\n`);
  for (const file of listCodeFiles(buildRoot)) {
    const stats = statSync(join(buildRoot, file));
    hash.update(`${file} ${stats.size} ${stats.mtimeMs}\n`);
  }
  cachedFingerprint = `${MODEL_VERSION}-${hash.digest("hex").slice(0, 16)}`;
  return cachedFingerprint;
}

function listCodeFiles(root: string, prefix = ""): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(join(root, prefix), { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const relative = `${prefix}${entry.name}`;
    if (entry.isDirectory()) out.push(...listCodeFiles(root, `${relative}/`));
    else if (/\.(c?js|ts)$/.test(entry.name) && !entry.name.endsWith(".d.ts") && statSync(join(root, relative)).isFile()) out.push(relative);
  }
  return out;
}
