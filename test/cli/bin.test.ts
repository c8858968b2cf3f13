// Spawn tests of the built binary, as users and CI run it. CI builds before testing; without
// dist/ these tests skip with a message instead of failing on a missing build.
import { describe, expect, it } from "@jest/globals";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../helpers/corpus.js";
import { BROKEN_SIDECAR, makeTempDir, removeDir, writeFiles } from "./git-fixture.js";

const BIN = join(PROJECT_ROOT, "dist/cli/main.js");
const built = existsSync(BIN);
const describeBuilt = built ? describe : describe.skip;
if (!built) console.warn(`skipping rgov binary tests: ${BIN} is missing (run \`npm run build\` first)`);

function rgov(args: string[], cwd: string, bin = BIN) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describeBuilt("rgov binary (dist/cli/main.js)", () => {
  it("starts with a node shebang", () => {
    expect(readFileSync(BIN, "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
  });

  it("prints its version", () => {
    const { version } = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as { version: string };
    expect(rgov(["--version"], PROJECT_ROOT)).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it("exits 1 with JSON findings on a failing directory, 2 on a usage error", () => {
    const dir = makeTempDir();
    try {
      writeFiles(dir, { "model/notes/broken.json": BROKEN_SIDECAR });
      const failing = rgov(["check", "--format", "json"], dir);
      expect(failing.code).toBe(1);
      const output = JSON.parse(failing.stdout) as { verdict: string; findings: Array<{ file: string }> };
      expect(output.verdict).toBe("fail");
      expect(output.findings.map((f) => f.file)).toContain("model/notes/broken.json");

      const usage = rgov(["check", "--format", "yaml"], dir);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toContain("unknown format `yaml`");
    } finally {
      removeDir(dir);
    }
  });

  it("runs through a symlink, as npm installs bins", () => {
    const dir = makeTempDir();
    try {
      const link = join(dir, "rgov");
      symlinkSync(BIN, link);
      expect(rgov(["--help"], dir, link)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Usage: rgov/) });
    } finally {
      removeDir(dir);
    }
  });
});
