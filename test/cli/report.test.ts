import { afterEach, describe, expect, it } from "@jest/globals";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomically } from "../../src/cli/report.js";
import { CORPUS_DIR, CORPUS_EXPECTED_REPORT, describeWithCorpus } from "../helpers/corpus.js";
import { VALID_SIDECAR, makeTempDir, removeDir, writeFiles } from "./git-fixture.js";
import { runCli } from "./run-cli.js";

const dirs: string[] = [];
function tempDir(files: Record<string, string> = {}): string {
  const dir = makeTempDir();
  dirs.push(dir);
  writeFiles(dir, files);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

describe("rgov report", () => {
  it("writes the report to stdout, or to --output creating parent directories", async () => {
    const dir = tempDir({ "model/demo/demo.json": VALID_SIDECAR });
    const toStdout = await runCli(["report", dir], "/");
    expect(toStdout.code).toBe(0);
    expect(toStdout.stdout.length).toBeGreaterThan(0);

    const toFile = await runCli(["report", dir, "--output", "out/deep/report.md"], dir);
    expect(toFile.code).toBe(0);
    expect(toFile.stdout).toBe("");
    expect(readFileSync(join(dir, "out/deep/report.md"), "utf8")).toBe(toStdout.stdout);
    expect(readdirSync(join(dir, "out/deep"))).toEqual(["report.md"]);
  });

  it("exits 2 for a missing directory, an extra argument or a bad configuration", async () => {
    const dir = tempDir({ ".github/research-governance.yml": "report:\n  preset: fancy\n" });
    expect((await runCli(["report", join(dir, "missing")], "/")).stderr).toMatch(/directory not found/);
    expect((await runCli(["report", "a", "b"], dir)).code).toBe(2);
    const badConfig = await runCli(["report", dir], "/");
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toContain(".github/research-governance.yml:2: key `report.preset`");
  });
});

describe("writeFileAtomically", () => {
  it("replaces the target and leaves no temporary file behind", () => {
    const dir = tempDir({ "a/report.md": "old\n" });
    writeFileAtomically(join(dir, "a/report.md"), "new\n");
    expect(readFileSync(join(dir, "a/report.md"), "utf8")).toBe("new\n");
    expect(readdirSync(join(dir, "a"))).toEqual(["report.md"]);
  });

  it("leaves the old file intact when the target cannot be replaced", () => {
    const dir = tempDir({ "a/report.md/keep.txt": "x\n" });
    expect(() => writeFileAtomically(join(dir, "a/report.md"), "new\n")).toThrow();
    expect(readFileSync(join(dir, "a/report.md/keep.txt"), "utf8")).toBe("x\n");
    expect(readdirSync(join(dir, "a"))).toEqual(["report.md"]);
  });
});

describeWithCorpus("rgov report on the corpus", () => {
  it("reproduces the reference report byte for byte", async () => {
    const result = await runCli(["report", CORPUS_DIR], "/");
    expect(result.code).toBe(0);
    expect(existsSync(CORPUS_EXPECTED_REPORT)).toBe(true);
    expect(result.stdout).toBe(readFileSync(CORPUS_EXPECTED_REPORT, "utf8"));
  });
});
