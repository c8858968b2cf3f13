// The GitHub Action's entry (action.yml `runs.main`, bundled into dist-action/index.js):
// check mode: inputs -> engine -> annotations, job summary, outputs; rerun mode: see rerun.ts.
// Exit 1 when the verdict fails, a re-run does not reproduce its claims, or the run cannot be
// made (bad input or configuration), so the step fails; 0 otherwise.
import { mkdirSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { countFindings } from "../core/render/verdict-input.js";
import { renderGithub } from "../core/render/github.js";
import { renderJson } from "../core/render/json.js";
import { renderMarkdown } from "../core/render/markdown.js";
import { checkWorkspace } from "./check.js";
import { renderActionError } from "./errors.js";
import { pullRequestBaseSha } from "./event.js";
import { appendSummary, writeOutputs } from "./file-commands.js";
import { readInputs, type ActionEnv, type ActionInputs } from "./inputs.js";
import { rerunTargets } from "./rerun.js";

export interface ActionIO {
  stdout: { write(chunk: string): unknown };
}

export async function main(env: ActionEnv, io: ActionIO): Promise<number> {
  const workspace = resolve(env.GITHUB_WORKSPACE ?? process.cwd());
  try {
    const inputs = readInputs(env);
    if (inputs.mode === "rerun") return await rerunMode(inputs, workspace, env, io);
    const log = (line: string): void => void io.stdout.write(`${line}\n`);
    const input = await checkWorkspace({ workspace, baseRef: inputs.base ?? pullRequestBaseSha(env), config: inputs.config, log });

    io.stdout.write(renderGithub(input));
    appendSummary(env.GITHUB_STEP_SUMMARY, renderMarkdown(input));
    const reportPath = join(env.RUNNER_TEMP || tmpdir(), "research-governance", "report.json");
    mkdirSync(dirname(reportPath), { recursive: true });
    writeFileSync(reportPath, renderJson(input));
    const counts = countFindings(input.findings);
    writeOutputs(env.GITHUB_OUTPUT, {
      verdict: input.verdict,
      "new-findings": String(counts.newTotal),
      findings: String(input.findings.length),
      "resolved-findings": String(input.resolvedFindings ?? 0),
      "report-path": reportPath,
    });
    return input.verdict === "pass" ? 0 : 1;
  } catch (error) {
    io.stdout.write(renderActionError(error, workspace));
    return 1;
  }
}

/**
 * Exit 1 when the re-run check would fail: a target did not run or printed no figures, or a figure
 * is outside the tolerance while `rerun-mismatch` is an error. results.json is written either way.
 */
async function rerunMode(inputs: ActionInputs, workspace: string, env: ActionEnv, io: ActionIO): Promise<number> {
  const outcome = await rerunTargets({
    workspace,
    targets: inputs.targets,
    config: inputs.config,
    timeoutMinutes: inputs.timeoutMinutes,
    resultsPath: inputs.resultsPath,
    tempDir: env.RUNNER_TEMP || undefined,
    env,
    write: (chunk) => void io.stdout.write(chunk),
  });
  io.stdout.write(outcome.summary);
  appendSummary(env.GITHUB_STEP_SUMMARY, outcome.summary);
  writeOutputs(env.GITHUB_OUTPUT, { "results-path": outcome.resultsFile, reproduced: String(outcome.reproduced), conclusion: outcome.conclusion });
  return outcome.conclusion === "failure" ? 1 : 0;
}

// Run when executed (node dist-action/index.js), not when imported by a test.
if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) {
  process.exitCode = await main(process.env, { stdout: process.stdout });
}
