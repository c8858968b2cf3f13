// Inputs, event payload and file commands, in-process: the pieces main.ts wires together.
import { afterEach, describe, expect, it } from "@jest/globals";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigurationError } from "../../src/core/config.js";
import { GitError } from "../../src/adapters/git.js";
import { renderActionError } from "../../src/action/errors.js";
import { pullRequestBaseSha } from "../../src/action/event.js";
import { errorCommand, formatOutput, writeOutputs } from "../../src/action/file-commands.js";
import { ActionInputError, DEFAULT_RESULTS_PATH, getInput, inputEnvName, readInputs } from "../../src/action/inputs.js";
import { makeTempDir, removeDir } from "../cli/git-fixture.js";
import { parseOutputs } from "./action-fixture.js";

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) removeDir(dirs.pop()!);
});
function tempFile(name: string, text: string): string {
  const dir = makeTempDir("rgov-action-unit-");
  dirs.push(dir);
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe("inputs", () => {
  it.each([
    ["mode", "INPUT_MODE"],
    ["results-path", "INPUT_RESULTS-PATH"],
    ["timeout-minutes", "INPUT_TIMEOUT-MINUTES"],
    ["some name", "INPUT_SOME_NAME"],
  ])("reads %s from %s", (name, variable) => {
    expect(inputEnvName(name)).toBe(variable);
    expect(getInput({ [variable]: "  value \n" }, name)).toBe("value");
  });

  it("treats empty inputs as unset and applies action.yml's defaults", () => {
    expect(readInputs({ INPUT_MODE: "", INPUT_BASE: "", "INPUT_RESULTS-PATH": "" })).toEqual({ mode: "check", targets: [], resultsPath: DEFAULT_RESULTS_PATH });
  });

  it("reads every input", () => {
    const env = {
      INPUT_MODE: "rerun",
      INPUT_TARGETS: " docs/research/0001-a.md  model_b\n",
      INPUT_BASE: "origin/main",
      INPUT_CONFIG: "ci/governance.yml",
      "INPUT_RESULTS-PATH": "out/results.json",
      "INPUT_TIMEOUT-MINUTES": "30",
      INPUT_TOKEN: "t0ken",
    };
    expect(readInputs(env)).toEqual({
      mode: "rerun",
      targets: ["docs/research/0001-a.md", "model_b"],
      base: "origin/main",
      config: "ci/governance.yml",
      resultsPath: "out/results.json",
      timeoutMinutes: 30,
      token: "t0ken",
    });
  });

  it.each([
    [{ INPUT_MODE: "lint" }, "Unexpected input `mode: lint`, expected one of `check`, `rerun`"],
    [{ "INPUT_TIMEOUT-MINUTES": "soon" }, "Unexpected input `timeout-minutes: soon`, expected a positive number"],
    [{ "INPUT_TIMEOUT-MINUTES": "-5" }, "Unexpected input `timeout-minutes: -5`, expected a positive number"],
  ])("rejects %j", (env, message) => {
    expect(() => readInputs(env)).toThrow(new ActionInputError(message));
  });
});

describe("pull request base from the event payload", () => {
  const sha = "a".repeat(40);

  it("reads pull_request.base.sha", () => {
    const file = tempFile("event.json", JSON.stringify({ pull_request: { base: { sha } } }));
    expect(pullRequestBaseSha({ GITHUB_EVENT_PATH: file })).toBe(sha);
  });

  it("reads merge_group.base_sha, so a merge queue's required check keeps the debt as debt", () => {
    const file = tempFile("event.json", JSON.stringify({ action: "checks_requested", merge_group: { head_sha: "c".repeat(40), base_sha: sha } }));
    expect(pullRequestBaseSha({ GITHUB_EVENT_PATH: file })).toBe(sha);
  });

  it.each([
    ["a push payload", JSON.stringify({ ref: "refs/heads/main", before: sha })],
    ["a base that is not a SHA", JSON.stringify({ pull_request: { base: { sha: "--upload-pack=x" } } })],
    ["malformed JSON", "{"],
  ])("gives none for %s", (_name, text) => {
    expect(pullRequestBaseSha({ GITHUB_EVENT_PATH: tempFile("event.json", text) })).toBeUndefined();
  });

  it("gives none without a payload", () => {
    expect(pullRequestBaseSha({})).toBeUndefined();
  });
});

describe("file commands", () => {
  it("writes multiline values so the runner reads them back whole", () => {
    const file = tempFile("output", "");
    const value = "line one\nname=value\nEOF\n::error::not a command";
    writeOutputs(file, { verdict: "fail", details: value });
    expect(parseOutputs(readFileSync(file, "utf8"))).toEqual({ verdict: "fail", details: value });
  });

  it("refuses a value that contains its delimiter", () => {
    expect(() => formatOutput("x", "a\nDELIM\nb", "DELIM")).toThrow(/contains its delimiter/);
    expect(formatOutput("x", "a", "DELIM")).toBe("x<<DELIM\na\nDELIM\n");
  });

  it("escapes error commands", () => {
    expect(errorCommand("100% bad\nsecond line", { file: "dir/a,b:c.yml", line: 3 })).toBe("::error file=dir/a%2Cb%3Ac.yml,line=3::100%25 bad%0Asecond line\n");
    expect(errorCommand("no location")).toBe("::error::no location\n");
  });
});

describe("errors as workflow commands", () => {
  const workspace = "/repo";

  it.each([
    [new ConfigurationError("key `rules.x`: bad", "0123456789ab:.github/research-governance.yml", 4), "::error file=.github/research-governance.yml,line=4::research-governance configuration: key `rules.x`: bad\n"],
    [new ConfigurationError("unknown key `paths.sidecar`", "/repo/ci/strict.yml", 2), "::error file=ci/strict.yml,line=2::research-governance configuration: unknown key `paths.sidecar`\n"],
    [new ConfigurationError("unknown key `rules.y`: no rule has this id"), "::error::research-governance configuration: unknown key `rules.y`: no rule has this id\n"],
    [new GitError("unknown git ref `abc` in /repo"), "::error::research-governance: unknown git ref `abc` in /repo (check out with `fetch-depth: 0` so the base commit is present)\n"],
  ])("renders %s", (error, command) => {
    expect(renderActionError(error, workspace)).toBe(command);
  });

  it("prints the stack of an unexpected error", () => {
    expect(renderActionError(new TypeError("boom"), workspace)).toMatch(/^::error::research-governance: internal error: TypeError: boom%0A {4}at /);
  });
});
