import { afterEach, describe, expect, it } from "@jest/globals";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { BROKEN_SIDECAR, GitFixture, VALID_SIDECAR, makeTempDir, removeDir, writeFiles } from "./git-fixture.js";
import { parseJsonOutput, runCli, type JsonOutput } from "./run-cli.js";

const CONFIG = ".github/research-governance.yml";
const BROKEN = "model/notes/broken.json";

/** document-parse findings only: other rules are being added concurrently and may report too. */
function parseFindings(output: JsonOutput) {
  return output.findings.filter((f) => f.ruleId === "document-parse");
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function tempDir(files: Record<string, string> = {}): string {
  const dir = makeTempDir();
  cleanups.push(() => removeDir(dir));
  writeFiles(dir, files);
  return dir;
}

function gitRepo(): GitFixture {
  const repo = new GitFixture();
  cleanups.push(() => repo.cleanup());
  return repo;
}

describe("rgov check without --base", () => {
  it("passes a directory with nothing governed", async () => {
    const dir = tempDir({ "README.md": "hello\n" });
    const result = await runCli(["check", dir], "/");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Verdict: PASS");
    expect(result.stderr).toBe("");
  });

  it("fails on a broken sidecar and reports it with paths relative to DIR", async () => {
    const dir = tempDir({ [BROKEN]: BROKEN_SIDECAR });
    const result = await runCli(["check", "--format", "json"], dir);
    expect(result.code).toBe(1);
    const output = parseJsonOutput(result);
    expect(output.verdict).toBe("fail");
    expect(parseFindings(output)).toEqual([
      expect.objectContaining({ file: BROKEN, line: 1, severity: "error", new: true, docsUrl: expect.stringMatching(/document-parse\.md$/) }),
    ]);
  });

  it("resolves DIR against the working directory", async () => {
    const parent = tempDir({ [`repo/${BROKEN}`]: BROKEN_SIDECAR });
    const result = await runCli(["check", "repo", "--format", "json"], parent);
    expect(result.code).toBe(1);
    expect(parseFindings(parseJsonOutput(result))[0]!.file).toBe(BROKEN);
  });

  it("lets configuration lower a severity so the verdict passes", async () => {
    const dir = tempDir({ [BROKEN]: BROKEN_SIDECAR, [CONFIG]: "rules:\n  document-parse: warning\n" });
    const result = await runCli(["check", dir], "/");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/warning\s+Invalid JSON/);
  });

  it("uses --config FILE over the directory's configuration", async () => {
    const dir = tempDir({ [BROKEN]: BROKEN_SIDECAR, [CONFIG]: "rules:\n  document-parse: warning\n", "strict.yml": "rules:\n  document-parse: error\n" });
    expect((await runCli(["check", dir, "--config", "strict.yml"], dir)).code).toBe(1);
  });

  it.each([
    ["markdown", /^### ❌ research-governance: fail$/m],
    ["github", /^::error file=model\/notes\/broken\.json,line=1,col=\d+,title=document-parse::Invalid JSON/m],
    ["text", /^model\/notes\/broken\.json\n\s+1:\d+\s+error\s+Invalid JSON/m],
  ])("renders --format %s", async (format, pattern) => {
    const dir = tempDir({ [BROKEN]: BROKEN_SIDECAR });
    const result = await runCli(["check", dir, "--format", format], "/");
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(pattern);
  });
});

describe("rgov check usage and configuration errors exit 2", () => {
  it.each([
    [["check", "--frmat", "json"], /Unknown option '--frmat'/],
    [["check", "--format", "xml"], /unknown format `xml`, expected one of text, json, markdown, github/],
    [["check", "no/such/dir"], /directory not found: .*no\/such\/dir/],
    [["check", "a", "b"], /unexpected argument `b`/],
    [["frobnicate"], /unknown command `frobnicate`/],
  ])("%j", async (argv, message) => {
    const dir = tempDir();
    const result = await runCli(argv, dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe("");
  });

  it("names the key and line of an invalid configuration", async () => {
    const dir = tempDir({ [CONFIG]: "rules:\n  document-parse: warning\npaths:\n  sidecar: []\n" });
    const result = await runCli(["check", dir], "/");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${CONFIG}:4: unknown key \`paths.sidecar\``);
  });

  it("names the line of a configured rule that does not exist", async () => {
    const dir = tempDir({ [CONFIG]: "rules:\n  document-parse: warning\n  no-such-rule: off\n" });
    const result = await runCli(["check", dir], "/");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${CONFIG}:3: unknown key \`rules.no-such-rule\``);
  });

  it("reports a missing --config file", async () => {
    const dir = tempDir();
    const result = await runCli(["check", dir, "--config", "missing.yml"], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("missing.yml");
  });

  it("requires a git repository for --base", async () => {
    const dir = tempDir({ "README.md": "x\n" });
    const result = await runCli(["check", dir, "--base", "main"], "/");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--base needs a git repository/);
  });

  it("reports an unknown ref", async () => {
    const repo = gitRepo();
    repo.write({ "README.md": "x\n" }).commit("init");
    const result = await runCli(["check", repo.dir, "--base", "no-such-branch"], "/");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown git ref `no-such-branch`");
    expect(result.stderr).not.toContain("shallow");
  });

  it("says when a missing merge base is a shallow clone's cut-off history", async () => {
    const origin = gitRepo();
    origin.write({ "README.md": "x\n" }).commit("init");
    origin.git("checkout", "-q", "-b", "feature");
    origin.write({ "a.md": "a\n" }).commit("feature");
    const clone = gitRepo();
    clone.git("remote", "add", "origin", pathToFileURL(origin.dir).href);
    clone.git("fetch", "-q", "--depth=1", "origin", "+refs/heads/*:refs/remotes/origin/*");
    clone.git("checkout", "-q", "--detach", "origin/feature");

    const result = await runCli(["check", clone.dir, "--base", "origin/main"], "/");

    expect(result.code).toBe(2);
    expect(result.stderr).toContain("`origin/main` and `HEAD` have no common history");
    expect(result.stderr).toContain("This clone is shallow: fetch the base and the history since the branch point first (`git fetch --unshallow`).");
  });
});

describe("rgov check on weights stored with Git LFS", () => {
  it("compares a registry sha256 with the oid of an LFS pointer, not with the pointer's bytes", async () => {
    const oid = "a".repeat(64);
    const pointer = (id: string) => `version https://git-lfs.github.com/spec/v1\noid sha256:${id}\nsize 4096\n`;
    const registry = JSON.stringify({ schema_version: 1, models: [{ id: "demo_v1", kind: "fr", onnx: "demo_v1.onnx", sha256: oid, smoke: true }] }, null, 2);
    const dir = tempDir({ "model/tiny/registry.json": `${registry}\n`, "model/tiny/demo_v1.onnx": pointer(oid) });
    const bytesFindings = async () =>
      parseJsonOutput(await runCli(["check", dir, "--format", "json", "--no-cache"], "/")).findings.filter((f) => f.ruleId === "registry-consistency");
    expect(await bytesFindings()).toEqual([]);
    writeFiles(dir, { "model/tiny/demo_v1.onnx": pointer("b".repeat(64)) });
    expect((await bytesFindings()).map((f) => f.message)).toEqual([
      `Unexpected sha256 \`${"b".repeat(64)}\` of the bytes of \`model/tiny/demo_v1.onnx\`, expected \`${oid}\` as the registry records for \`demo_v1\``,
    ]);
  });
});

describe("rgov check --base", () => {
  /** main has one broken sidecar (debt); HEAD is a feature branch off it. */
  function repoWithDebt(): GitFixture {
    const repo = gitRepo();
    repo.write({ "model/notes/old.json": BROKEN_SIDECAR, "model/notes/fine.json": VALID_SIDECAR }).commit("main with debt");
    repo.git("checkout", "-q", "-b", "feature");
    return repo;
  }

  it("counts old violations as debt and passes", async () => {
    const repo = repoWithDebt();
    repo.write({ "docs/notes.md": "unrelated\n" }).commit("unrelated change");
    const result = await runCli(["check", "--base", "main", "--format", "json"], repo.dir);
    expect(result.code).toBe(0);
    const output = parseJsonOutput(result);
    expect(parseFindings(output)).toEqual([expect.objectContaining({ file: "model/notes/old.json", new: false })]);
    expect(output.stats).toMatchObject({ base: { ref: "main", commit: repo.git("rev-parse", "main") } });
  });

  it("marks a committed new violation as new and fails", async () => {
    const repo = repoWithDebt();
    repo.write({ [BROKEN]: BROKEN_SIDECAR }).commit("new broken sidecar");
    const result = await runCli(["check", ".", "--base", "main", "--format", "json"], repo.dir);
    expect(result.code).toBe(1);
    const byFile = Object.fromEntries(parseFindings(parseJsonOutput(result)).map((f) => [f.file, f.new]));
    expect(byFile).toEqual({ "model/notes/old.json": false, [BROKEN]: true });
  });

  it("counts the base's findings that the head resolved", async () => {
    const repo = repoWithDebt();
    repo.write({ "model/notes/old.json": VALID_SIDECAR }).commit("fix the broken sidecar");
    const json = await runCli(["check", "--base", "main", "--format", "json"], repo.dir);
    expect(json.code).toBe(0);
    expect(parseJsonOutput(json).stats).toMatchObject({ newFindings: 0, debtFindings: 0, resolvedFindings: 1 });
    const text = await runCli(["check", "--base", "main"], repo.dir);
    expect(text.stdout).toMatch(/^No new findings; 0 debt findings; 1 resolved; /m);
  });

  it("keeps the debt of a renamed file as debt, and still reports the same problem in a new file as new", async () => {
    const repo = repoWithDebt();
    repo.git("mv", "model/notes/old.json", "model/notes/renamed.json");
    repo.commit("rename the broken sidecar");
    const renamed = await runCli(["check", "--base", "main", "--format", "json"], repo.dir);
    expect(renamed.code).toBe(0);
    expect(parseFindings(parseJsonOutput(renamed))).toEqual([expect.objectContaining({ file: "model/notes/renamed.json", new: false })]);

    repo.write({ "model/notes/copy.json": `${BROKEN_SIDECAR}\n` }).commit("and a new broken sidecar");
    const copied = await runCli(["check", "--base", "main", "--format", "json"], repo.dir);
    expect(copied.code).toBe(1);
    const byFile = Object.fromEntries(parseFindings(parseJsonOutput(copied)).map((f) => [f.file, f.new]));
    expect(byFile).toEqual({ "model/notes/copy.json": true, "model/notes/renamed.json": false });
  });

  it("counts uncommitted edits in the working tree", async () => {
    const repo = repoWithDebt();
    repo.write({ "model/notes/fine.json": BROKEN_SIDECAR });
    const result = await runCli(["check", "--base", "main", "--format", "json"], repo.dir);
    expect(result.code).toBe(1);
    expect(parseFindings(parseJsonOutput(result))).toContainEqual(expect.objectContaining({ file: "model/notes/fine.json", new: true }));
  });

  it("judges the head by the base's configuration, so a change cannot weaken its own gates", async () => {
    const repo = gitRepo();
    repo.write({ [CONFIG]: "rules:\n  document-parse: error\n", "README.md": "x\n" }).commit("base configuration");
    repo.git("checkout", "-q", "-b", "feature");
    repo.write({ [CONFIG]: "rules:\n  document-parse: off\n", [BROKEN]: BROKEN_SIDECAR }).commit("weaken and break");
    const result = await runCli(["check", "--base", "main", "--format", "json"], repo.dir);
    expect(result.code).toBe(1);
    expect(parseFindings(parseJsonOutput(result))).toContainEqual(expect.objectContaining({ file: BROKEN, new: true }));
  });

  it("falls back to DIR's configuration when the base has none", async () => {
    const repo = repoWithDebt();
    repo.write({ [CONFIG]: "rules:\n  document-parse: off\n", [BROKEN]: BROKEN_SIDECAR });
    const result = await runCli(["check", "--base", "main", "--format", "json"], repo.dir);
    expect(result.code).toBe(0);
    expect(parseFindings(parseJsonOutput(result))).toEqual([]);
  });

  it("compares with the merge base, not the tip of REF", async () => {
    const repo = repoWithDebt();
    repo.write({ "docs/notes.md": "feature work\n" }).commit("feature work");
    repo.git("checkout", "-q", "main");
    repo.remove("model/notes/old.json").commit("main fixes its debt");
    repo.git("checkout", "-q", "feature");
    // At main's tip old.json is gone, so comparing with the tip would call it new.
    const result = await runCli(["check", "--base", "main", "--format", "json"], repo.dir);
    expect(result.code).toBe(0);
    expect(parseFindings(parseJsonOutput(result))).toEqual([expect.objectContaining({ file: "model/notes/old.json", new: false })]);
  });

  it("checks a subdirectory of the repository against the same subdirectory at the base", async () => {
    const repo = gitRepo();
    repo.write({ "project/model/notes/old.json": BROKEN_SIDECAR }).commit("init");
    repo.git("checkout", "-q", "-b", "feature");
    repo.write({ "project/model/notes/new.json": BROKEN_SIDECAR }).commit("new");
    const result = await runCli(["check", "project", "--base", "main", "--format", "json"], repo.dir);
    expect(result.code).toBe(1);
    const byFile = Object.fromEntries(parseFindings(parseJsonOutput(result)).map((f) => [f.file, f.new]));
    expect(byFile).toEqual({ "model/notes/old.json": false, "model/notes/new.json": true });
  });

  it("shows debt collapsed in text output", async () => {
    const repo = repoWithDebt();
    const result = await runCli(["check", "--base", "main"], repo.dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Debt: \d+ findings? already present at main \([0-9a-f]{12}\)/m);
    expect(result.stdout).not.toContain("model/notes/old.json");
  });

  it("reports an invalid configuration at the base commit with its key and line", async () => {
    const repo = gitRepo();
    repo.write({ [CONFIG]: "rules:\n  document-parse: loud\n" }).commit("bad config");
    repo.git("checkout", "-q", "-b", "feature");
    repo.write({ [CONFIG]: "rules:\n  document-parse: warning\n" }).commit("fix config");
    const result = await runCli(["check", "--base", "main"], repo.dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/[0-9a-f]{12}:\.github\/research-governance\.yml:2: key `rules\.document-parse`/);
  });
});

describe("rgov check cache", () => {
  const statsOf = async (args: string[], env: Record<string, string> = {}) =>
    parseJsonOutput(await runCli(["check", ...args, "--format", "json"], "/", env)).stats;

  it("persists extractions so a second run reuses them, and --no-cache leaves nothing behind", async () => {
    const dir = tempDir({ [BROKEN]: BROKEN_SIDECAR });
    const userCache = tempDir();
    const env = { XDG_CACHE_HOME: userCache };
    expect(await statsOf([dir, "--no-cache"], env)).toMatchObject({ parsedFiles: 1, cachedFiles: 0 });
    expect(existsSync(join(userCache, "research-governance"))).toBe(false);
    expect(await statsOf([dir], env)).toMatchObject({ parsedFiles: 1, cachedFiles: 0 });
    // The cache goes to the user's cache directory, never into the checked repository.
    expect(existsSync(join(userCache, "research-governance"))).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(["model"]);
    expect(await statsOf([dir], env)).toMatchObject({ parsedFiles: 0, cachedFiles: 1 });
    expect(await statsOf([dir, "--no-cache"], env)).toMatchObject({ parsedFiles: 1, cachedFiles: 0 });
  });

  it("honours RGOV_CACHE_DIR", async () => {
    const dir = tempDir({ [BROKEN]: BROKEN_SIDECAR });
    const cacheDir = tempDir();
    await statsOf([dir], { RGOV_CACHE_DIR: cacheDir });
    expect(readdirSync(cacheDir).length).toBeGreaterThan(0);
    expect(await statsOf([dir], { RGOV_CACHE_DIR: cacheDir })).toMatchObject({ cachedFiles: 1 });
  });

  it("classifies --base runs with --no-cache too (the in-memory cache serves both runs)", async () => {
    const repo = gitRepo();
    repo.write({ [BROKEN]: BROKEN_SIDECAR, "model/notes/fine.json": VALID_SIDECAR }).commit("init");
    repo.git("checkout", "-q", "-b", "feature");
    const result = await runCli(["check", "--base", "main", "--format", "json", "--no-cache"], repo.dir);
    expect(parseJsonOutput(result).stats).toMatchObject({ parsedFiles: 2, cachedFiles: 0 });
    expect(parseFindings(parseJsonOutput(result))).toEqual([expect.objectContaining({ file: BROKEN, new: false })]);
  });
});

describe("rgov check --explain", () => {
  it("prints the evidence chain of one rule in one file", async () => {
    const dir = tempDir({ [BROKEN]: BROKEN_SIDECAR, "model/notes/other.json": BROKEN_SIDECAR });
    const result = await runCli(["check", "--explain", "document-parse", BROKEN], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^document-parse \(error by default\): /);
    expect(result.stdout).toMatch(new RegExp(`^${BROKEN}:1:\\d+  Invalid JSON`, "m"));
    expect(result.stdout).not.toContain("other.json");
    // FILE relative to DIR also works when the working directory is elsewhere.
    const fromElsewhere = await runCli(["check", dir, "--explain", "document-parse", BROKEN], "/");
    expect(fromElsewhere.stdout).toBe(result.stdout);
  });

  it("says which findings are new and which are debt with --base", async () => {
    const repo = gitRepo();
    repo.write({ [BROKEN]: BROKEN_SIDECAR }).commit("debt");
    repo.git("checkout", "-q", "-b", "feature");
    const result = await runCli(["check", "--base", "main", "--explain", "document-parse", BROKEN], repo.dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Against main \([0-9a-f]{12}\): 0 new, 1 debt$/m);
    expect(result.stdout).toMatch(new RegExp(`^  debt  ${BROKEN}:1:\\d+  error  Invalid JSON`, "m"));
  });

  it("gives the rule's findings as JSON with --format json", async () => {
    const dir = tempDir({ [BROKEN]: BROKEN_SIDECAR, "model/notes/other.json": BROKEN_SIDECAR });
    const result = await runCli(["check", "--explain", "document-parse", BROKEN, "--format", "json"], dir);
    expect(parseJsonOutput(result).findings.map((f) => f.file)).toEqual([BROKEN]);
  });

  it("rejects an unknown rule or a file outside DIR", async () => {
    const dir = tempDir({ [BROKEN]: BROKEN_SIDECAR });
    const unknownRule = await runCli(["check", "--explain", "no-such-rule", BROKEN], dir);
    expect(unknownRule.code).toBe(2);
    expect(unknownRule.stderr).toContain("unknown rule `no-such-rule`");
    const rerunRule = await runCli(["check", "--explain", "rerun-mismatch", BROKEN], dir);
    expect(rerunRule.code).toBe(2);
    expect(rerunRule.stderr).toContain("--explain cannot explain `rerun-mismatch`: it judges LOSO re-runs");
    const missing = await runCli(["check", "--explain", "document-parse", "model/none.json"], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--explain file not found");
    const outside = await runCli(["check", dir, "--explain", "document-parse", "/etc/hostname"], "/");
    expect(outside.code).toBe(2);
  });
});
