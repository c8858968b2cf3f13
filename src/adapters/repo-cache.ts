// A per-repository cache of partial clones (`--filter=blob:none`, no work tree) that the app reads
// pull requests from. Commits and trees are fetched incrementally; blobs are fetched only for the
// paths the engine governs, in one request, then read through one `git cat-file --batch` process.
//
// The installation token travels as an `http.extraHeader` set through GIT_CONFIG_* environment
// variables of each git process: the same effect as `git -c`, but it never lands in the repository
// config, in argv (visible to `ps`), or in an error message.
//
// The fetching is written here because every git process of a partial clone may need to fetch, so
// each one needs the token; reading trees and blobs is git.ts's (`GitTreeSnapshot` with this
// clone's environment, `parseLsTree`, `parseCatFileBatch`).
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { simpleGit, type SimpleGit } from "simple-git";
import { GitTreeSnapshot, parseCatFileBatch, parseLsTree } from "./git.js";

export class RepoCacheError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RepoCacheError";
  }
}

const OBJECT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/** Commit ids come from webhook payloads: accept only full hexadecimal object ids. */
export function assertObjectId(value: string, what: string): string {
  if (!OBJECT_ID.test(value)) throw new RepoCacheError(`${what} is not a full object id: ${JSON.stringify(value.slice(0, 80))}`);
  return value;
}

/** The only URLs we clone: http(s), no credentials, no options smuggled in as a leading dash. */
function assertCloneUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new RepoCacheError("clone URL is not a URL");
  }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || url.username || url.password) {
    throw new RepoCacheError(`clone URL must be http(s) without credentials, got protocol ${url.protocol}`);
  }
  return url.toString();
}

export interface OpenRepositoryOptions {
  /** `repository.clone_url` from the payload (the base repository). */
  cloneUrl: string;
  /** Installation token; used in memory only. */
  token: string;
}

export interface FetchPullRequestOptions {
  baseSha: string;
  headSha: string;
  /** When the head lives in a fork, the head commit is fetched through `refs/pull/N/head`. */
  pullNumber: number;
  fromFork: boolean;
}

/** One git process environment per job: the token as a per-process config value, no prompts. */
function gitEnvironment(token: string): Record<string, string> {
  const basic = Buffer.from(`x-access-token:${token}`).toString("base64");
  return {
    GIT_TERMINAL_PROMPT: "0",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_COUNT: "1",
    GIT_CONFIG_KEY_0: "http.extraHeader",
    GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`,
  };
}

const ALLOWED_GIT_ENVIRONMENT = Object.keys(gitEnvironment("x"));

export class RepoCache {
  /** Git work on one repository is serialised: concurrent fetches into one clone contend for locks. */
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(readonly cacheDir: string) {}

  /** Run `work` with the cached clone of `cloneUrl`, creating or updating it first as asked. */
  async withRepository<T>(options: OpenRepositoryOptions, work: (repo: CachedRepository) => Promise<T>): Promise<T> {
    const cloneUrl = assertCloneUrl(options.cloneUrl);
    const dir = join(this.cacheDir, createHash("sha256").update(cloneUrl).digest("hex").slice(0, 24) + ".git");
    const previous = this.locks.get(dir) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(async () => {
      const repo = new CachedRepository(dir, cloneUrl, options.token);
      await repo.ensureInitialised();
      return work(repo);
    });
    this.locks.set(dir, run);
    try {
      return await run;
    } finally {
      if (this.locks.get(dir) === run) this.locks.delete(dir);
    }
  }
}

export class CachedRepository {
  private readonly env: Record<string, string>;

  constructor(
    readonly dir: string,
    private readonly cloneUrl: string,
    token: string,
  ) {
    this.env = { ...minimalEnvironment(), ...gitEnvironment(token) };
  }

  private git(): SimpleGit {
    // simple-git guards GIT_CONFIG_COUNT because arbitrary config can run programs; ours carries
    // exactly one key, http.extraHeader, built above from the token and nothing else.
    return simpleGit({ baseDir: this.dir, allowEnvironment: ALLOWED_GIT_ENVIRONMENT, unsafe: { allowUnsafeConfigEnvCount: true } }).env(this.env);
  }

  /** A bare repository whose `origin` is a promisor remote with the blob:none filter (a partial clone). */
  async ensureInitialised(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const git = simpleGit({ baseDir: this.dir });
    // Look for the clone's own config file: asking git inside an empty directory would find
    // whatever repository encloses the cache directory.
    const exists = existsSync(join(this.dir, "config")) && existsSync(join(this.dir, "objects"));
    const configuredUrl = exists ? (await git.raw(["config", "--get", "remote.origin.url"]).catch(() => "")).trim() : undefined;
    if (configuredUrl === this.cloneUrl) return;
    if (configuredUrl === undefined) {
      await git.raw(["init", "--quiet", "--bare"]);
      await git.raw(["remote", "add", "origin", this.cloneUrl]);
    } else if (configuredUrl === "") {
      await git.raw(["remote", "add", "origin", this.cloneUrl]);
    } else {
      await git.raw(["remote", "set-url", "origin", this.cloneUrl]);
    }
    await git.raw(["config", "remote.origin.promisor", "true"]);
    await git.raw(["config", "remote.origin.partialclonefilter", "blob:none"]);
    await git.raw(["config", "extensions.partialClone", "origin"]);
  }

  /** Fetch commits and trees of both sides of a pull request (no blobs), skipping what is cached. */
  async fetchPullRequest(options: FetchPullRequestOptions): Promise<void> {
    const baseSha = assertObjectId(options.baseSha, "base SHA");
    const headSha = assertObjectId(options.headSha, "head SHA");
    if (!Number.isSafeInteger(options.pullNumber) || options.pullNumber <= 0) throw new RepoCacheError("invalid pull request number");
    const wanted: string[] = [];
    if (!(await this.hasCommit(baseSha))) wanted.push(baseSha);
    if (!(await this.hasCommit(headSha))) wanted.push(options.fromFork ? `refs/pull/${options.pullNumber}/head` : headSha);
    if (wanted.length === 0) return;
    await this.fetch(["--filter=blob:none", "origin", ...wanted]);
    if (!(await this.hasCommit(headSha))) {
      // The pull request moved on after this delivery; its head ref no longer names our SHA.
      throw new RepoCacheError(`head commit ${headSha} is not available from the remote`);
    }
  }

  /**
   * Fetch commits and trees of a merge-queue group (no blobs): its base and its head, which lives
   * on a `gh-readonly-queue/...` branch of the repository itself and so can be fetched by id.
   */
  async fetchMergeGroup(baseSha: string, headSha: string): Promise<void> {
    await this.fetchCommits([
      [baseSha, "base SHA"],
      [headSha, "head SHA"],
    ]);
  }

  /** Fetch commits and trees (no blobs) by id, those the clone lacks, in one request. */
  async fetchCommits(commits: ReadonlyArray<readonly [sha: string, what: string]>): Promise<void> {
    const wanted: string[] = [];
    for (const [sha, what] of commits) {
      if (!(await this.hasCommit(assertObjectId(sha, what)))) wanted.push(sha);
    }
    if (wanted.length === 0) return;
    await this.fetch(["--filter=blob:none", "origin", ...wanted]);
  }

  async mergeBase(a: string, b: string): Promise<string> {
    return (await this.git().raw(["merge-base", assertObjectId(a, "commit"), assertObjectId(b, "commit")])).trim();
  }

  /** Paths that differ between two commits (trees only, so no blob is fetched). */
  async changedPaths(from: string, to: string): Promise<string[]> {
    const out = await this.git().raw(["diff", "--name-only", "--no-renames", "-z", assertObjectId(from, "commit"), assertObjectId(to, "commit"), "--"]);
    return out.split("\0").filter(Boolean);
  }

  /**
   * The tree of `commit` as a snapshot. Blobs of paths that `include` accepts are fetched (one
   * request for all missing ones) and read up front; any other path is read on demand.
   */
  async snapshot(commit: string, include: (path: string) => boolean): Promise<GitTreeSnapshot> {
    assertObjectId(commit, "commit");
    // No `-l`: sizing a blob would fetch it.
    const listing = await this.git().raw(["ls-tree", "-r", "-z", "--full-tree", commit]);
    const entries = parseLsTree(listing);
    const wanted = [...new Set([...entries].filter(([path]) => include(path)).map(([, entry]) => entry.blobId))];
    await this.fetchMissingBlobs(wanted);
    const snapshot = new GitTreeSnapshot(this.dir, commit, entries, { include: (path) => include(path), env: this.env });
    await snapshot.preload();
    return snapshot;
  }

  /** The text of one file at a commit, or undefined when the commit has no such file. */
  async readFile(commit: string, path: string): Promise<string | undefined> {
    assertObjectId(commit, "commit");
    const listing = await this.git().raw(["ls-tree", "-z", "--full-tree", commit, "--", path]);
    const id = parseLsTree(listing).get(path)?.blobId;
    if (id === undefined) return undefined;
    await this.fetchMissingBlobs([id]);
    return (await this.readBlobs([id])).get(id);
  }

  private async hasCommit(sha: string): Promise<boolean> {
    try {
      await this.git().raw(["cat-file", "-e", `${sha}^{commit}`]);
      return true;
    } catch {
      return false;
    }
  }

  private async fetch(args: string[]): Promise<void> {
    try {
      await this.git().raw(["-c", "fetch.negotiationAlgorithm=noop", "fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--recurse-submodules=no", ...args]);
    } catch (error) {
      throw new RepoCacheError(`git fetch failed: ${redact(String((error as Error).message))}`);
    }
  }

  /** Ask the remote once for every listed blob the clone lacks, as git's own lazy fetch would. */
  private async fetchMissingBlobs(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const present = await this.presentObjects(ids);
    const missing = ids.filter((id) => !present.has(id));
    if (missing.length === 0) return;
    await runGit(this.dir, ["-c", "fetch.negotiationAlgorithm=noop", "fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--recurse-submodules=no", "--filter=blob:none", "--stdin", "origin"], this.env, `${missing.join("\n")}\n`);
  }

  /**
   * Which of `ids` are stored locally. `rev-list --missing=print` reports absent objects without
   * fetching them (cat-file would lazily fetch each one, one request per blob).
   */
  private async presentObjects(ids: readonly string[]): Promise<Set<string>> {
    const out = await runGit(this.dir, ["rev-list", "--objects", "--no-walk", "--missing=print", "--stdin"], this.env, `${ids.join("\n")}\n`, true);
    const present = new Set(ids);
    for (const line of out.toString("utf8").split("\n")) if (line.startsWith("?")) present.delete(line.slice(1).trim());
    return present;
  }

  private async readBlobs(ids: readonly string[]): Promise<Map<string, string>> {
    const texts = new Map<string, string>();
    if (ids.length === 0) return texts;
    const out = await runGit(this.dir, ["cat-file", "--batch"], this.env, `${ids.join("\n")}\n`);
    for (const [id, bytes] of parseCatFileBatch(out)) texts.set(id, bytes.toString("utf8"));
    return texts;
  }
}

/** Run git with input on stdin (argument array, no shell) and collect stdout. */
function runGit(dir: string, args: string[], env: Record<string, string>, input: string, allowFailure = false): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, { cwd: dir, env, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", (error) => reject(new RepoCacheError(`cannot run git: ${error.message}`)));
    child.on("close", (code) => {
      if (code === 0 || allowFailure) resolve(Buffer.concat(out));
      else reject(new RepoCacheError(`git ${args.find((a) => !a.startsWith("-") && !a.includes("=")) ?? ""} failed (${code}): ${redact(Buffer.concat(err).toString("utf8").trim())}`));
    });
    child.stdin.on("error", () => undefined);
    child.stdin.end(input);
  });
}

/** Defence in depth: git never prints the header, but strip anything that looks like one. */
function redact(text: string): string {
  return text.replace(/(Authorization:\s*\w+\s+)\S+/gi, "$1[redacted]").replace(/x-access-token:[^@\s]+/g, "x-access-token:[redacted]");
}

/**
 * Git processes of the clone see only what they need: the app's own GIT_* variables (GIT_DIR and
 * friends), editors and pagers must not leak in, and simple-git refuses guarded variables anyway.
 */
function minimalEnvironment(): Record<string, string> {
  const out: Record<string, string> = { LC_ALL: "C" };
  for (const key of ["PATH", "HOME", "TMPDIR", "SYSTEMROOT"]) {
    const value = process.env[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}
