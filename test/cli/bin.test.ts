// Spawn tests of the built binary, as users and CI run it. CI builds before testing; without
// dist/ these tests skip with a message instead of failing on a missing build.
import { describe, expect, it } from "@jest/globals";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../helpers/corpus.js";
import { BROKEN_SIDECAR, makeTempDir, removeDir, writeFiles } from "./git-fixture.js";

const BIN = join(PROJECT_ROOT, "dist/cli/main.js");
const built = existsSync(BIN);
const describeBuilt = built ? describe : describe.skip;
if (!built) console.warn(`skipping rgov binary tests: ${BIN} is missing (run \`npm run build\` first)`);

function rgov(args: string[], cwd: string, bin = BIN, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", env: { ...process.env, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describeBuilt("rgov binary (dist/cli/main.js)", () => {
  it("starts with a node shebang", () => {
    expect(readFileSync(BIN, "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
  });

  it("is a CommonJS loader beside a pure-ASCII bundle, which the loader reads as latin1", () => {
    expect(JSON.parse(readFileSync(join(PROJECT_ROOT, "dist/cli/package.json"), "utf8"))).toEqual({ type: "commonjs" });
    const bundle = readFileSync(join(PROJECT_ROOT, "dist/cli/rgov.cjs"));
    expect(bundle.findIndex((byte) => byte > 0x7f)).toBe(-1);
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

  it("keeps one compiled-code cache per kind of run, and none for runs that do no work", () => {
    const dir = makeTempDir();
    const home = makeTempDir();
    try {
      writeFiles(dir, { "docs/adr/0001-first.md": "# ADR-0001: First\n\n- **Status**: Accepted\n- **Date**: 2026-01-01\n" });
      const git = (...args: string[]) => spawnSync("git", ["-c", "user.email=t@example.invalid", "-c", "user.name=t", ...args], { cwd: dir });
      git("init", "-q");
      git("add", "-A");
      git("commit", "-q", "-m", "one");
      const env = { XDG_CACHE_HOME: home, RGOV_CACHE_DIR: join(home, "documents") };
      const compiled = () => (existsSync(join(home, "research-governance", "compile")) ? readdirSync(join(home, "research-governance", "compile")) : []);
      expect(rgov(["--version"], dir, BIN, env).code).toBe(0);
      expect(compiled()).toEqual([]);
      rgov(["check"], dir, BIN, env);
      rgov(["check", "--base", "HEAD"], dir, BIN, env);
      rgov(["report"], dir, BIN, env);
      const modes = compiled().map((name) => /-([a-z-]+)\.v8code$/.exec(name)?.[1]).sort();
      expect(modes).toEqual(["check", "check-base", "report"]);
      // A second run of a kind reuses its cache and gives the same result.
      const again = rgov(["check", "--base", "HEAD", "--format", "json"], dir, BIN, env);
      expect(again.code).toBe(0);
      expect(compiled()).toHaveLength(3);
      // Damaged code cache data would crash V8; the checksum makes it a recompile instead.
      for (const name of compiled()) {
        const file = join(home, "research-governance", "compile", name);
        const bytes = readFileSync(file);
        for (let offset = 8; offset < bytes.length; offset += 997) bytes[offset]! ^= 0x5a;
        writeFileSync(file, bytes);
      }
      const afterDamage = rgov(["check", "--base", "HEAD", "--format", "json"], dir, BIN, env);
      expect(afterDamage.stderr).toBe("");
      expect(afterDamage).toMatchObject({ code: 0, stdout: again.stdout });
    } finally {
      removeDir(dir);
      removeDir(home);
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
