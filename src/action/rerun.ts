// Rerun mode (SPEC section 5): on a self-hosted runner, run each target's Reproducer at the checked
// out commit and write results.json for the app to compare. The workflow that runs this is
// dispatched by the app for a collaborator with write access, on the default branch's definition.
//
// The reproducer is a digest's own script (loops, heredocs and pipes included), so it runs with
// bash from a file written here: the script text is never put on a command line, and the targets,
// which come from a comment, select digests and models but are never run (ADR-0015). Each run is
// its own process group, killed at the timeout, with the workflow's secrets removed from its
// environment.
import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { resolveConfig } from "../adapters/config-loader.js";
import { DirectorySnapshot } from "../adapters/fs-snapshot.js";
import { buildRepositoryModel, MemoryDocumentCache } from "../core/model/repository.js";
import { allReproduced, compareTarget } from "../core/rerun/compare.js";
import { renderComparisons } from "../core/render/rerun.js";
import { figuresFromOutput, figuresFromSidecar } from "../core/rerun/figures.js";
import { planRerun, type RerunPlan } from "../core/rerun/plan.js";
import { RERUN_RESULTS_SCHEMA, type RerunResults, type RerunTargetResult } from "../core/rerun/results.js";
import { escapeCommandData, renderAnnotation } from "../core/render/github.js";
import { judgeRerun, type RerunConclusion, type RerunVerdict } from "../core/rerun/verdict.js";
import { configureRule } from "../core/rules/configure.js";
import { rerunMismatch } from "../core/rules/rerun-mismatch.js";
import { ActionInputError } from "./inputs.js";

export interface RerunOptions {
  workspace: string;
  targets: readonly string[];
  /** Configuration file relative to the workspace. */
  config?: string;
  /** Per target; default: the configuration's `rerun.timeoutMinutes`. */
  timeoutMinutes?: number;
  /** Where results.json goes, relative to the workspace. */
  resultsPath: string;
  /** The runner's temporary directory, for the scripts. */
  tempDir?: string;
  /** The step's environment; the reproducer inherits it without tokens. */
  env: Readonly<Record<string, string | undefined>>;
  /** Streams the reproducers' output into the step log. */
  write: (chunk: string) => void;
}

export interface RerunOutcome {
  results: RerunResults;
  resultsFile: string;
  /** Markdown for the job summary: the comparison with the claims. */
  summary: string;
  /** Every target ran to completion and printed figures within the tolerance. */
  reproduced: boolean;
  /** As the app would conclude the re-run check (`rerun-mismatch`'s severity decides a mismatch). */
  conclusion: RerunConclusion;
}

/** Bytes of output kept for reading figures (the end of it); the rest only goes to the log. */
const KEPT_OUTPUT_BYTES = 8 * 1024 * 1024;
const LOG_TAIL_CHARS = 4000;
/** After SIGTERM at the timeout, how long the process group gets before SIGKILL. */
const KILL_GRACE_MS = 10_000;

export async function rerunTargets(options: RerunOptions): Promise<RerunOutcome> {
  const { workspace } = options;
  if (options.targets.length === 0) throw new ActionInputError("mode `rerun` needs `targets`: digest paths or model ids");
  const loaded = await resolveConfig({ dir: workspace, configFile: options.config === undefined ? undefined : resolve(workspace, options.config) });
  // Settings the verdict needs are checked before any reproducer spends runner time.
  configureRule(loaded.config, rerunMismatch);
  const model = buildRepositoryModel(new DirectorySnapshot(workspace), loaded.config, { cache: new MemoryDocumentCache() });
  const timeoutMs = (options.timeoutMinutes ?? loaded.config.rerun.timeoutMinutes) * 60_000;
  // Read before anything runs: a reproducer that checks out another commit must not change it.
  const sha = await headCommit(workspace);
  const scripts = mkdtempSync(join(options.tempDir ?? tmpdir(), "rgov-rerun-"));
  const targets: RerunTargetResult[] = [];
  try {
    for (const target of options.targets) {
      const plan = planRerun(model, target);
      // Targets are workflow inputs: escaped, as any text in a workflow command must be.
      options.write(`::group::rerun ${escapeCommandData(target)}\n`);
      targets.push(await runPlan(plan, { workspace, timeoutMs, scripts, env: options.env, write: options.write }));
      options.write("::endgroup::\n");
    }
  } finally {
    rmSync(scripts, { recursive: true, force: true });
  }
  const results: RerunResults = { schema: RERUN_RESULTS_SCHEMA, sha, targets };
  const resultsFile = resolve(workspace, options.resultsPath);
  mkdirSync(dirname(resultsFile), { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  const tolerance = loaded.config.rerun.tolerance;
  const comparisons = targets.map((result) => compareTarget(result, tolerance));
  const claimedFrom = new Map(targets.map((result) => [result.target, result.claimedFrom]));
  const verdict = judgeRerun(comparisons, (target) => claimedFrom.get(target), loaded.config);
  options.write(annotations(verdict));
  return {
    results,
    resultsFile,
    summary: `## research-governance: LOSO re-run\n\n${renderComparisons(results, comparisons, tolerance)}`,
    reproduced: allReproduced(comparisons),
    conclusion: verdict.conclusion,
  };
}

/**
 * One annotation per target not reproduced: the `rerun-mismatch` finding at the claimed figures,
 * or an error without a place for a target with no claim to point at (an unknown target).
 */
function annotations(verdict: RerunVerdict): string {
  const lines = verdict.findings.map((finding) => renderAnnotation({ ...finding, new: true }));
  for (const comparison of verdict.unplaced) {
    // A target that could not run has a note that already starts with its name.
    const named = `\`${comparison.target}\``;
    const text = comparison.note.startsWith(named) ? comparison.note : `${named}: ${comparison.note}`;
    lines.push(`::error title=${rerunMismatch.id}::${escapeCommandData(`research-governance: ${text}`)}`);
  }
  return lines.map((line) => `${line}\n`).join("");
}

interface RunContext {
  workspace: string;
  timeoutMs: number;
  scripts: string;
  env: Readonly<Record<string, string | undefined>>;
  write: (chunk: string) => void;
}

async function runPlan(plan: RerunPlan, context: RunContext): Promise<RerunTargetResult> {
  const base: RerunTargetResult = {
    target: plan.target,
    kind: plan.kind,
    command: plan.reproducer?.script ?? "",
    exitCode: null,
    durationSeconds: 0,
    claimed: plan.claimed,
    reproduced: null,
    logTail: "",
    ...(plan.claimedFrom ? { claimedFrom: plan.claimedFrom } : {}),
  };
  if (plan.problem !== null || plan.reproducer === null) {
    const error = `\`${plan.target}\` ${plan.problem ?? "has no reproducer"}`;
    context.write(`research-governance: ${error}\n`);
    return { ...base, error };
  }
  context.write(`research-governance: running the reproducer from ${plan.reproducer.from}\n`);
  const sidecarFile = plan.sidecarPath === null ? null : join(context.workspace, plan.sidecarPath);
  const sidecarBefore = sidecarFile && existsSync(sidecarFile) ? readFileSync(sidecarFile, "utf8") : null;
  const script = join(context.scripts, `reproducer-${Date.now()}-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(script, plan.reproducer.script, { mode: 0o600 });
  // The reproducer's output goes to the step log, where a line like `::add-mask::` or `::error::`
  // would be a workflow command: stop command processing around it, with a token it cannot know.
  const resume = randomBytes(16).toString("hex");
  context.write(`::stop-commands::${resume}\n`);
  const run = await runScript(script, context);
  context.write(`\n::${resume}::\n`);
  const result: RerunTargetResult = { ...base, exitCode: run.exitCode, durationSeconds: run.seconds, logTail: run.output.slice(-LOG_TAIL_CHARS) };
  if (run.timedOut) result.timedOut = true;
  if (run.startError) return { ...result, error: run.startError };
  const fromOutput = figuresFromOutput(run.output, { folds: Object.keys(plan.claimed.folds), names: plan.claimedNames });
  if (fromOutput) return { ...result, reproduced: fromOutput, reproducedFrom: "output" };
  const sidecarAfter = sidecarFile && existsSync(sidecarFile) ? readFileSync(sidecarFile, "utf8") : null;
  if (sidecarAfter !== null && sidecarAfter !== sidecarBefore) {
    try {
      const fromSidecar = figuresFromSidecar(JSON.parse(sidecarAfter));
      if (fromSidecar) return { ...result, reproduced: fromSidecar, reproducedFrom: plan.sidecarPath! };
    } catch {
      // A sidecar the reproducer left as invalid JSON states no figures.
    }
  }
  return result;
}

/**
 * Environment variables a reproducer must not see: the step's inputs (the token), the runner's
 * tokens, and the workflow's command files, through which a script could set variables, paths or
 * outputs for the steps after it (the artifact upload among them).
 */
const WITHHELD = /^(INPUT_|ACTIONS_)|^(GITHUB_TOKEN|GH_TOKEN|GITHUB_ENV|GITHUB_PATH|GITHUB_OUTPUT|GITHUB_STATE|GITHUB_STEP_SUMMARY)$/;

function reproducerEnvironment(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || WITHHELD.test(key)) continue;
    out[key] = value;
  }
  return out;
}

interface ScriptRun {
  exitCode: number | null;
  timedOut: boolean;
  seconds: number;
  output: string;
  /** Why bash could not be started at all. */
  startError?: string;
}

function runScript(script: string, context: RunContext): Promise<ScriptRun> {
  return new Promise((resolvePromise) => {
    const started = Date.now();
    // bash -e -o pipefail: a reproducer stops at its first failing command, as its author ran it.
    const child = spawn("bash", ["--noprofile", "--norc", "-e", "-o", "pipefail", script], {
      cwd: context.workspace,
      env: reproducerEnvironment(context.env),
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    const kept: Buffer[] = [];
    let keptBytes = 0;
    const keep = (chunk: Buffer): void => {
      context.write(chunk.toString("utf8"));
      kept.push(chunk);
      keptBytes += chunk.length;
      while (keptBytes > KEPT_OUTPUT_BYTES && kept.length > 1) keptBytes -= kept.shift()!.length;
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    let timedOut = false;
    let killTimer: NodeJS.Timeout | undefined;
    const killGroup = (signal: NodeJS.Signals): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      // Plain text: commands are stopped while the reproducer runs; the verdict annotates it after.
      context.write(`\nresearch-governance: the reproducer exceeded its timeout of ${Math.round(context.timeoutMs / 60_000)} min and was stopped\n`);
      killGroup("SIGTERM");
      killTimer = setTimeout(() => killGroup("SIGKILL"), KILL_GRACE_MS);
    }, context.timeoutMs);
    const finish = (exitCode: number | null, startError?: string): void => {
      clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      // Anything the script left running in its group goes with it.
      killGroup("SIGKILL");
      const run: ScriptRun = { exitCode: timedOut ? null : exitCode, timedOut, seconds: (Date.now() - started) / 1000, output: Buffer.concat(kept).toString("utf8") };
      resolvePromise(startError ? { ...run, startError } : run);
    };
    child.on("error", (error) => {
      context.write(`research-governance: cannot run bash: ${error.message}\n`);
      finish(null, `cannot run bash: ${error.message}`);
    });
    child.on("close", (code) => finish(code));
  });
}

function headCommit(workspace: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile("git", ["rev-parse", "--verify", "HEAD"], { cwd: workspace }, (error, stdout) => {
      if (error) reject(new ActionInputError(`rerun mode needs a git checkout of the pinned commit: ${error.message.split("\n")[0]}`));
      else resolvePromise(stdout.trim());
    });
  });
}
