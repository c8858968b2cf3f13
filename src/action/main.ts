// The GitHub Action's entry (action.yml `runs.main`, bundled into dist-action/index.js):
// inputs -> engine -> annotations, job summary, outputs. Exit 1 when the verdict fails or the run
// cannot be made (bad input or configuration), so the step fails; 0 otherwise.
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
import { ActionInputError, readInputs, type ActionEnv } from "./inputs.js";

export interface ActionIO {
  stdout: { write(chunk: string): unknown };
}

export async function main(env: ActionEnv, io: ActionIO): Promise<number> {
  const workspace = resolve(env.GITHUB_WORKSPACE ?? process.cwd());
  try {
    const inputs = readInputs(env);
    if (inputs.mode === "rerun") throw new ActionInputError("mode `rerun` is not available in this version");
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

// Run when executed (node dist-action/index.js), not when imported by a test.
if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) {
  process.exitCode = await main(process.env, { stdout: process.stdout });
}
