// Real git repositories served over smart HTTP by `git http-backend` (run as CGI from a node
// server on loopback), with installation tokens checked as basic auth the way GitHub checks them.
// Repositories are built with real commits; each pull request also gets `refs/pull/N/head`.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const HTTP_BACKEND = "/usr/lib/git-core/git-http-backend";

export interface GitRequest {
  path: string;
  service: string;
  authorised: boolean;
}

export class GitServer {
  readonly root = mkdtempSync(join(tmpdir(), "rgov-git-server-"));
  readonly requests: GitRequest[] = [];
  private server?: Server;
  port = 0;

  constructor(private readonly acceptsToken: (token: string) => boolean) {}

  async start(): Promise<number> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this.port;
  }

  async stop(): Promise<void> {
    if (this.server) {
      this.server.closeAllConnections();
      await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    }
    rmSync(this.root, { recursive: true, force: true });
  }

  cloneUrl(name: string): string {
    return `http://127.0.0.1:${this.port}/${name}.git`;
  }

  /** A bare repository with one commit of `files` on `main`, configured like GitHub's remotes. */
  createRepository(name: string, files: Record<string, string>): TestRepository {
    const bare = join(this.root, `${name}.git`);
    git(this.root, ["init", "--quiet", "--bare", "--initial-branch=main", bare]);
    git(bare, ["config", "uploadpack.allowFilter", "true"]);
    git(bare, ["config", "uploadpack.allowAnySHA1InWant", "true"]);
    git(bare, ["config", "http.receivepack", "false"]);
    const work = mkdtempSync(join(tmpdir(), `rgov-work-${name}-`));
    git(work, ["init", "--quiet", "--initial-branch=main"]);
    git(work, ["remote", "add", "origin", bare]);
    const repo = new TestRepository(name, bare, work);
    repo.commit("main", files, "initial content");
    return repo;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const authorised = this.authorised(req.headers.authorization);
    this.requests.push({ path: url.pathname, service: url.searchParams.get("service") ?? url.pathname.split("/").pop() ?? "", authorised });
    if (!authorised) {
      res.writeHead(401, { "www-authenticate": 'Basic realm="GitHub"' });
      res.end("authentication required\n");
      return;
    }
    const child = spawn(HTTP_BACKEND, [], {
      env: {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        GIT_PROJECT_ROOT: this.root,
        GIT_HTTP_EXPORT_ALL: "1",
        PATH_INFO: decodeURIComponent(url.pathname),
        REQUEST_METHOD: req.method ?? "GET",
        QUERY_STRING: url.search.replace(/^\?/, ""),
        CONTENT_TYPE: req.headers["content-type"] ?? "",
        REMOTE_USER: "x-access-token",
        REMOTE_ADDR: "127.0.0.1",
        GIT_PROTOCOL: String(req.headers["git-protocol"] ?? ""),
        HTTP_CONTENT_ENCODING: String(req.headers["content-encoding"] ?? ""),
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    req.pipe(child.stdin);
    let headerBuffer = Buffer.alloc(0);
    let headersSent = false;
    child.stdout.on("data", (chunk: Buffer) => {
      if (headersSent) {
        res.write(chunk);
        return;
      }
      headerBuffer = Buffer.concat([headerBuffer, chunk]);
      const end = headerBuffer.indexOf("\r\n\r\n");
      if (end < 0) return;
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of headerBuffer.subarray(0, end).toString("latin1").split("\r\n")) {
        const colon = line.indexOf(":");
        const key = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (key.toLowerCase() === "status") status = Number(value.split(" ")[0]);
        else headers[key] = value;
      }
      res.writeHead(status, headers);
      headersSent = true;
      res.write(headerBuffer.subarray(end + 4));
    });
    child.on("close", () => {
      if (!headersSent) res.writeHead(500);
      res.end();
    });
  }

  private authorised(header: string | undefined): boolean {
    const encoded = /^Basic (.+)$/i.exec(header ?? "")?.[1];
    if (!encoded) return false;
    const [user, token] = Buffer.from(encoded, "base64").toString("utf8").split(":");
    return user === "x-access-token" && token !== undefined && this.acceptsToken(token);
  }
}

/** A work tree that commits and pushes to the served bare repository. */
export class TestRepository {
  constructor(
    readonly name: string,
    readonly bare: string,
    readonly work: string,
  ) {}

  /**
   * Commit `changes` on `branch` (created from `from`, default main) and push it. A `null` value
   * deletes the file. Returns the new commit id.
   */
  commit(branch: string, changes: Record<string, string | null>, message: string, from = "main"): string {
    const branches = git(this.work, ["branch", "--list", branch]);
    if (branches) git(this.work, ["checkout", "--quiet", branch]);
    else if (git(this.work, ["rev-parse", "--verify", "--quiet", "HEAD"], true)) git(this.work, ["checkout", "--quiet", "-b", branch, from]);
    else git(this.work, ["checkout", "--quiet", "--orphan", branch]);
    for (const [path, text] of Object.entries(changes)) {
      const file = join(this.work, path);
      if (text === null) {
        git(this.work, ["rm", "--quiet", "--", path]);
        continue;
      }
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      git(this.work, ["add", "--", path]);
    }
    git(this.work, ["-c", "user.name=Test", "-c", "user.email=test@example.invalid", "commit", "--quiet", "--allow-empty", "-m", message]);
    git(this.work, ["push", "--quiet", "--force", "origin", `${branch}:refs/heads/${branch}`]);
    return git(this.work, ["rev-parse", "HEAD"]);
  }

  /**
   * Force-push pull request N to a new commit branched from main, and let the old head's objects
   * go (no ref, reflog or loose object keeps them), as after a force-push and GitHub's cleanup.
   */
  rewritePullRequest(number: number, changes: Record<string, string | null>): string {
    const sha = this.commit(`rewrite-${number}`, changes, "rewritten head", "main");
    this.setPullRef(number, sha);
    for (const branch of [`pr-${number}`, `rewrite-${number}`]) git(this.bare, ["update-ref", "-d", `refs/heads/${branch}`], true);
    git(this.bare, ["reflog", "expire", "--expire=now", "--all"]);
    git(this.bare, ["gc", "--quiet", "--prune=now"]);
    return sha;
  }

  /** GitHub keeps `refs/pull/N/head` on the base repository for every pull request. */
  setPullRef(number: number, sha: string): void {
    git(this.bare, ["update-ref", `refs/pull/${number}/head`, sha]);
  }

  /** A commit only reachable through `refs/pull/N/head`, as when the head lives in a fork. */
  commitFromFork(number: number, changes: Record<string, string | null>, message: string): string {
    const sha = this.commit(`fork-${number}`, changes, message);
    this.setPullRef(number, sha);
    git(this.bare, ["update-ref", "-d", `refs/heads/fork-${number}`]);
    return sha;
  }

  sha(ref: string): string {
    return git(this.bare, ["rev-parse", ref]);
  }

  dispose(): void {
    rmSync(this.work, { recursive: true, force: true });
  }
}

function git(cwd: string, args: string[], allowFailure = false): string {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  } catch (error) {
    if (allowFailure) return "";
    throw error;
  }
}
