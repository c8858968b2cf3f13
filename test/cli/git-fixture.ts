// Real git repositories in temporary directories, for tests of `--base` and the git adapter.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export function makeTempDir(prefix = "rgov-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Write files under `root`, creating parent directories. */
export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

export class GitFixture {
  readonly dir: string;

  constructor(dir = makeTempDir("rgov-git-")) {
    this.dir = dir;
    this.git("init", "-q", "-b", "main");
    this.git("config", "user.name", "Test Author");
    this.git("config", "user.email", "test@example.invalid");
    this.git("config", "commit.gpgsign", "false");
  }

  git(...args: string[]): string {
    return execFileSync("git", args, { cwd: this.dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  }

  write(files: Record<string, string>): this {
    writeFiles(this.dir, files);
    return this;
  }

  remove(path: string): this {
    rmSync(join(this.dir, path), { force: true });
    return this;
  }

  /** Stage everything and commit; returns the commit id. */
  commit(message: string): string {
    this.git("add", "-A");
    this.git("commit", "-q", "--allow-empty", "-m", message);
    return this.git("rev-parse", "HEAD");
  }

  cleanup(): void {
    removeDir(this.dir);
  }
}

/** A sidecar the `document-parse` rule reports at line 1 (not JSON at all). */
export const BROKEN_SIDECAR = "{ not json\n";
export const VALID_SIDECAR = `${JSON.stringify({ id: "demo", kind: "fr" }, null, 2)}\n`;
