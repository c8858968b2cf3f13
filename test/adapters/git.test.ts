import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { symlinkSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { DirectorySnapshot } from "../../src/adapters/fs-snapshot.js";
import {
  GitError,
  deepenUntilMergeBase,
  findMergeBase,
  isGitWorkTree,
  openGitTreeSnapshot,
  parseCatFileBatch,
  readFileAtCommit,
  resolveCommit,
  workTreePrefix,
} from "../../src/adapters/git.js";
import { GitFixture, makeTempDir, removeDir } from "../cli/git-fixture.js";

describe("git adapter", () => {
  let repo: GitFixture;
  let first: string;
  let second: string;
  let mainTip: string;

  beforeAll(() => {
    repo = new GitFixture();
    repo.write({ "docs/a.md": "alpha\n", "model/m.json": "{}\n", "model/weights.onnx": "binary-ish\n", "name with space.md": "s\n" });
    first = repo.commit("first");
    repo.git("checkout", "-q", "-b", "feature");
    repo.write({ "docs/a.md": "alpha changed\n", "docs/b.md": "beta\n" });
    symlinkSync("docs/a.md", join(repo.dir, "link.md"));
    second = repo.commit("second");
    repo.git("checkout", "-q", "main");
    repo.write({ "docs/c.md": "gamma\n" });
    mainTip = repo.commit("main moves on");
    repo.git("checkout", "-q", "feature");
  });

  afterAll(() => repo.cleanup());

  it("resolves refs to full commit ids and rejects unknown ones", async () => {
    expect(await resolveCommit(repo.dir, "main")).toBe(mainTip);
    expect(await resolveCommit(repo.dir, "HEAD")).toBe(second);
    await expect(resolveCommit(repo.dir, "no-such-branch")).rejects.toThrow(GitError);
    await expect(resolveCommit(repo.dir, "--output=x")).rejects.toThrow(/unknown git ref/);
  });

  it("finds the merge base of a ref and HEAD, not the ref's tip", async () => {
    expect(await findMergeBase(repo.dir, "main")).toBe(first);
  });

  it("tells git work trees from plain directories", async () => {
    const plain = makeTempDir();
    try {
      expect(await isGitWorkTree(repo.dir)).toBe(true);
      expect(await isGitWorkTree(plain)).toBe(false);
      expect(await workTreePrefix(repo.dir)).toBe("");
      expect(await workTreePrefix(join(repo.dir, "docs"))).toBe("docs/");
      expect(await workTreePrefix(plain)).toBeUndefined();
    } finally {
      removeDir(plain);
    }
  });

  it("lists a commit's regular files, sorted, with blob ids matching DirectorySnapshot's", async () => {
    const snapshot = await openGitTreeSnapshot(repo.dir, second);
    try {
      expect(snapshot.paths()).toEqual(["docs/a.md", "docs/b.md", "model/m.json", "model/weights.onnx", "name with space.md"]);
      const working = new DirectorySnapshot(repo.dir);
      expect(snapshot.hash("docs/a.md")).toBe(working.hash("docs/a.md"));
      expect(snapshot.read("docs/a.md")).toBe("alpha changed\n");
      expect(snapshot.read("name with space.md")).toBe("s\n");
      expect(snapshot.read("missing.md")).toBeUndefined();
      expect(snapshot.hash("missing.md")).toBeUndefined();
    } finally {
      snapshot.close();
    }
  });

  it("reads an older commit's content, not the working tree's", async () => {
    const snapshot = await openGitTreeSnapshot(repo.dir, first);
    try {
      expect(snapshot.paths()).not.toContain("docs/b.md");
      expect(snapshot.read("docs/a.md")).toBe("alpha\n");
    } finally {
      snapshot.close();
    }
  });

  it("preloads only included blobs yet still reads any other path on demand", async () => {
    const included: string[] = [];
    const snapshot = await openGitTreeSnapshot(repo.dir, second, {
      include: (path, blobId) => {
        expect(blobId).toMatch(/^[0-9a-f]{40}$/);
        const keep = path.endsWith(".md");
        if (keep) included.push(path);
        return keep;
      },
    });
    try {
      await snapshot.preload();
      expect(included).toEqual(expect.arrayContaining(["docs/a.md", "docs/b.md"]));
      expect(included).not.toContain("model/weights.onnx");
      expect(snapshot.read("docs/b.md")).toBe("beta\n");
      expect(snapshot.read("model/weights.onnx")).toBe("binary-ish\n");
    } finally {
      snapshot.close();
    }
  });

  it("refuses reads after close", async () => {
    const snapshot = await openGitTreeSnapshot(repo.dir, second);
    snapshot.close();
    expect(() => snapshot.read("docs/a.md")).toThrow(/closed/);
  });

  it("sees the tree from a subdirectory the way DirectorySnapshot does", async () => {
    const snapshot = await openGitTreeSnapshot(join(repo.dir, "docs"), second);
    try {
      expect(snapshot.paths()).toEqual(["a.md", "b.md"]);
      expect(snapshot.read("b.md")).toBe("beta\n");
    } finally {
      snapshot.close();
    }
    const before = await openGitTreeSnapshot(join(repo.dir, "docs"), first);
    expect(before.paths()).toEqual(["a.md"]);
    before.close();
  });

  it("reads one file at a commit, relative to the directory", async () => {
    expect(await readFileAtCommit(repo.dir, first, "docs/a.md")).toBe("alpha\n");
    expect(await readFileAtCommit(join(repo.dir, "docs"), second, "b.md")).toBe("beta\n");
    expect(await readFileAtCommit(repo.dir, first, "docs/b.md")).toBeUndefined();
  });
});

describe("parseCatFileBatch", () => {
  it("parses contents and skips missing objects", () => {
    const a = "a".repeat(40);
    const b = "b".repeat(40);
    const output = Buffer.from(`${a} blob 6\nhello\n\n${b} missing\n`);
    const blobs = parseCatFileBatch(output);
    expect(blobs.get(a)?.toString()).toBe("hello\n");
    expect(blobs.has(b)).toBe(false);
  });
});

describe("findMergeBase without common history", () => {
  it("reports unrelated histories as a GitError", async () => {
    const repo = new GitFixture();
    try {
      repo.write({ "a.md": "a\n" }).commit("one");
      repo.git("checkout", "-q", "--orphan", "other");
      repo.write({ "b.md": "b\n" }).commit("two");
      await expect(findMergeBase(repo.dir, "main")).rejects.toThrow(/no common history/);
    } finally {
      repo.cleanup();
    }
  });
});

describe("deepenUntilMergeBase", () => {
  /** origin: main, then a branch of 25 commits; main gets one more commit after the branch point. */
  function origin(): { repo: GitFixture; branchPoint: string; featureTip: string } {
    const repo = new GitFixture();
    const branchPoint = repo.write({ "a.md": "a\n" }).commit("base");
    repo.git("checkout", "-q", "-b", "feature");
    for (let i = 0; i < 25; i++) repo.write({ [`f${i}.md`]: `${i}\n` }).commit(`feature ${i}`);
    const featureTip = repo.git("rev-parse", "HEAD");
    repo.git("checkout", "-q", "main");
    repo.write({ "b.md": "b\n" }).commit("main moves on");
    return { repo, branchPoint, featureTip };
  }

  function shallowClone(from: GitFixture, commit: string): GitFixture {
    const clone = new GitFixture();
    clone.git("remote", "add", "origin", pathToFileURL(from.dir).href);
    clone.git("fetch", "-q", "--no-tags", "--depth=1", "origin", commit);
    clone.git("checkout", "-q", "--detach", commit);
    return clone;
  }

  it("fetches a remote-tracking base and deepens past a 25-commit branch", async () => {
    const { repo, branchPoint, featureTip } = origin();
    const clone = shallowClone(repo, featureTip);
    try {
      await expect(findMergeBase(clone.dir, "origin/main")).rejects.toThrow(GitError);
      const note = await deepenUntilMergeBase(clone.dir, "origin/main");
      expect(note).toBe("The checkout is shallow: fetched `origin/main` and up to 110 more commits of history to find the merge base.");
      await expect(findMergeBase(clone.dir, "origin/main")).resolves.toBe(branchPoint);
    } finally {
      repo.cleanup();
      clone.cleanup();
    }
  });

  it("does nothing in a full clone or for a ref it cannot fetch safely", async () => {
    const { repo, featureTip } = origin();
    const clone = shallowClone(repo, featureTip);
    try {
      await expect(deepenUntilMergeBase(repo.dir, "main")).resolves.toBeUndefined();
      await expect(deepenUntilMergeBase(clone.dir, "--upload-pack=touch /tmp/x")).resolves.toBeUndefined();
      await expect(deepenUntilMergeBase(clone.dir, "main~1")).resolves.toBeUndefined();
      expect(clone.git("rev-parse", "--is-shallow-repository")).toBe("true");
    } finally {
      repo.cleanup();
      clone.cleanup();
    }
  });
});
