// `/rerun-loso`, the completion side: the re-run workflow's start marks the check run as running;
// its finish brings results.json back, and the check run and the sticky comment's re-run section
// say whether the claimed figures were reproduced.
import { ConfigurationError, defaultConfig, type GovernanceConfig } from "../core/config.js";
import { buildRepositoryModel, createClassifier } from "../core/model/repository.js";
import { compareTarget } from "../core/rerun/compare.js";
import { judgeRerun } from "../core/rerun/verdict.js";
import { annotationOf } from "../core/render/check-run.js";
import { configureRule } from "../core/rules/configure.js";
import { rerunMismatch } from "../core/rules/rerun-mismatch.js";
import { renderComparisons } from "../core/render/rerun.js";
import { planRerun, type RerunPlan } from "../core/rerun/plan.js";
import { parseRerunResults } from "../core/rerun/results.js";
import { RERUN_CHECK_RUN_NAME, RerunGitHub, type RerunCheckConclusion } from "../adapters/rerun-github.js";
import { RepoCacheError } from "../adapters/repo-cache.js";
import { ZipError } from "../adapters/zip.js";
import { parseExternalId, readBaseConfig, rerunRepository, type RepositoryPayload, type RerunJobOutcome, type RerunRepository } from "./rerun.js";
import type { JobServices } from "./verdict-job.js";

const CONCLUSION_MARKS: Record<RerunCheckConclusion, string> = { success: "✅", neutral: "⚠️", failure: "❌" };

export interface RerunWorkflowEvent extends RerunRepository {
  kind: "rerun-workflow-run";
  /** `in_progress`: a runner took the run; `completed`: it finished. */
  action: "in_progress" | "completed";
  checkRunId: number;
  token: string;
  correlation: string;
  runId: number;
  /** `.github/workflows/<file>` of the run, checked against `rerun.workflow`. */
  workflowPath: string | null;
  /** The workflow run's conclusion (`success`, `failure`, `cancelled`, `timed_out`, …). */
  conclusion: string | null;
  runUrl: string;
  trigger: string;
}

interface WorkflowRunPayload extends RepositoryPayload {
  action?: string;
  workflow_run?: { id?: number; name?: string; display_title?: string; conclusion?: string | null; html_url?: string; path?: string; event?: string };
}

const RUN_NAME = /^rerun-loso (\d{1,15})-([0-9a-f]{16})$/;

/** What a workflow run reports (started or finished), or why it is not one of ours. */
export function rerunWorkflowEventFrom(payload: WorkflowRunPayload, trigger: string): RerunWorkflowEvent | { skip: string } {
  if (payload.action !== "completed" && payload.action !== "in_progress") return { skip: `workflow run ${payload.action ?? "event"}` };
  const run = payload.workflow_run;
  const match = RUN_NAME.exec(run?.display_title ?? "");
  if (!run?.id || !match || (run.event !== undefined && run.event !== "workflow_dispatch")) return { skip: "not a /rerun-loso workflow run" };
  const repository = rerunRepository(payload);
  if (!repository) return { skip: "payload lacks the repository or installation" };
  return {
    kind: "rerun-workflow-run",
    action: payload.action,
    ...repository,
    checkRunId: Number(match[1]),
    token: match[2]!,
    correlation: `${match[1]}-${match[2]}`,
    runId: run.id,
    workflowPath: run.path ?? null,
    conclusion: run.conclusion ?? null,
    runUrl: run.html_url ?? "",
    trigger,
  };
}

export async function runRerunWorkflowEvent(event: RerunWorkflowEvent, services: JobServices): Promise<RerunJobOutcome> {
  const github = new RerunGitHub(services.octokit, { owner: event.owner, repo: event.repo }, services.identity);
  const check = await github.getCheckRun(event.checkRunId);
  const external = parseExternalId(check?.externalId ?? null);
  // Anyone who may dispatch the workflow can name a run `rerun-loso <id>-<token>`; only the token
  // the app chose, kept in the check run, makes it ours.
  if (!check || check.name !== RERUN_CHECK_RUN_NAME || !external || external.token !== event.token) return { status: "skipped", reason: "no re-run check run matches this workflow run" };
  if (check.status === "completed") return { status: "skipped", reason: "re-run check run already completed (a repeated delivery)" };
  const pullNumber = external.pullNumber;
  // Updates replace the output: each one carries the targets on.
  const text = check.text ?? undefined;
  const config = await baseConfig(event, pullNumber, github, services);
  if (event.workflowPath !== null && event.workflowPath.split("/").pop() !== config.rerun.workflow) {
    return { status: "skipped", reason: `workflow ${event.workflowPath} is not the configured re-run workflow` };
  }
  const logs = event.runUrl ? ` ([workflow run](${event.runUrl}))` : "";
  if (event.action === "in_progress") {
    // A runner took it: the check shows as running and links to the live log.
    await github.updateCheckRun(check.id, {
      status: "in_progress",
      output: { title: "LOSO re-run running", summary: `The re-run workflow is running on a self-hosted runner${logs}.\n`, text },
      ...(event.runUrl ? { detailsUrl: event.runUrl } : {}),
    });
    return { status: "rerun-started", checkRunId: check.id };
  }

  const fail = async (title: string, summary: string): Promise<RerunJobOutcome> => {
    await github.updateCheckRun(check.id, { conclusion: "failure", output: { title, summary: `${summary}${logs}\n`, text }, ...(event.runUrl ? { detailsUrl: event.runUrl } : {}) });
    await github.upsertRerunSection(pullNumber, rerunSection(`❌ ${title}`, check.htmlUrl, event.runUrl, check.headSha));
    return { status: "rerun-completed", checkRunId: check.id, conclusion: "failure" };
  };

  let download: { text: string } | { missing: string };
  try {
    download = await github.downloadResults(event.runId, `loso-rerun-${event.correlation}`);
  } catch (error) {
    if (!(error instanceof ZipError)) throw error;
    download = { missing: `its artifact could not be read: ${error.message}` };
  }
  if ("missing" in download) {
    return fail("The re-run produced no results", `The workflow run finished with conclusion \`${event.conclusion ?? "unknown"}\`, and ${download.missing}.`);
  }
  const parsed = parseRerunResults(download.text);
  if (!parsed.ok) return fail("The re-run's results.json is not valid", parsed.message);
  const results = parsed.results;
  if (results.sha !== check.headSha) {
    return fail("The re-run ran another commit", `results.json is for \`${results.sha.slice(0, 12)}\`, but the re-run was asked for \`${check.headSha.slice(0, 12)}\`.`);
  }

  const tolerance = config.rerun.tolerance;
  // The claims are read again here, at the pinned commit with the base branch's configuration:
  // the runner ran pull-request code, so only its reproduced figures are taken from it.
  const claims = await claimsAtCommit(event, check.headSha, config, results.targets.map((t) => t.target), services);
  if (!claims) return fail("The pinned commit is gone", `\`${check.headSha.slice(0, 12)}\` can no longer be fetched (was it force-pushed away?), so its claimed figures cannot be read.`);
  const checked = results.targets.map((result) => ({ ...result, claimed: claims.get(result.target)?.claimed ?? { meanPlcc: null, folds: {} } }));
  const comparisons = checked.map((result) => compareTarget(result, tolerance));
  const { conclusion, findings } = judgeRerun(comparisons, (target) => claims.get(target)?.claimedFrom, config);
  const reproduced = comparisons.filter((c) => c.outcome === "reproduced").length;
  const title = `${reproduced} of ${comparisons.length} target${comparisons.length === 1 ? "" : "s"} reproduced within ${tolerance} PLCC`;
  await github.updateCheckRun(check.id, {
    conclusion,
    output: { title, summary: `${renderComparisons({ ...results, targets: checked }, comparisons, tolerance)}${logs ? `\nLogs:${logs}\n` : ""}`, text, annotations: findings.map(annotationOf) },
    ...(event.runUrl ? { detailsUrl: event.runUrl } : {}),
  });
  await github.upsertRerunSection(pullNumber, rerunSection(`${CONCLUSION_MARKS[conclusion]} ${title}`, check.htmlUrl, event.runUrl, check.headSha));
  return { status: "rerun-completed", checkRunId: check.id, conclusion };
}

/**
 * The tolerance and the `rerun-mismatch` severity come from the pull request's base branch, as the
 * gates' configuration does; an invalid configuration there (the verdict check reports it) leaves
 * the defaults.
 */
async function baseConfig(event: RerunWorkflowEvent, pullNumber: number, github: RerunGitHub, services: JobServices): Promise<GovernanceConfig> {
  const pull = await github.getPullRequest(pullNumber);
  return services.repoCache.withRepository({ cloneUrl: event.cloneUrl, token: services.token }, async (repo) => {
    try {
      const config = await readBaseConfig(repo, pull);
      configureRule(config, rerunMismatch);
      return config;
    } catch (error) {
      if (error instanceof ConfigurationError) return defaultConfig();
      throw error;
    }
  });
}

/**
 * Each target's claimed figures at `commit`, planned as the Action plans them. The pinned commit
 * is fetched when the clone lacks it (another replica, a restart, a pull request that moved on);
 * undefined when the remote no longer has it (force-pushed away).
 */
async function claimsAtCommit(event: RerunWorkflowEvent, commit: string, config: GovernanceConfig, targets: readonly string[], services: JobServices): Promise<Map<string, RerunPlan> | undefined> {
  return services.repoCache.withRepository({ cloneUrl: event.cloneUrl, token: services.token }, async (repo) => {
    try {
      await repo.fetchCommits([[commit, "pinned commit"]]);
    } catch (error) {
      if (error instanceof RepoCacheError) return undefined;
      throw error;
    }
    const classifier = createClassifier(config);
    const snapshot = await repo.snapshot(commit, (path) => classifier.classify(path) !== null);
    try {
      const model = buildRepositoryModel(snapshot, config, { cache: services.documentCache });
      return new Map(targets.map((target) => [target, planRerun(model, target)]));
    } finally {
      snapshot.close();
    }
  });
}

function rerunSection(headline: string, checkUrl: string | null, runUrl: string, headSha: string): string {
  const links = [checkUrl ? `[check run](${checkUrl})` : null, runUrl ? `[workflow run](${runUrl})` : null].filter(Boolean).join(" · ");
  return `### LOSO re-run of \`${headSha.slice(0, 12)}\`: ${headline}\n\n${links}`;
}
