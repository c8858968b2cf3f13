// From webhook payloads to verdict targets. Guard clauses live here so the handlers read as
// "if there is something to check, queue it". Payload types are kept structural and minimal.
import { CHECK_RUN_NAME } from "../adapters/github.js";
import { MERGE_GROUP_EXTERNAL_ID, pullRequestStateFromApi, skipReason, type VerdictTarget } from "./verdict-job.js";

interface RepositoryPayload {
  id: number;
  name: string;
  clone_url: string;
  html_url?: string;
  owner: { login: string };
}

interface PullRequestPayload {
  installation?: { id: number };
  repository: RepositoryPayload;
  pull_request: Parameters<typeof pullRequestStateFromApi>[0];
}

interface LinkedPullRequest {
  number: number;
  head: { sha: string };
  base: { repo: { id: number } };
}

interface CheckSuitePayload {
  installation?: { id: number };
  repository: RepositoryPayload;
  check_suite: { head_sha: string; pull_requests: LinkedPullRequest[] };
}

interface CheckRunPayload {
  installation?: { id: number };
  repository: RepositoryPayload;
  check_run: {
    name: string;
    head_sha: string;
    pull_requests: LinkedPullRequest[];
    external_id?: string | null;
    check_suite?: { head_branch?: string | null } | null;
  };
}

/**
 * A re-run asked for on a head whose pull requests the payload does not name: GitHub leaves
 * `pull_requests` empty when the head branch lives in a fork, so the app finds the open pull
 * requests with this head through the API.
 */
export interface HeadLookup {
  installationId: number;
  owner: string;
  repo: string;
  cloneUrl: string;
  htmlUrl?: string;
  repositoryId: number;
  headSha: string;
  trigger: string;
}

export type TargetDecision = { targets: VerdictTarget[] } | { skip: string } | { lookup: HeadLookup } | { mergeGroup: MergeGroupTarget };

interface MergeGroupPayload {
  installation?: { id: number };
  repository: RepositoryPayload;
  merge_group: { head_sha: string; head_ref: string; base_sha: string; base_ref: string };
}

/**
 * A merge-queue group: the commit the queue would merge (the base branch with one or more queued
 * pull requests on top). A required check must report on it too, or the queue waits forever.
 */
export interface MergeGroupTarget {
  installationId: number;
  owner: string;
  repo: string;
  cloneUrl: string;
  htmlUrl?: string;
  headSha: string;
  /** `refs/heads/gh-readonly-queue/<base>/pr-<n>-<sha>`: names the group in logs and the queue lane. */
  headRef: string;
  baseSha: string;
  trigger: string;
}

export function targetsFromMergeGroup(payload: MergeGroupPayload, trigger: string): TargetDecision {
  if (!payload.installation) return { skip: "no installation in payload" };
  const group = payload.merge_group;
  return {
    mergeGroup: {
      installationId: payload.installation.id,
      ...repositoryFields(payload),
      headSha: group.head_sha,
      headRef: group.head_ref,
      baseSha: group.base_sha,
      trigger,
    },
  };
}

/** The targets for the open pull requests a lookup found (already filtered to its head). */
export function targetsFromLookup(lookup: HeadLookup, pulls: ReadonlyArray<{ number: number; head: { sha: string }; base: { repo: { id: number } } }>): TargetDecision {
  const matching = pulls.filter((pull) => pull.base.repo.id === lookup.repositoryId && pull.head.sha === lookup.headSha);
  if (matching.length === 0) return { skip: "no open pull request for this head" };
  const { installationId, owner, repo, cloneUrl, htmlUrl, headSha, trigger } = lookup;
  return { targets: matching.map((pull) => ({ installationId, owner, repo, cloneUrl, htmlUrl, pullNumber: pull.number, headSha, trigger })) };
}

function repositoryFields(payload: { repository: RepositoryPayload }) {
  return {
    owner: payload.repository.owner.login,
    repo: payload.repository.name,
    cloneUrl: payload.repository.clone_url,
    htmlUrl: payload.repository.html_url,
  };
}

export function targetsFromPullRequest(payload: PullRequestPayload, trigger: string): TargetDecision {
  if (!payload.installation) return { skip: "no installation in payload" };
  const pull = pullRequestStateFromApi(payload.pull_request);
  const reason = skipReason(pull);
  if (reason) return { skip: reason };
  return { targets: [{ installationId: payload.installation.id, ...repositoryFields(payload), pullNumber: pull.number, headSha: pull.headSha, pull, trigger }] };
}

/**
 * Retargeting a pull request to another base branch changes its merge base and so its verdict;
 * edits to its title or body do not, and get no verdict run.
 */
export function targetsFromPullRequestEdit(payload: PullRequestPayload & { changes?: { base?: unknown } }, trigger: string): TargetDecision {
  if (!payload.changes?.base) return { skip: "edit does not change the base branch" };
  return targetsFromPullRequest(payload, trigger);
}

/**
 * check_suite and check_run events name their pull requests (same-repository ones only) but not
 * their draft or open state, so the job fetches each pull request before deciding. A re-run of a
 * fork's head names none and becomes a lookup.
 */
function targetsFromLinkedPullRequests(
  payload: { installation?: { id: number }; repository: RepositoryPayload },
  pulls: readonly LinkedPullRequest[],
  headSha: string,
  trigger: string,
): TargetDecision {
  if (!payload.installation) return { skip: "no installation in payload" };
  // A fork's head: only a re-run asks for a lookup; the pull_request events already cover pushes.
  if (pulls.length === 0 && trigger.endsWith(".rerequested")) {
    return { lookup: { installationId: payload.installation.id, ...repositoryFields(payload), repositoryId: payload.repository.id, headSha, trigger } };
  }
  const linked = pulls.filter((pull) => pull.base.repo.id === payload.repository.id && pull.head.sha === headSha);
  if (linked.length === 0) return { skip: "no open pull request for this head" };
  const installationId = payload.installation.id;
  return { targets: linked.map((pull) => ({ installationId, ...repositoryFields(payload), pullNumber: pull.number, headSha, trigger })) };
}

export function targetsFromCheckSuite(payload: CheckSuitePayload, trigger: string): TargetDecision {
  return targetsFromLinkedPullRequests(payload, payload.check_suite.pull_requests, payload.check_suite.head_sha, trigger);
}

export function targetsFromCheckRun(payload: CheckRunPayload, trigger: string): TargetDecision {
  if (payload.check_run.name !== CHECK_RUN_NAME) return { skip: `check run ${payload.check_run.name} is not ours` };
  // A merge-queue group's check: its base is the external id the app gave the check run.
  const groupBase = payload.check_run.external_id?.startsWith(MERGE_GROUP_EXTERNAL_ID)
    ? payload.check_run.external_id.slice(MERGE_GROUP_EXTERNAL_ID.length)
    : undefined;
  if (groupBase !== undefined && payload.installation) {
    const branch = payload.check_run.check_suite?.head_branch;
    return {
      mergeGroup: {
        installationId: payload.installation.id,
        ...repositoryFields(payload),
        headSha: payload.check_run.head_sha,
        headRef: branch ? `refs/heads/${branch}` : "merge group",
        baseSha: groupBase,
        trigger,
      },
    };
  }
  return targetsFromLinkedPullRequests(payload, payload.check_run.pull_requests, payload.check_run.head_sha, trigger);
}
