// A repository snapshot over a directory on disk. Files are listed once and read lazily; content
// ids are git blob ids, so caches built from a working tree and from git objects agree.
//
// With an id cache (the persisted disk cache), a file whose size, mtime, ctime and inode match the
// last run keeps its recorded blob id without being read or hashed, like git's index. An entry is
// only recorded when the file's mtime is older than RACY_WINDOW_MS: a file written in the same
// clock tick as it was hashed could change again without its stat changing (git's racy-entry rule).
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { lstatSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import ignore, { type Ignore } from "ignore";
import type { DocumentCache } from "../core/model/repository.js";
import { compareStrings, type RepositorySnapshot } from "../core/types.js";

/** Files modified this recently when hashed are not recorded in the id cache. */
export const RACY_WINDOW_MS = 2000;

export interface DirectorySnapshotOptions {
  /** Persists stat -> blob id between runs; entries are keyed `stat:<path>`. */
  idCache?: DocumentCache;
  /** Clock for the racy-entry rule (tests). */
  now?: () => number;
}

/** [size, mtimeMs, ctimeMs, ino, blob id] */
type StatEntry = [number, number, number, number, string];

const SKIPPED_DIRECTORIES = new Set([".git", "node_modules", "dist", ".rgov-cache", "coverage"]);

export class DirectorySnapshot implements RepositorySnapshot {
  private readonly allPaths: string[];
  private readonly texts = new Map<string, string>();
  private readonly ids = new Map<string, string>();

  private readonly idCache: DocumentCache | undefined;
  private readonly now: () => number;

  constructor(
    readonly root: string,
    options: DirectorySnapshotOptions = {},
  ) {
    this.allPaths = listFiles(root).sort(compareStrings);
    this.idCache = options.idCache;
    this.now = options.now ?? Date.now;
  }

  paths(): readonly string[] {
    return this.allPaths;
  }

  read(path: string): string | undefined {
    let text = this.texts.get(path);
    if (text === undefined) {
      const bytes = this.readBytes(path);
      if (bytes === undefined) return undefined;
      text = bytes.toString("utf8");
      this.texts.set(path, text);
    }
    return text;
  }

  hash(path: string): string | undefined {
    let id = this.ids.get(path);
    if (id === undefined) {
      id = this.idCache ? this.hashWithIdCache(path, this.idCache) : this.hashBytes(path);
      if (id !== undefined) this.ids.set(path, id);
    }
    return id;
  }

  private hashBytes(path: string): string | undefined {
    const bytes = this.readBytes(path);
    if (bytes === undefined) return undefined;
    this.texts.set(path, bytes.toString("utf8"));
    return gitBlobId(bytes);
  }

  private hashWithIdCache(path: string, idCache: DocumentCache): string | undefined {
    const stats = statSync(join(this.root, path), { throwIfNoEntry: false });
    if (!stats) return undefined;
    const key = `stat:${path}`;
    const recorded = idCache.get(key) as StatEntry | undefined;
    if (
      recorded &&
      recorded[0] === stats.size &&
      recorded[1] === stats.mtimeMs &&
      recorded[2] === stats.ctimeMs &&
      recorded[3] === stats.ino
    ) {
      return recorded[4];
    }
    const id = this.hashBytes(path);
    if (id !== undefined && stats.mtimeMs < this.now() - RACY_WINDOW_MS) {
      idCache.set(key, [stats.size, stats.mtimeMs, stats.ctimeMs, stats.ino, id] satisfies StatEntry);
    }
    return id;
  }

  sha256(path: string): string | undefined {
    const bytes = this.readBytes(path);
    if (bytes === undefined) return undefined;
    // A checkout without LFS content (actions/checkout's default) holds pointers, not weights.
    return lfsPointerOid(bytes) ?? createHash("sha256").update(bytes).digest("hex");
  }

  private readBytes(path: string): Buffer | undefined {
    try {
      return readFileSync(join(this.root, path));
    } catch {
      return undefined;
    }
  }
}

/**
 * The sha256 a Git LFS pointer file names (`oid sha256:<hex>`): the sha256 of the content it
 * stands for, which is what a registry records. Undefined for any other file.
 */
export function lfsPointerOid(bytes: Buffer): string | undefined {
  if (bytes.length > 1024) return undefined;
  const text = bytes.toString("utf8");
  if (!text.startsWith("version https://git-lfs.github.com/spec/")) return undefined;
  return /^oid sha256:([0-9a-f]{64})\s*$/m.exec(text)?.[1];
}

export function gitBlobId(bytes: Buffer): string {
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

/** One `.gitignore` (or `.git/info/exclude`) and the directory its patterns are relative to. */
interface IgnoreLevel {
  prefix: string;
  rules: Ignore;
}

/**
 * The files under `root`, as git would see them: `.gitignore` files at every level and
 * `.git/info/exclude` are honoured (ADR-0016), so ignored trees (data under `runs/`, virtualenvs,
 * build output) are never walked, and the CLI checks what the app and the Action see in a commit
 * plus the files not yet added. Symbolic links are not followed.
 */
function listFiles(root: string): string[] {
  const out: string[] = [];
  let skippedIgnored = false;
  const walk = (dir: string, prefix: string, levels: readonly IgnoreLevel[]): void => {
    const entries = readdirSync(dir, { withFileTypes: true });
    const gitignore = entries.some((entry) => entry.name === ".gitignore" && entry.isFile()) ? readIgnoreRules(join(dir, ".gitignore")) : undefined;
    const here = gitignore ? [...levels, { prefix, rules: gitignore }] : levels;
    for (const entry of entries) {
      // In a linked work tree or a submodule `.git` is a file pointing at the repository: it is
      // git's, not content, and a commit's tree never lists it.
      if (entry.name === ".git") continue;
      const path = `${prefix}${entry.name}`;
      if (entry.isDirectory()) {
        if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
        if (isIgnored(here, `${path}/`)) skippedIgnored = true;
        else walk(join(dir, entry.name), `${path}/`, here);
      } else if (entry.isFile()) {
        if (isIgnored(here, path)) skippedIgnored = true;
        else out.push(path);
      }
    }
  };
  const exclude = readIgnoreRules(join(root, ".git", "info", "exclude"));
  walk(root, "", exclude ? [{ prefix: "", rules: exclude }] : []);
  if (!skippedIgnored) return out;
  // Ignore files only hide untracked files: one committed despite them (`git add -f`) is in every
  // commit the app reads, so it is listed here too.
  const listed = new Set(out);
  for (const path of trackedButIgnored(root)) {
    if (listed.has(path) || path.split("/").some((segment) => SKIPPED_DIRECTORIES.has(segment))) continue;
    if (lstatSync(join(root, path), { throwIfNoEntry: false })?.isFile()) out.push(path);
  }
  return out;
}

/** Files under `root` that git tracks although an ignore file matches them; none outside git. */
function trackedButIgnored(root: string): string[] {
  const listing = spawnSync("git", ["ls-files", "-z", "--cached", "--ignored", "--exclude-standard"], { cwd: root, encoding: "utf8", maxBuffer: 1 << 28 });
  if (listing.status !== 0 || typeof listing.stdout !== "string") return [];
  return listing.stdout.split("\0").filter(Boolean);
}

/** The patterns of an ignore file, or undefined when it cannot be read. */
function readIgnoreRules(file: string): Ignore | undefined {
  try {
    return ignore().add(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

/** Git's precedence: the deepest file that says anything about the path decides (`!` re-includes). */
function isIgnored(levels: readonly IgnoreLevel[], path: string): boolean {
  let ignored = false;
  for (const { prefix, rules } of levels) {
    const verdict = rules.test(path.slice(prefix.length));
    if (verdict.ignored) ignored = true;
    else if (verdict.unignored) ignored = false;
  }
  return ignored;
}
