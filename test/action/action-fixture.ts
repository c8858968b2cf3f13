// Runs the committed Action bundle the way the GitHub runner does: `node dist-action/index.js`
// with inputs as `INPUT_<NAME>` variables and the workflow files (GITHUB_OUTPUT,
// GITHUB_STEP_SUMMARY, GITHUB_EVENT_PATH) in a temporary directory.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { PROJECT_ROOT } from "../helpers/corpus.js";
import { makeTempDir } from "../cli/git-fixture.js";

export const BUNDLE = resolve(PROJECT_ROOT, "dist-action/index.js");

export const VALID_ADR = `# ADR-0001: Keep decisions as files

- **Status**: Accepted
- **Date**: 2026-01-15

## Context

Text.

## Decision

Text.

## Alternatives considered

Text.

## Consequences

Text.

## References

Text.
`;

export interface ActionRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** GITHUB_OUTPUT parsed from its `name<<DELIMITER` blocks. */
  outputs: Record<string, string>;
  outputFile: string;
  summary: string;
}

export interface RunActionOptions {
  workspace: string;
  inputs?: Record<string, string>;
  /** A pull_request event payload is written with this base SHA. */
  baseSha?: string;
}

export function runAction(options: RunActionOptions): ActionRun {
  const files = makeTempDir("rgov-action-run-");
  const outputFile = join(files, "output");
  const summaryFile = join(files, "summary");
  writeFileSync(outputFile, "");
  writeFileSync(summaryFile, "");
  // Start from a clean environment: when the tests themselves run in a workflow, the runner's
  // own GITHUB_* and INPUT_* variables must not leak in.
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(GITHUB_|INPUT_|RUNNER_)/.test(key)) env[key] = value;
  }
  Object.assign(env, {
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: files,
  });
  if (options.baseSha !== undefined) {
    const eventFile = join(files, "event.json");
    writeFileSync(eventFile, JSON.stringify({ action: "synchronize", pull_request: { number: 7, base: { ref: "main", sha: options.baseSha } } }));
    env.GITHUB_EVENT_PATH = eventFile;
    env.GITHUB_EVENT_NAME = "pull_request";
  }
  for (const [name, value] of Object.entries(options.inputs ?? {})) env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = value;

  // cwd is not the workspace on purpose: the runner starts actions elsewhere, GITHUB_WORKSPACE rules.
  const result = spawnSync(process.execPath, [BUNDLE], { cwd: files, env, encoding: "utf8" });
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    outputs: parseOutputs(readFileSync(outputFile, "utf8")),
    outputFile,
    summary: existsSync(summaryFile) ? readFileSync(summaryFile, "utf8") : "",
  };
}

/** Parse GITHUB_OUTPUT as the runner does: `name<<DELIM\nvalue\nDELIM\n` blocks (or `name=value`). */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line) continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      if (end < 0) throw new Error(`output ${heredoc[1]} is not terminated by its delimiter`);
      outputs[heredoc[1]!] = lines.slice(i + 1, end).join("\n");
      i = end;
    } else {
      const eq = line.indexOf("=");
      if (eq < 0) throw new Error(`malformed output line: ${line}`);
      outputs[line.slice(0, eq)] = line.slice(eq + 1);
    }
  }
  return outputs;
}
