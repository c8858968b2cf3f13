import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "@jest/globals";
import { DirectorySnapshot, gitBlobId, RACY_WINDOW_MS } from "../../src/adapters/fs-snapshot.js";
import { MemoryDocumentCache } from "../../src/core/model/repository.js";

const made: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "rgov-snapshot-test-"));
  made.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Write a file whose times lie an hour in the past, so it is not racy. */
function writeOld(path: string, text: string): void {
  writeFileSync(path, text);
  const old = new Date(Date.now() - 3_600_000);
  utimesSync(path, old, old);
}

describe("DirectorySnapshot listing", () => {
  it("leaves out git's own .git, a directory or the file of a linked work tree", () => {
    const dir = tempDir();
    writeOld(join(dir, "a.md"), "# A\n");
    writeFileSync(join(dir, ".git"), "gitdir: /elsewhere/.git/worktrees/x\n");
    mkdirSync(join(dir, "sub", ".git"), { recursive: true });
    writeOld(join(dir, "sub", ".git", "HEAD"), "ref: refs/heads/main\n");
    writeOld(join(dir, "sub", ".gitignore"), "x\n");
    expect(new DirectorySnapshot(dir).paths()).toEqual(["a.md", "sub/.gitignore"]);
  });
});

describe("DirectorySnapshot and ignore files", () => {
  /** Files relative to the directory; a path ending in `/` is an empty directory. */
  function tree(files: Record<string, string>): string {
    const dir = tempDir();
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path.endsWith("/") ? path : join(path, "..")), { recursive: true });
      if (!path.endsWith("/")) writeFileSync(join(dir, path), text);
    }
    return dir;
  }

  it("leaves out what .gitignore files ignore, at every level, with git's precedence", () => {
    const dir = tree({
      ".gitignore": "runs/\n*.log\nmodel/**/*.onnx\n!model/tiny/kept.onnx\n",
      "runs/frames/clip/f001.png": "",
      "runs/loso.md": "# results\n",
      "train.log": "",
      "model/tiny/a.onnx": "",
      "model/tiny/kept.onnx": "",
      "model/tiny/a.json": "{}",
      "docs/research/.gitignore": "scratch/\n!keep.log\n",
      "docs/research/scratch/0001-draft.md": "# draft\n",
      "docs/research/keep.log": "",
      "docs/research/0001-a.md": "# A\n",
    });
    expect(new DirectorySnapshot(dir).paths()).toEqual([
      ".gitignore",
      "docs/research/.gitignore",
      "docs/research/0001-a.md",
      "docs/research/keep.log",
      "model/tiny/a.json",
      "model/tiny/kept.onnx",
    ]);
  });

  it("honours .git/info/exclude, and never walks into an ignored directory", () => {
    const dir = tree({ ".git/info/exclude": "local/\n", "local/0001-x.md": "", "data/.gitignore": "*\n!*.md\n", "data/x.csv": "", "data/notes.md": "", "a.md": "" });
    expect(new DirectorySnapshot(dir).paths()).toEqual(["a.md", "data/notes.md"]);
  });
});

describe("DirectorySnapshot and files committed despite an ignore file", () => {
  it("lists a file added with `git add -f`, as a commit holds it, and still leaves out the untracked ones", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "runs"), { recursive: true });
    writeFileSync(join(dir, ".gitignore"), "runs/\n*.log\n");
    writeFileSync(join(dir, "runs", "summary.json"), "{}\n");
    writeFileSync(join(dir, "runs", "scratch.json"), "{}\n");
    writeFileSync(join(dir, "kept.log"), "x\n");
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.email=t@example.invalid", "-c", "user.name=t", ...args], { cwd: dir });
    git("init", "-q");
    git("add", ".gitignore");
    git("add", "-f", "runs/summary.json", "kept.log");
    git("commit", "-q", "-m", "force-added");
    expect(new DirectorySnapshot(dir).paths()).toEqual([".gitignore", "kept.log", "runs/summary.json"]);
    // Deleted from the work tree: not listed, though git still tracks it.
    rmSync(join(dir, "runs", "summary.json"));
    expect(new DirectorySnapshot(dir).paths()).toEqual([".gitignore", "kept.log"]);
  });
});

describe("DirectorySnapshot id cache", () => {
  it("hashes like git and records stat entries for files older than the racy window", () => {
    const dir = tempDir();
    writeOld(join(dir, "a.md"), "# A\n");
    const idCache = new MemoryDocumentCache();
    const snapshot = new DirectorySnapshot(dir, { idCache });
    expect(snapshot.hash("a.md")).toBe(gitBlobId(Buffer.from("# A\n")));
    expect(idCache.get("stat:a.md")).toEqual(expect.arrayContaining([4, gitBlobId(Buffer.from("# A\n"))]));
  });

  it("reuses a recorded id without reading the file while its stat is unchanged", () => {
    const dir = tempDir();
    writeOld(join(dir, "a.md"), "# A\n");
    const idCache = new MemoryDocumentCache();
    new DirectorySnapshot(dir, { idCache }).hash("a.md");
    // Forge the recorded id: a second snapshot that trusted the stat returns it unread.
    const entry = idCache.get("stat:a.md") as unknown[];
    idCache.set("stat:a.md", [...entry.slice(0, 4), "recorded-id"]);
    expect(new DirectorySnapshot(dir, { idCache }).hash("a.md")).toBe("recorded-id");
  });

  it("re-hashes a file whose stat changed", () => {
    const dir = tempDir();
    writeOld(join(dir, "a.md"), "# A\n");
    const idCache = new MemoryDocumentCache();
    new DirectorySnapshot(dir, { idCache }).hash("a.md");
    writeOld(join(dir, "a.md"), "# B, longer\n");
    expect(new DirectorySnapshot(dir, { idCache }).hash("a.md")).toBe(gitBlobId(Buffer.from("# B, longer\n")));
  });

  it("does not record a file modified within the racy window", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "a.md"), "# A\n");
    const idCache = new MemoryDocumentCache();
    const modified = statSync(join(dir, "a.md")).mtimeMs;
    const snapshot = new DirectorySnapshot(dir, { idCache, now: () => modified + RACY_WINDOW_MS - 1 });
    expect(snapshot.hash("a.md")).toBe(gitBlobId(Buffer.from("# A\n")));
    expect(idCache.get("stat:a.md")).toBeUndefined();
  });
});

describe("DirectorySnapshot sha256", () => {
  it("hashes a file's bytes, and gives the content sha256 a Git LFS pointer names", () => {
    const dir = tempDir();
    const oid = "4d7a2146d4a5e63b4a7c7f2ff0d6e5a1b0c3f2e1d4c5b6a79887766554433221";
    writeFileSync(join(dir, "weights.onnx"), `version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize 1048576\n`);
    writeFileSync(join(dir, "real.onnx"), "not a pointer");
    const snapshot = new DirectorySnapshot(dir);
    expect(snapshot.sha256("weights.onnx")).toBe(oid);
    expect(snapshot.sha256("real.onnx")).toBe("171b4049ba8bd1727b7730f22cf105438ecce9f2e1a042d3c54becc3d17f3e66");
    expect(snapshot.sha256("missing.onnx")).toBeUndefined();
  });
});
