// A DocumentCache persisted on disk between runs, so a warm `rgov check` skips Markdown parsing and
// extraction for every file whose content did not change. Everything lives in ONE packed file
// (`documents.v8`, v8-serialized, plus the small delta described below) because reading one file
// and deserializing it is much faster than opening hundreds of small ones. The file is stamped with the engine fingerprint: a cache
// written by another build of the engine is ignored and replaced, never reused.
//
// Large values are stored as their own serialized bytes and deserialized only when read: a warm
// run that reuses a whole run's findings reads a few entries out of thousands, and a flush writes
// the bytes of entries it never read back unchanged. The file is an index (keys, stamps, small
// values; v8-serialized) followed by those bytes, so opening it decodes the index only and a
// flush copies the bytes instead of passing each through the serializer.
//
// Every packed value and the index carry a CRC-32, checked when read: a damaged file (a disk
// error, a truncated copy) costs a miss, never a crash or a wrong finding.
//
// Extractions (values set with `lazyFields`) go one step further: each large field is stored
// apart and decoded on first read. A pull-request run reuses most rules' per-file results, so
// the fields only those rules read (ADR references, sections, tables) stay encoded for the
// files the change did not touch (Research-0001).
//
// A run that changes a few entries writes them to a second, small file (`documents.delta.v8`)
// that names the main file it extends, instead of rewriting megabytes (ADR-0018). The main file
// is rewritten, with the delta folded in and idle entries dropped, once the delta grows past a
// quarter of it or half of `maxIdleRuns` runs have passed since it was written.
import { createHash, randomBytes } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writevSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";
import { MODEL_VERSION, type CacheSetOptions, type DocumentCache } from "../core/model/repository.js";
import { crc32, exceeds, packFields, unpackFields } from "./cache-codec.js";

export const CACHE_FILE_NAME = "documents.v8";
export const DELTA_FILE_NAME = "documents.delta.v8";
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
  /** Large fields of extractions stored apart that this run read (and so decoded). */
  lazyFieldsRead: number;
  /** Entries dropped because their bytes failed the checksum. */
  damaged: number;
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

/**
 * [run that last used it, value or the value's serialized bytes, field layout of an extraction
 * packed field by field (see packFields) or undefined, CRC-32 of the bytes as read from the file]
 */
type Entry = [number, unknown, (string | undefined)?, number?];

interface PackedCache {
  fingerprint: string;
  run: number;
  /** Names this main file; a delta names the main file it extends. */
  generation: string;
  entries: Map<string, Entry>;
  /** Bytes of packed values. */
  packedBytes: number;
}

/**
 * The file: u32 (little-endian) byte length of the index, u32 CRC-32 of the index, the
 * v8-serialized index, then the packed values' bytes in index order.
 */
interface PackedIndex {
  fingerprint: string;
  run: number;
  /** The main file's own generation, or in a delta the generation of the main file it extends. */
  generation: string;
  /**
   * [key, stamp, value] for small values; [key, stamp, null, byte length, layout or null, CRC-32]
   * for packed ones, the layout naming the fields of an extraction packed field by field.
   */
  entries: Array<[string, number, unknown, number?, (string | null)?, number?]>;
}

const HEADER_BYTES = 8;

/** Values estimated to serialize to more bytes than this are kept packed until read. */
const PACK_THRESHOLD_BYTES = 512;

export function openDiskCache(dir: string, options: DiskCacheOptions): DiskDocumentCache {
  const path = join(dir, CACHE_FILE_NAME);
  const deltaPath = join(dir, DELTA_FILE_NAME);
  const maxIdleRuns = options.maxIdleRuns ?? DEFAULT_MAX_IDLE_RUNS;
  const stats: DiskCacheStats = { loaded: 0, hits: 0, misses: 0, lazyFieldsRead: 0, damaged: 0 };
  let entries = new Map<string, Entry>();
  let previousRun = 0;
  /** The main file as read, when it is usable: a delta may extend it. */
  let main: PackedCache | undefined;
  /** Keys the delta on disk holds: a new delta replaces it, so it must hold them too. */
  const inDelta = new Set<string>();
  const loaded = readPacked(path);
  if (loaded === "missing" || loaded === "unreadable") stats.discarded = loaded;
  else if (loaded.fingerprint !== options.engineFingerprint) stats.discarded = "stale-fingerprint";
  else {
    main = loaded;
    entries = loaded.entries;
    previousRun = loaded.run;
    // A delta written for this main file (another one's, or a damaged one, is ignored).
    const delta = readPacked(deltaPath);
    if (typeof delta === "object" && delta.fingerprint === loaded.fingerprint && delta.generation === loaded.generation) {
      for (const [key, entry] of delta.entries) {
        entries.set(key, entry);
        inDelta.add(key);
      }
      previousRun = Math.max(previousRun, delta.run);
    }
    stats.loaded = entries.size;
  }
  const run = previousRun + 1;
  const refreshAfter = Math.max(1, Math.ceil(maxIdleRuns / 2));
  let dirty = stats.discarded !== undefined && stats.discarded !== "missing";
  /** Keys whose entry this run set or refreshed: what a delta must add. */
  const changed = new Set<string>();
  /** An entry was dropped (damaged): a delta cannot say so, the main file is rewritten. */
  let dropped = false;
  // Values set by this run, with how they may be stored; only these can need packing at flush.
  const fresh = new Map<string, CacheSetOptions | undefined>();
  const countLazyRead = (): void => {
    stats.lazyFieldsRead++;
  };

  // Refresh a stamp only once it is half-way to eviction, so a warm run that changed nothing does
  // not rewrite the whole file just to record that it read it.
  const refresh = (key: string, entry: Entry): void => {
    if (run - entry[0] >= refreshAfter) {
      entry[0] = run;
      changed.add(key);
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
      let value = entry[1];
      if (ArrayBuffer.isView(value)) {
        value = decoded.get(key);
        if (value === undefined) {
          const bytes = entry[1] as Buffer;
          // Checked once, before anything is decoded, lazy fields included.
          if (entry[3] !== undefined && crc32(bytes) !== entry[3]) {
            entries.delete(key);
            stats.damaged++;
            stats.misses++;
            dirty = true;
            dropped = true;
            return undefined;
          }
          value = entry[2] === undefined ? deserialize(bytes) : unpackFields(bytes, entry[2], countLazyRead);
          decoded.set(key, value);
        }
      }
      stats.hits++;
      refresh(key, entry);
      return value;
    },
    has(key) {
      return entries.has(key);
    },
    touch(key) {
      const entry = entries.get(key);
      if (entry !== undefined) refresh(key, entry);
    },
    set(key, value, setOptions) {
      entries.set(key, [run, value]);
      decoded.delete(key);
      fresh.set(key, setOptions);
      changed.add(key);
      dirty = true;
    },
    flush() {
      if (!dirty) return;
      let temporary: string | undefined;
      try {
        mkdirSync(dir, { recursive: true });
        for (const [key, setOptions] of fresh) {
          const entry = entries.get(key);
          if (entry === undefined || ArrayBuffer.isView(entry[1])) continue;
          const fielded = setOptions?.lazyFields ? packFields(entry[1]) : undefined;
          if (fielded) {
            entry[1] = fielded.bytes;
            entry[2] = fielded.layout;
            continue;
          }
          // Estimated first: most values are small (a file's stat, a rule's per-file result) and
          // stay in the index, so serializing each of them apart would be wasted.
          if (exceeds(entry[1], PACK_THRESHOLD_BYTES)) entry[1] = serialize(entry[1]);
        }
        fresh.clear();
        // A run without a usable main file (a cold one) writes one; no delta is assembled for it.
        const delta = main && !dropped && run - main.run < refreshAfter ? deltaEntries(entries, [...inDelta, ...changed], main.packedBytes / 4) : undefined;
        // Write then rename, so a concurrent reader sees the old file or the new one, never half.
        if (main && delta) {
          temporary = `${deltaPath}.${process.pid}.tmp`;
          writeAll(temporary, writePacked({ fingerprint: options.engineFingerprint, run, generation: main.generation, entries: delta }));
          renameSync(temporary, deltaPath);
        } else {
          for (const [key, entry] of entries) if (run - entry[0] >= maxIdleRuns) entries.delete(key);
          temporary = `${path}.${process.pid}.tmp`;
          const generation = randomBytes(8).toString("hex");
          writeAll(temporary, writePacked({ fingerprint: options.engineFingerprint, run, generation, entries }));
          renameSync(temporary, path);
          // The delta extended the old main file; it is folded in now.
          rmSync(deltaPath, { force: true });
        }
        dirty = false;
      } catch {
        // A read-only checkout or a full disk costs speed, not correctness; no half file is left.
        try {
          if (temporary) rmSync(temporary, { force: true });
        } catch {
          // Nothing more to do.
        }
      }
    },
  };
}

/** The entries of `keys`, unless their packed bytes exceed `budget` (then the main file is rewritten). */
function deltaEntries(entries: ReadonlyMap<string, Entry>, keys: readonly string[], budget: number): Map<string, Entry> | undefined {
  const delta = new Map<string, Entry>();
  let bytes = 0;
  for (const key of keys) {
    const entry = entries.get(key);
    if (entry === undefined) continue;
    delta.set(key, entry);
    if (ArrayBuffer.isView(entry[1])) bytes += (entry[1] as Uint8Array).byteLength;
    if (bytes > budget) return undefined;
  }
  return delta;
}

/** The file's parts, written in order without first joining them (the values are megabytes). */
function writeAll(path: string, parts: readonly Uint8Array[]): void {
  const fd = openSync(path, "w");
  try {
    // writev takes at most IOV_MAX (1024 on Linux) buffers per call and may write fewer bytes.
    let pending = parts.filter((part) => part.byteLength > 0);
    while (pending.length > 0) {
      let written = writevSync(fd, pending.slice(0, 1024));
      if (written === 0) throw new Error(`${path}: short write`);
      let consumed = 0;
      while (consumed < pending.length && written >= pending[consumed]!.byteLength) written -= pending[consumed++]!.byteLength;
      pending = pending.slice(consumed);
      if (written > 0) pending[0] = pending[0]!.subarray(written);
    }
  } finally {
    closeSync(fd);
  }
}

function writePacked(cache: Omit<PackedCache, "packedBytes">): Uint8Array[] {
  const index: PackedIndex = { fingerprint: cache.fingerprint, run: cache.run, generation: cache.generation, entries: [] };
  const packed: Uint8Array[] = [];
  for (const [key, [stamp, value, layout, checksum]] of cache.entries) {
    if (ArrayBuffer.isView(value)) {
      const bytes = value as Uint8Array;
      index.entries.push([key, stamp, null, bytes.byteLength, layout ?? null, checksum ?? crc32(bytes)]);
      packed.push(bytes);
    } else {
      index.entries.push([key, stamp, value]);
    }
  }
  const head = serialize(index);
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32LE(head.length, 0);
  header.writeUInt32LE(crc32(head), 4);
  return [header, head, ...packed];
}

function readPacked(path: string): PackedCache | "missing" | "unreadable" {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return "missing";
  }
  try {
    if (bytes.length < HEADER_BYTES) return "unreadable";
    const headEnd = HEADER_BYTES + bytes.readUInt32LE(0);
    if (headEnd > bytes.length) return "unreadable";
    const head = bytes.subarray(HEADER_BYTES, headEnd);
    if (crc32(head) !== bytes.readUInt32LE(4)) return "unreadable";
    const index = deserialize(head) as PackedIndex;
    if (typeof index?.fingerprint !== "string" || !Array.isArray(index.entries) || typeof index.run !== "number" || typeof index.generation !== "string") return "unreadable";
    const entries = new Map<string, Entry>();
    let offset = headEnd;
    for (const [key, stamp, value, byteLength, layout, checksum] of index.entries) {
      if (byteLength === undefined) {
        entries.set(key, [stamp, value]);
      } else {
        // A view into the file's bytes: nothing is copied or decoded (or checked) until read.
        const view = bytes.subarray(offset, offset + byteLength);
        entries.set(key, [stamp, view, layout ?? undefined, checksum]);
        offset += byteLength;
      }
    }
    if (offset !== bytes.length) return "unreadable";
    return { fingerprint: index.fingerprint, run: index.run, generation: index.generation, entries, packedBytes: offset - headEnd };
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

// Set by scripts/bundle-cli.mjs to the bundle's file name: in the CLI bundle all engine code is
// that one file, beside the loader whose URL import.meta.url then is.
declare const __RGOV_BUNDLE_FILE__: string | undefined;

/**
 * A fingerprint of the running engine build: MODEL_VERSION plus the name, size and modification
 * time of every compiled file beside this module (dist/**.js and the CLI bundle dist/cli/rgov.cjs,
 * or the sources under ts-jest), or of the bundle alone when running from it. Any rebuild
 * changes it, so caches never outlive the extractors that wrote them; stat() instead of reading
 * the files keeps it off the warm run's critical path.
 */
export function engineFingerprint(): string {
  if (cachedFingerprint !== undefined) return cachedFingerprint;
  const here = dirname(fileURLToPath(import.meta.url));
  const bundled = typeof __RGOV_BUNDLE_FILE__ === "string";
  const buildRoot = bundled ? here : resolve(here, "..");
  const hash = createHash("sha1").update(`model:${MODEL_VERSION}\n`);
  for (const file of bundled ? [__RGOV_BUNDLE_FILE__] : listCodeFiles(buildRoot)) {
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
