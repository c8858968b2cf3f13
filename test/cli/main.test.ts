import { describe, expect, it } from "@jest/globals";
import { readFileSync } from "node:fs";
import { PROJECT_ROOT } from "../helpers/corpus.js";
import { runCli } from "./run-cli.js";

describe("rgov main", () => {
  it("prints help on --help and exits 0", async () => {
    const result = await runCli(["--help"], PROJECT_ROOT);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: rgov <command>/);
    expect(result.stdout).toContain("check [DIR]");
  });

  it("prints usage on stderr and exits 2 without a command", async () => {
    const result = await runCli([], PROJECT_ROOT);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^Usage: rgov/);
  });

  it("prints the package version", async () => {
    const { version } = JSON.parse(readFileSync(`${PROJECT_ROOT}/package.json`, "utf8")) as { version: string };
    const result = await runCli(["--version"], PROJECT_ROOT);
    expect(result).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("prints per-command help", async () => {
    const check = await runCli(["check", "--help"], PROJECT_ROOT);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain("--base REF");
    const report = await runCli(["report", "-h"], PROJECT_ROOT);
    expect(report.code).toBe(0);
    expect(report.stdout).toContain("--output FILE");
  });

  it("rejects an unknown global option", async () => {
    const result = await runCli(["--verbose"], PROJECT_ROOT);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option `--verbose`");
  });
});
