// The Probot app: handlers acknowledge a delivery at once and queue the verdict job per pull
// request. `npm start` runs `probot run ./dist/app/index.js`, which loads the default export.
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ApplicationFunction, Probot } from "probot";
import { createInstallationClient, DEFAULT_RETRY_POLICY, GitHubAPIError, openPullRequestsWithHead, type RetryPolicy } from "../adapters/github.js";
import { RepoCache } from "../adapters/repo-cache.js";
import { MemoryDocumentCache } from "../core/model/repository.js";
import { InstallationAuth } from "./installation.js";
import { PullRequestQueue } from "./queue.js";
import {
  targetsFromCheckRun,
  targetsFromCheckSuite,
  targetsFromLookup,
  targetsFromMergeGroup,
  targetsFromPullRequest,
  targetsFromPullRequestEdit,
  type HeadLookup,
  type MergeGroupTarget,
  type TargetDecision,
} from "./targets.js";
import { runMergeGroupJob, runVerdictJob, type JobOutcome, type JobServices, type VerdictTarget } from "./verdict-job.js";
import { rerunRequestFromComment, rerunRequestFromRerequest, runRerunCommand, runRerunRerequest, type RerunCommandRequest, type RerunRerequest } from "./rerun-request.js";
import { rerunWorkflowEventFrom, runRerunWorkflowEvent, type RerunWorkflowEvent } from "./rerun-completion.js";
import type { RerunJobOutcome } from "./rerun.js";

type JobTarget = VerdictTarget | MergeGroupTarget | RerunCommandRequest | RerunRerequest | RerunWorkflowEvent;

/** What a finished job reports to the optional hook (tests await it; operators may meter it). */
export interface JobReport {
  target: JobTarget;
  outcome?: JobOutcome | RerunJobOutcome;
  error?: Error;
  /** REST requests the job made, retries and the token request included. */
  requests: number;
  durationMs: number;
}

export interface AppDependencies {
  /** Where partial clones are cached, one per repository. Losing it costs a re-fetch. */
  cacheDir: string;
  retry: RetryPolicy;
  onJobSettled?: (report: JobReport) => void;
  /** Extracted documents are cached by blob id across jobs; cleared past this many entries. */
  documentCacheLimit: number;
}

export const defaultDeps: AppDependencies = {
  cacheDir: process.env.RGOV_CACHE_DIR || join(tmpdir(), "research-governance-clones"),
  retry: DEFAULT_RETRY_POLICY,
  documentCacheLimit: 50_000,
};

const PULL_REQUEST_ACTIONS = ["opened", "synchronize", "reopened", "ready_for_review"] as const;

export function createApp(overrides: Partial<AppDependencies> = {}): ApplicationFunction {
  const deps: AppDependencies = { ...defaultDeps, ...overrides };
  return (app: Probot) => {
    const queue = new PullRequestQueue();
    const auth = new InstallationAuth(app);
    const repoCache = new RepoCache(deps.cacheDir);
    let documentCache = new MemoryDocumentCache();

    const schedule = (decision: TargetDecision, delivery: string): void => {
      if ("skip" in decision) {
        app.log.debug({ delivery }, `nothing to do: ${decision.skip}`);
        return;
      }
      if ("lookup" in decision) {
        void lookUp(decision.lookup, delivery);
        return;
      }
      if ("mergeGroup" in decision) {
        const group = decision.mergeGroup;
        const lane = `${group.owner}/${group.repo}@${group.headRef}`;
        // A re-run asked for after a job started must run again, as for pull requests.
        const coalesceWithRunning = !group.trigger.endsWith("rerequested");
        const { coalesced } = queue.enqueue({ lane, coalesceKey: group.headSha, coalesceWithRunning }, () =>
          run(group, (services) => runMergeGroupJob(group, services)),
        );
        app.log.info({ delivery, lane, headSha: group.headSha, coalesced }, `queued verdict (${group.trigger})`);
        return;
      }
      for (const target of decision.targets) {
        const lane = `${target.owner}/${target.repo}#${target.pullNumber}`;
        const rerun = target.trigger.endsWith("rerequested");
        // Same head, new base: a job queued or running for the old base cannot stand in for it.
        const retargeted = target.trigger === "pull_request.edited";
        const coalesceKey = retargeted && target.pull ? `${target.headSha}@${target.pull.baseSha}` : target.headSha;
        const { coalesced } = queue.enqueue({ lane, coalesceKey, coalesceWithRunning: !rerun && !retargeted }, () =>
          run(target, (services) => runVerdictJob(target, services)),
        );
        app.log.info({ delivery, lane, headSha: target.headSha, coalesced }, `queued verdict (${target.trigger})`);
      }
    };

    // A re-run of a fork's head: find its open pull requests, then schedule them as usual.
    const lookUp = async (lookup: HeadLookup, delivery: string): Promise<void> => {
      try {
        const access = await auth.access(lookup.installationId);
        const octokit = createInstallationClient({ token: access.token, baseUrl: access.baseUrl, retry: deps.retry, log: app.log });
        const pulls = await openPullRequestsWithHead(octokit, { owner: lookup.owner, repo: lookup.repo }, lookup.headSha);
        schedule(targetsFromLookup(lookup, pulls), delivery);
      } catch (error) {
        if (error instanceof GitHubAPIError && error.status === 401) auth.forget(lookup.installationId);
        const head = `${lookup.owner}/${lookup.repo}@${lookup.headSha.slice(0, 12)}`;
        app.log.error({ delivery, head, err: { name: (error as Error).name, message: (error as Error).message } }, "could not list the pull requests of a re-run head");
      }
    };

    const run = async (target: JobTarget, job: (services: JobServices) => Promise<JobOutcome | RerunJobOutcome>): Promise<void> => {
      const started = Date.now();
      const kind = "kind" in target ? target.kind : "verdict";
      let requests = 0;
      const report: JobReport = { target, requests: 0, durationMs: 0 };
      try {
        if (documentCache.size > deps.documentCacheLimit) documentCache = new MemoryDocumentCache();
        const access = await auth.access(target.installationId);
        if (access.fresh) requests++;
        const octokit = createInstallationClient({ token: access.token, baseUrl: access.baseUrl, retry: deps.retry, onRequest: () => requests++, log: app.log });
        const identity = await auth.appIdentity();
        report.outcome = await job({ octokit, token: access.token, identity, repoCache, documentCache });
        app.log.info({ target: describe(target), outcome: report.outcome, requests }, `${kind} job finished`);
      } catch (error) {
        report.error = error as Error;
        if (error instanceof GitHubAPIError && error.status === 401) auth.forget(target.installationId);
        app.log.error({ target: describe(target), err: { name: (error as Error).name, message: (error as Error).message } }, `${kind} job failed`);
      } finally {
        report.requests = requests;
        report.durationMs = Date.now() - started;
        deps.onJobSettled?.(report);
      }
    };

    app.on(
      PULL_REQUEST_ACTIONS.map((action) => `pull_request.${action}` as const),
      async (context) => schedule(targetsFromPullRequest(context.payload as never, `pull_request.${context.payload.action}`), context.id),
    );
    app.on("pull_request.edited", async (context) =>
      schedule(targetsFromPullRequestEdit(context.payload as never, "pull_request.edited"), context.id),
    );
    app.on(["check_suite.requested", "check_suite.rerequested"], async (context) =>
      schedule(targetsFromCheckSuite(context.payload as never, `check_suite.${context.payload.action}`), context.id),
    );
    app.on("check_run.rerequested", async (context) => {
      // "Re-run" on the LOSO re-run check starts its targets again; on the verdict check, a verdict.
      const again = rerunRequestFromRerequest(context.payload as never, "check_run.rerequested");
      if ("skip" in again) return schedule(targetsFromCheckRun(context.payload as never, "check_run.rerequested"), context.id);
      // The old check run's lane: a redelivery waits, then finds it marked as started again.
      const lane = `${again.owner}/${again.repo}:rerun-check-${again.checkRunId}`;
      queue.enqueue({ lane, coalesceKey: `rerequest-${again.checkRunId}`, coalesceWithRunning: false }, () => run(again, (services) => runRerunRerequest(again, services)));
      app.log.info({ delivery: context.id, lane }, "queued a re-run of the LOSO re-run check");
    });
    app.on("merge_group.checks_requested", async (context) =>
      schedule(targetsFromMergeGroup(context.payload as never, "merge_group.checks_requested"), context.id),
    );

    // `/rerun-loso`: commands queue behind the pull request's other re-run requests; a finished
    // workflow run completes its check run. Neither waits for the verdict lane.
    app.on("issue_comment.created", async (context) => {
      const request = rerunRequestFromComment(context.payload as never, "issue_comment.created");
      if ("skip" in request) return void app.log.debug({ delivery: context.id }, `nothing to do: ${request.skip}`);
      const lane = `${request.owner}/${request.repo}#${request.pullNumber}:rerun`;
      queue.enqueue({ lane, coalesceKey: `comment-${request.commentId}`, coalesceWithRunning: false }, () => run(request, (services) => runRerunCommand(request, services)));
      app.log.info({ delivery: context.id, lane }, "queued /rerun-loso command");
    });
    app.on(["workflow_run.in_progress", "workflow_run.completed"], async (context) => {
      const event = rerunWorkflowEventFrom(context.payload as never, `workflow_run.${context.payload.action}`);
      if ("skip" in event) return void app.log.debug({ delivery: context.id }, `nothing to do: ${event.skip}`);
      // One lane per check run: a run's start and finish are handled in order, and a start
      // delivered after the finish finds the check completed and changes nothing.
      const lane = `${event.owner}/${event.repo}:rerun-check-${event.checkRunId}`;
      queue.enqueue({ lane, coalesceKey: `run-${event.runId}-${event.action}`, coalesceWithRunning: false }, () => run(event, (services) => runRerunWorkflowEvent(event, services)));
      app.log.info({ delivery: context.id, lane }, `queued /rerun-loso ${event.action}`);
    });
  };
}

/** Log-safe identification of a target (no tokens, no pull-request text). */
function describe(target: JobTarget): string {
  if ("kind" in target) {
    if (target.kind === "rerun-command") return `${target.owner}/${target.repo}#${target.pullNumber} /rerun-loso by ${target.author}`;
    if (target.kind === "rerun-rerequest") return `${target.owner}/${target.repo} re-run check ${target.checkRunId} asked again by ${target.requester}`;
    return `${target.owner}/${target.repo} re-run check ${target.checkRunId}`;
  }
  const where = "pullNumber" in target ? `#${target.pullNumber}` : ` ${target.headRef}`;
  return `${target.owner}/${target.repo}${where}@${target.headSha.slice(0, 12)}`;
}

export default createApp();
