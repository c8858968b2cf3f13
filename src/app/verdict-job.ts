// One verdict, end to end: mark the check as running, read both sides with git, evaluate, publish
// the check run, and for a pull request the sticky comment and the labels (a merge-queue group
// gets the check run only). The handlers only decide whether to queue this; everything it needs
// arrives as arguments.
import type { Octokit } from "@octokit/rest";
import { DEFAULT_CONFIG_PATH } from "../core/config.js";
import { MemoryDocumentCache } from "../core/model/repository.js";
import { renderCheckRun } from "../core/render/check-run.js";
import { renderComment } from "../core/render/comment.js";
import { COMMENT_MARKER, type CheckConclusion } from "../core/render/pull-request-verdict.js";
import { GitHubPublisher, type AppIdentity } from "../adapters/github.js";
import type { RepoCache } from "../adapters/repo-cache.js";
import { configFromText, evaluatePullRequest, governedByEither, type PullRequestEvaluation } from "./evaluate.js";
import type { MergeGroupTarget } from "./targets.js";

export const LABEL_SYNTHETIC_STUB = "synthetic-stub";
export const LABEL_NON_COMMERCIAL = "non-commercial";

/** The pull request as the job needs it; from the webhook payload or from `pulls.get`. */
export interface PullRequestState {
  number: number;
  headSha: string;
  baseSha: string;
  state: string;
  draft: boolean;
  /** The head commit lives in another repository (a fork). */
  fromFork: boolean;
  labels: string[];
}

export interface VerdictTarget {
  installationId: number;
  owner: string;
  repo: string;
  cloneUrl: string;
  htmlUrl?: string;
  pullNumber: number;
  /** The head commit the event is about; the job skips when the pull request has moved on. */
  headSha: string;
  /** Known from a pull_request payload; check_suite and check_run events fetch it. */
  pull?: PullRequestState;
  trigger: string;
}

/** What a job needs from the outside world, built once per job by the app. */
export interface JobServices {
  octokit: Octokit;
  token: string;
  identity: AppIdentity;
  repoCache: RepoCache;
  documentCache: MemoryDocumentCache;
}

export type JobOutcome =
  | { status: "skipped"; reason: string }
  | {
      status: "published";
      headSha: string;
      conclusion: CheckConclusion;
      checkRunId: number;
      comment: "created" | "updated" | "unchanged" | "not-created";
      /** `kept`: labels the verdict no longer asks for but that a person applied. */
      labels: { added: string[]; removed: string[]; kept: string[] };
    };

export function pullRequestStateFromApi(pull: {
  number: number;
  state: string;
  draft?: boolean;
  head: { sha: string; repo: { full_name: string } | null };
  base: { sha: string; repo: { full_name: string } };
  labels: Array<{ name?: string } | string>;
}): PullRequestState {
  return {
    number: pull.number,
    headSha: pull.head.sha,
    baseSha: pull.base.sha,
    state: pull.state,
    draft: pull.draft === true,
    fromFork: pull.head.repo?.full_name !== pull.base.repo.full_name,
    labels: pull.labels.map((label) => (typeof label === "string" ? label : label.name ?? "")).filter(Boolean),
  };
}

/** Why a pull request gets no verdict now, or undefined when it should get one. */
export function skipReason(pull: PullRequestState): string | undefined {
  if (pull.state !== "open") return "pull request is not open";
  if (pull.draft) return "draft pull request (checked when marked ready for review)";
  return undefined;
}

export async function runVerdictJob(target: VerdictTarget, services: JobServices): Promise<JobOutcome> {
  const publisher = new GitHubPublisher(services.octokit, { owner: target.owner, repo: target.repo }, services.identity);
  const pull = target.pull ?? pullRequestStateFromApi(await publisher.getPullRequest(target.pullNumber));
  const skip = skipReason(pull) ?? (pull.headSha !== target.headSha ? "pull request has a newer head" : undefined);
  if (skip) return { status: "skipped", reason: skip };

  const { checkRunId, evaluation, conclusion } = await publishVerdictCheck(publisher, { headSha: pull.headSha }, () =>
    services.repoCache.withRepository({ cloneUrl: target.cloneUrl, token: services.token }, async (repo) => {
      await repo.fetchPullRequest({ baseSha: pull.baseSha, headSha: pull.headSha, pullNumber: pull.number, fromFork: pull.fromFork });
      return evaluateFromClone(repo, { baseSha: pull.baseSha, headSha: pull.headSha }, target.htmlUrl, services.documentCache);
    }),
  );
  // A pull request that never touched governed files gets no comment; one that stopped touching
  // them gets its existing comment brought up to date.
  const comment = await publisher.upsertStickyComment(pull.number, COMMENT_MARKER, renderComment(evaluation.verdict), {
    create: evaluation.verdict.outcome !== "neutral",
  });
  const labels = await publisher.syncLabels(
    pull.number,
    pull.labels,
    new Map([
      [LABEL_SYNTHETIC_STUB, evaluation.labels.syntheticStub],
      [LABEL_NON_COMMERCIAL, evaluation.labels.nonCommercial],
    ]),
  );
  return { status: "published", headSha: pull.headSha, conclusion, checkRunId, comment: comment.action, labels };
}

/**
 * The verdict on a merge-queue group: its head judged against the merge base with the base
 * branch, exactly as a pull request with that head would be. The check run is all it publishes:
 * the group's branch has no pull request to comment on or label, and GitHub deletes it once the
 * queue is done with it.
 */
export async function runMergeGroupJob(target: MergeGroupTarget, services: JobServices): Promise<JobOutcome> {
  const publisher = new GitHubPublisher(services.octokit, { owner: target.owner, repo: target.repo }, services.identity);
  const check = { headSha: target.headSha, externalId: mergeGroupExternalId(target.baseSha) };
  const { checkRunId, conclusion } = await publishVerdictCheck(publisher, check, () =>
    services.repoCache.withRepository({ cloneUrl: target.cloneUrl, token: services.token }, async (repo) => {
      await repo.fetchMergeGroup(target.baseSha, target.headSha);
      return evaluateFromClone(repo, { baseSha: target.baseSha, headSha: target.headSha }, target.htmlUrl, services.documentCache);
    }),
  );
  return { status: "published", headSha: target.headSha, conclusion, checkRunId, comment: "not-created", labels: { added: [], removed: [], kept: [] } };
}

/**
 * A merge-queue group's check run records the group's base as its external id: a re-run request
 * (check_run rerequested) names no pull request and no base, but GitHub sends the id back.
 */
export const MERGE_GROUP_EXTERNAL_ID = "merge-group-base:";

export function mergeGroupExternalId(baseSha: string): string {
  return `${MERGE_GROUP_EXTERNAL_ID}${baseSha}`;
}

/** Mark the check as running, evaluate, and complete it with the verdict. */
async function publishVerdictCheck(
  publisher: GitHubPublisher,
  { headSha, externalId }: { headSha: string; externalId?: string },
  evaluate: () => Promise<PullRequestEvaluation>,
): Promise<{ checkRunId: number; evaluation: PullRequestEvaluation; conclusion: CheckConclusion }> {
  const checkRunId = await publisher.startCheckRun(headSha, externalId);
  let evaluation: PullRequestEvaluation;
  try {
    evaluation = await evaluate();
  } catch (error) {
    // Fail closed but say why, so a required check never sits "in progress" forever.
    await publisher.completeCheckRun({
      checkRunId,
      headSha,
      conclusion: "failure",
      output: {
        title: "research-governance could not run",
        summary: `The verdict could not be computed: ${(error as Error).message}\n\nRe-run this check from the Checks tab.`,
        annotations: [],
      },
    });
    throw error;
  }
  const check = renderCheckRun(evaluation.verdict);
  await publisher.completeCheckRun({
    checkRunId,
    headSha,
    conclusion: check.conclusion,
    output: { title: check.title, summary: check.summary, text: check.text, annotations: check.annotations },
  });
  return { checkRunId, evaluation, conclusion: check.conclusion };
}

type CachedRepository = Parameters<Parameters<RepoCache["withRepository"]>[1]>[0];

/** Both sides fetched: read configuration from the base branch, snapshot what is governed, evaluate. */
async function evaluateFromClone(
  repo: CachedRepository,
  sides: { baseSha: string; headSha: string },
  repositoryUrl: string | undefined,
  cache: MemoryDocumentCache,
): Promise<PullRequestEvaluation> {
  const { baseSha, headSha } = sides;
  const mergeBaseSha = await repo.mergeBase(baseSha, headSha);
  const changedPaths = await repo.changedPaths(mergeBaseSha, headSha);
  const baseConfigText = await repo.readFile(baseSha, DEFAULT_CONFIG_PATH);
  const headConfigText = changedPaths.includes(DEFAULT_CONFIG_PATH) ? await repo.readFile(headSha, DEFAULT_CONFIG_PATH) : undefined;
  const include = governedByEither([tryConfig(baseConfigText), tryConfig(headConfigText)]);
  const [head, mergeBase] = [await repo.snapshot(headSha, include), await repo.snapshot(mergeBaseSha, include)];
  return evaluatePullRequest({
    head,
    mergeBase,
    headSha,
    mergeBaseSha,
    baseConfigText,
    headConfigText,
    changedPaths,
    cache,
    repositoryUrl,
  });
}

/** For choosing what to preload only: an invalid configuration is reported by the evaluation. */
function tryConfig(text: string | undefined) {
  try {
    return configFromText(text);
  } catch {
    return undefined;
  }
}
