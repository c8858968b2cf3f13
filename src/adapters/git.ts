// Git adapter: resolve refs, find merge bases, and read a commit's tree as a RepositorySnapshot.
//
// The snapshot lists the tree once (`git ls-tree -r -z`), so `paths()` and `hash()` are free and
// content ids are git blob ids, exactly like DirectorySnapshot's. Blob text is read in batches
// through `git cat-file --batch` (one process per batch, never one per file): `preload()` reads
// asynchronously, and a `read()` of a blob not yet loaded triggers one synchronous batch of every
// path the `include` filter accepts, because the RepositorySnapshot interface is synchronous.
import { execFile, execFileSync, spawn } from "node:child_process";
import type { SimpleGit } from "simple-git";
import { compareStrings, type RepositorySnapshot } from "../core/types.js";

/** A git operation failed for a reason the user can fix (unknown ref, not a repository). */
export class GitError extends Error {
  /** Set when a merge base was missing from a shallow clone, where fetching more history helps. */
  readonly shallow: boolean;

  constructor(message: string, options: { shallow?: boolean } = {}) {
    super(message);
    this.name = "GitError";
    this.shallow = options.shallow ?? false;
  }
}

/**
 * simple-git for the commands whose failures need its error handling. Imported on first use: the
 * commands on every run's start-up path go through gitOutput, so a run that needs none of these
 * does not load simple-git (and its dependencies) at all.
 */
async function git(dir: string): Promise<SimpleGit> {
  const { simpleGit } = await import("simple-git");
  return simpleGit({ baseDir: dir, trimmed: true });
}

/** True when `dir` is inside a git work tree. */
export async function isGitWorkTree(dir: string): Promise<boolean> {
  return (await workTreePrefix(dir)) !== undefined;
}

/**
 * Where `dir` sits in its git work tree (`""` at the top, else `sub/dir/`), or undefined when it is
 * not in one. One process answers both, so a `--base` run need not ask again for the prefix.
 */
export async function workTreePrefix(dir: string): Promise<string | undefined> {
  const result = await gitOutput(dir, ["rev-parse", "--is-inside-work-tree", "--show-prefix"]);
  // Not trimmed: a prefix may end in whitespace. Output: `true\n<prefix>\n`.
  const lines = result?.split("\n");
  return lines?.[0] === "true" ? (lines[1] ?? "") : undefined;
}

/**
 * stdout of a git command run in `dir`, or undefined when it fails. Lighter than simple-git for the
 * few commands on the start-up path of a `--base` run, whose failures the callers explain.
 */
function gitOutput(dir: string, args: readonly string[]): Promise<string | undefined> {
  return new Promise((resolvePromise) => {
    execFile("git", args, { cwd: dir, maxBuffer: 256 * 1024 * 1024 }, (error, stdout) => resolvePromise(error ? undefined : stdout));
  });
}

/** The full commit id a ref names, or a GitError naming the ref. */
export async function resolveCommit(dir: string, ref: string): Promise<string> {
  if (ref.startsWith("-")) throw new GitError(`unknown git ref \`${ref}\``);
  let commit = "";
  try {
    commit = await (await git(dir)).raw(["rev-parse", "--verify", "--end-of-options", `${ref}^{commit}`]);
  } catch {
    // Reported below: simple-git rejects only when git wrote to stderr, so check the output too.
  }
  if (!/^[0-9a-f]{40,64}$/.test(commit)) throw new GitError(`unknown git ref \`${ref}\` in ${dir}`);
  return commit;
}

/**
 * The merge base of `ref` and `head` (default HEAD): the commit a pull request from head into ref
 * is compared with, so changes made on ref since the branch point never count against the head.
 */
export async function findMergeBase(dir: string, ref: string, head = "HEAD"): Promise<string> {
  // One process when both refs resolve; otherwise resolve them one by one to say which failed.
  if (!ref.startsWith("-") && !head.startsWith("-")) {
    const base = (await gitOutput(dir, ["merge-base", ref, head]))?.trim();
    if (base && /^[0-9a-f]{40,64}$/.test(base)) return base;
  }
  try {
    const refCommit = await resolveCommit(dir, ref);
    const headCommit = await resolveCommit(dir, head);
    let base = "";
    try {
      base = await (await git(dir)).raw(["merge-base", refCommit, headCommit]);
    } catch {
      // Reported below: unrelated histories exit 1 without output.
    }
    if (!base) throw new GitError(`\`${ref}\` and \`${head}\` have no common history in ${dir}`);
    return base;
  } catch (error) {
    // A missing ref or common history is often just a shallow clone's cut-off history.
    if (error instanceof GitError && (await isShallow(dir))) {
      throw new GitError(error.message, { shallow: true });
    }
    throw error;
  }
}

/** How far each round of `deepenUntilMergeBase` deepens a shallow clone before it unshallows it. */
const DEEPEN_STEPS = [10, 100, 1000];

/**
 * In a shallow clone (`actions/checkout` fetches a single commit by default), fetch from `remote`
 * what the merge base of `ref` and `head` needs: `ref` itself when the clone lacks it, then
 * history, deeper each round, and the whole history as a last resort. `ref` must be a commit id
 * or a `<remote>/<branch>` name; anything else, a clone that is not shallow, or a fetch that fails
 * (no network, no credentials) fetches nothing more and returns what was done, so the caller's
 * merge-base error stands. Arguments reach git as an argument vector, never through a shell.
 *
 * Returns a sentence for the log saying what was fetched, or undefined when nothing was. The caller
 * computes the merge base again: a fetch that failed half-way leaves it as unknown as before.
 */
export async function deepenUntilMergeBase(dir: string, ref: string, head = "HEAD", remote = "origin"): Promise<string | undefined> {
  if (!(await isShallow(dir))) return undefined;
  const branch = ref.startsWith(`${remote}/`) ? ref.slice(remote.length + 1) : undefined;
  const refSpec = /^[0-9a-f]{40}$|^[0-9a-f]{64}$/.test(ref)
    ? ref
    : branch && /^[\w.][\w./-]*$/.test(branch) && !branch.includes("..")
      ? `+refs/heads/${branch}:refs/remotes/${remote}/${branch}`
      : undefined;
  const headCommit = (await gitOutput(dir, ["rev-parse", "--verify", "--end-of-options", `${head}^{commit}`]))?.trim();
  if (!refSpec || !headCommit || remote.startsWith("-")) return undefined;
  // refSpec is a commit id or `+refs/heads/…`, headCommit a commit id: neither can pass for an option.
  const fetch = async (...args: string[]): Promise<boolean> =>
    (await gitOutput(dir, ["fetch", "--quiet", "--no-tags", "--no-recurse-submodules", ...args, remote, refSpec, headCommit])) !== undefined;
  const meet = async (): Promise<boolean> => (await gitOutput(dir, ["merge-base", "--end-of-options", ref, headCommit])) !== undefined;

  // What was fetched, for the log line: the ref, and how much history.
  let fetchedRef = "";
  let history = "";
  const done = (): string | undefined => {
    const what = [fetchedRef, history].filter(Boolean).join(" and ");
    return what ? `The checkout is shallow: fetched ${what} to find the merge base.` : undefined;
  };
  if ((await gitOutput(dir, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`])) === undefined) {
    if (!(await fetch("--depth=1"))) return undefined;
    fetchedRef = `\`${ref}\``;
  }
  let deepened = 0;
  for (const depth of DEEPEN_STEPS) {
    if ((await meet()) || !(await fetch(`--deepen=${depth}`))) return done();
    deepened += depth;
    history = `up to ${deepened} more commits of history`;
  }
  if (!(await meet()) && (await fetch("--unshallow"))) history = "the whole history";
  return done();
}

async function isShallow(dir: string): Promise<boolean> {
  return (await gitOutput(dir, ["rev-parse", "--is-shallow-repository"]))?.trim() === "true";
}

export interface TreeEntry {
  blobId: string;
  /** Blob size in bytes; null when the tree was listed without `-l` (a partial clone lacks the blobs to size). */
  size: number | null;
}

export interface GitTreeSnapshotOptions {
  /**
   * Which blobs a batch (`preload()` or a lazy `read()`) loads. Defaults to every path; callers
   * pass the governance classifier so model weights are never read, and can use the blob id to
   * skip blobs whose extraction is already cached. Other paths are still readable, one at a time.
   */
  include?: (path: string, blobId: string) => boolean;
  /**
   * Text the caller already holds for a blob (e.g. the working-tree file with the same blob id),
   * so reading an unchanged file costs no git process at all.
   */
  knownText?: (path: string, blobId: string) => string | undefined;
  /**
   * Environment of the git processes that read blobs. A partial clone fetches missing blobs on
   * read, so its snapshot passes the credentials the fetch needs (see repo-cache.ts).
   */
  env?: NodeJS.ProcessEnv;
}

/**
 * The tree of one commit, seen from `repoDir` the way DirectorySnapshot sees the working tree:
 * when `repoDir` is a subdirectory of the work tree, paths are relative to it.
 */
export class GitTreeSnapshot implements RepositorySnapshot {
  private readonly texts = new Map<string, string>();
  private readonly running = new Set<ReturnType<typeof spawn>>();
  private closed = false;
  private readonly sortedPaths: readonly string[];
  private readonly include: (path: string, blobId: string) => boolean;
  private readonly knownText: (path: string, blobId: string) => string | undefined;
  private readonly env: NodeJS.ProcessEnv | undefined;

  constructor(
    readonly repoDir: string,
    readonly commit: string,
    private readonly entries: ReadonlyMap<string, TreeEntry>,
    options: GitTreeSnapshotOptions = {},
  ) {
    this.sortedPaths = [...entries.keys()].sort(compareStrings);
    this.include = options.include ?? (() => true);
    this.knownText = options.knownText ?? (() => undefined);
    this.env = options.env;
  }

  paths(): readonly string[] {
    return this.sortedPaths;
  }

  hash(path: string): string | undefined {
    return this.entries.get(path)?.blobId;
  }

  read(path: string): string | undefined {
    const entry = this.entries.get(path);
    if (!entry) return undefined;
    let text = this.texts.get(entry.blobId) ?? this.knownText(path, entry.blobId);
    if (text === undefined) {
      const batch = this.include(path, entry.blobId) ? this.unloadedBlobs(this.includedPaths()) : [];
      if (!batch.some((e) => e.blobId === entry.blobId)) batch.push(entry);
      this.store(batch, readBlobsSync(this.repoDir, batch, this.env));
      text = this.texts.get(entry.blobId)!;
    }
    return text;
  }

  /** Read the blobs of `paths` (default: every included path) in one asynchronous batch. */
  async preload(paths: readonly string[] = this.includedPaths()): Promise<void> {
    this.assertOpen();
    const batch = this.unloadedBlobs(paths);
    if (batch.length === 0) return;
    this.store(batch, await readBlobsAsync(this.repoDir, batch, this.running, this.env));
  }

  /** Release loaded text and stop any batch still running. Reads after close() fail. */
  close(): void {
    this.closed = true;
    for (const child of this.running) child.kill();
    this.running.clear();
    this.texts.clear();
  }

  private includedPaths(): string[] {
    return this.sortedPaths.filter((path) => this.include(path, this.entries.get(path)!.blobId));
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`git tree snapshot of ${this.commit} is closed`);
  }

  /** Distinct blobs of `paths` not yet loaded (identical files share one blob). */
  private unloadedBlobs(paths: readonly string[]): TreeEntry[] {
    this.assertOpen();
    const seen = new Set<string>();
    const out: TreeEntry[] = [];
    for (const path of paths) {
      const entry = this.entries.get(path);
      if (!entry || this.texts.has(entry.blobId) || seen.has(entry.blobId)) continue;
      seen.add(entry.blobId);
      out.push(entry);
    }
    return out;
  }

  private store(batch: readonly TreeEntry[], contents: Map<string, Buffer>): void {
    for (const entry of batch) {
      const bytes = contents.get(entry.blobId);
      if (bytes === undefined) throw new GitError(`blob ${entry.blobId} is missing from ${this.repoDir}`);
      this.texts.set(entry.blobId, bytes.toString("utf8"));
    }
  }
}

/**
 * Open the tree of `commit` as a snapshot. Regular files only (no symlinks or submodules), like
 * DirectorySnapshot; a `repoDir` that did not exist at `commit` gives an empty snapshot.
 */
export async function openGitTreeSnapshot(
  repoDir: string,
  commit: string,
  options: GitTreeSnapshotOptions = {},
): Promise<GitTreeSnapshot> {
  return new GitTreeSnapshot(repoDir, commit, await listCommitTree(repoDir, commit), options);
}

/**
 * The regular files of `commit` under `repoDir` (see openGitTreeSnapshot). `prefix` is where
 * `repoDir` sits in the work tree, when the caller already knows it (workTreePrefix).
 */
export async function listCommitTree(repoDir: string, commit: string, prefix?: string): Promise<Map<string, TreeEntry>> {
  prefix ??= await (await git(repoDir)).raw(["rev-parse", "--show-prefix"]);
  const treeish = prefix ? `${commit}:${prefix.replace(/\/$/, "")}` : commit;
  // Not trimmed: -z output is NUL-separated and a path may end in whitespace. --full-tree stops
  // ls-tree from filtering by the cwd a second time: the tree-ish already names the subtree.
  // No -l: sizing every blob means opening each object (60 ms for ~900 loose objects), and sizes
  // only bound the output of a synchronous batch.
  const listing = await gitOutput(repoDir, ["ls-tree", "-r", "-z", "--full-tree", "--end-of-options", treeish]);
  if (listing === undefined) {
    if (!prefix) throw new GitError(`cannot list the tree of ${commit} in ${repoDir}`);
    // The subdirectory did not exist at that commit: nothing was governed there.
    return new Map();
  }
  return parseLsTree(listing);
}

/**
 * Parse `git ls-tree -r -z [-l]` output: `<mode> SP <type> SP <id> [SP+ <size>] TAB <path> NUL`.
 * Regular files only: symlinks (mode 120000) and submodules (type commit) are skipped.
 */
export function parseLsTree(listing: string): Map<string, TreeEntry> {
  const entries = new Map<string, TreeEntry>();
  for (const record of listing.split("\0")) {
    const tab = record.indexOf("\t");
    if (tab < 0) continue;
    const [mode, type, blobId, size] = record.slice(0, tab).split(/ +/);
    if (type !== "blob" || mode === "120000" || !blobId) continue;
    entries.set(record.slice(tab + 1), { blobId, size: size === undefined ? null : Number(size) });
  }
  return entries;
}

const BATCH_OVERHEAD = 64 * 1024;
/** Output limit of a batch with an unsized blob (listed without `-l`). */
const UNSIZED_BATCH_LIMIT = 256 * 1024 * 1024;

function batchInput(batch: readonly TreeEntry[]): string {
  return batch.map((entry) => `${entry.blobId}\n`).join("");
}

function batchBufferSize(batch: readonly TreeEntry[]): number {
  if (batch.some((entry) => entry.size === null)) return UNSIZED_BATCH_LIMIT;
  return batch.reduce((sum, entry) => sum + entry.size! + 100, BATCH_OVERHEAD);
}

function readBlobsSync(repoDir: string, batch: readonly TreeEntry[], env?: NodeJS.ProcessEnv): Map<string, Buffer> {
  const output = execFileSync("git", ["cat-file", "--batch"], {
    cwd: repoDir,
    env,
    input: batchInput(batch),
    maxBuffer: batchBufferSize(batch),
    stdio: ["pipe", "pipe", "pipe"],
  });
  return parseCatFileBatch(output);
}

function readBlobsAsync(
  repoDir: string,
  batch: readonly TreeEntry[],
  running: Set<ReturnType<typeof spawn>>,
  env?: NodeJS.ProcessEnv,
): Promise<Map<string, Buffer>> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn("git", ["cat-file", "--batch"], { cwd: repoDir, env, stdio: ["pipe", "pipe", "pipe"] });
    running.add(child);
    const chunks: Buffer[] = [];
    const errors: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => errors.push(chunk));
    child.on("error", (error) => {
      running.delete(child);
      reject(error);
    });
    child.on("close", (code) => {
      running.delete(child);
      if (code !== 0) reject(new GitError(`git cat-file failed (${code}): ${Buffer.concat(errors).toString().trim()}`));
      else resolvePromise(parseCatFileBatch(Buffer.concat(chunks)));
    });
    child.stdin.end(batchInput(batch));
  });
}

/** Parse `git cat-file --batch` output: `<id> <type> <size>\n<bytes>\n`, or `<id> missing\n`. */
export function parseCatFileBatch(output: Buffer): Map<string, Buffer> {
  const blobs = new Map<string, Buffer>();
  let offset = 0;
  while (offset < output.length) {
    const newline = output.indexOf(0x0a, offset);
    if (newline < 0) break;
    const header = output.subarray(offset, newline).toString("utf8").split(" ");
    offset = newline + 1;
    if (header[1] === "missing" || header.length < 3) continue;
    const size = Number(header[2]);
    blobs.set(header[0]!, output.subarray(offset, offset + size));
    offset += size + 1;
  }
  return blobs;
}

/** The text of `path` (relative to `repoDir`) at `commit`, or undefined when it does not exist. */
export async function readFileAtCommit(repoDir: string, commit: string, path: string): Promise<string | undefined> {
  // `./` makes the path relative to repoDir, which may be a subdirectory of the work tree.
  return gitOutput(repoDir, ["cat-file", "blob", `${commit}:./${path}`]);
}
