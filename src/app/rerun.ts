// `/rerun-loso` in the app (SPEC section 5): what the request side (rerun-request.ts: a command
// comment, or "Re-run" on a finished re-run check) and the completion side (rerun-completion.ts:
// the workflow run's start and finish) share.
//
// The app keeps no state: the check run is the record. Its external id holds the pull request
// number and a random token, the workflow run's name holds the check run id and the same token,
// so a finished run finds its check run. A run of another workflow, or one naming a check run
// without its token (a stale or mistyped dispatch), completes nothing; and the results must be for
// the commit the check run pinned.
import { DEFAULT_CONFIG_PATH, type GovernanceConfig } from "../core/config.js";
import type { RerunCheckConclusion } from "../adapters/rerun-github.js";
import type { CachedRepository } from "../adapters/repo-cache.js";
import { configFromText } from "./evaluate.js";

/** Roles that may start self-hosted runners (SPEC: write, maintain or admin). */
const ALLOWED_ROLES = new Set(["admin", "maintain", "write"]);

/** Base permissions that may: an organisation's custom role built on write reports `write` here. */
const ALLOWED_PERMISSIONS = new Set(["admin", "write"]);

/** Why someone else is refused, completing "`/rerun-loso` …" or "re-running the LOSO check …". */
export const WHO_MAY_START_RUNNERS = "starts self-hosted GPU runners, so it is open to collaborators with write, maintain or admin access";

/** Whether someone with this access to the repository may start self-hosted runners. */
export function mayStartRunners(access: { role: string; permission: string }): boolean {
  return ALLOWED_ROLES.has(access.role) || ALLOWED_PERMISSIONS.has(access.permission);
}

export type RerunJobOutcome =
  | { status: "skipped"; reason: string }
  | { status: "rerun-refused"; reason: string }
  | { status: "rerun-dispatched"; checkRunId: number; correlation: string; targets: string[]; headSha: string }
  | { status: "rerun-not-dispatched"; checkRunId: number; reason: string }
  | { status: "rerun-started"; checkRunId: number }
  | { status: "rerun-completed"; checkRunId: number; conclusion: RerunCheckConclusion };

/** What every re-run job needs to know of the repository, from a webhook payload. */
export interface RerunRepository {
  installationId: number;
  owner: string;
  repo: string;
  cloneUrl: string;
  /** The workflow runs from here, so its definition is the merged one. */
  defaultBranch: string;
}

export interface RepositoryPayload {
  repository?: { name?: string; owner?: { login?: string }; clone_url?: string; default_branch?: string };
  installation?: { id?: number };
}

/** The payload's repository and installation, or null when it lacks them. */
export function rerunRepository(payload: RepositoryPayload): RerunRepository | null {
  const { repository, installation } = payload;
  if (!repository?.name || !repository.owner?.login || !repository.clone_url || !installation?.id) return null;
  return { installationId: installation.id, owner: repository.owner.login, repo: repository.name, cloneUrl: repository.clone_url, defaultBranch: repository.default_branch ?? "main" };
}

/**
 * A re-run check's external id: `<pull request>.<token>`, with `.again` once the Checks tab's
 * "Re-run" started it again (the record that stops a redelivered request from starting a third).
 */
export function parseExternalId(externalId: string | null): { pullNumber: number; token: string; rerunAgain: boolean } | null {
  const match = /^(\d+)\.([0-9a-f]{16})(\.again)?$/.exec(externalId ?? "");
  return match ? { pullNumber: Number(match[1]), token: match[2]!, rerunAgain: match[3] !== undefined } : null;
}

/**
 * The pull request's commits fetched, and the configuration at its base: a pull request cannot
 * pick its own workflow, runners, timeout or tolerance. Throws ConfigurationError when invalid.
 */
export async function readBaseConfig(
  repo: CachedRepository,
  pull: { number: number; base: { sha: string; repo: { full_name: string } }; head: { sha: string; repo: { full_name: string } | null } },
): Promise<GovernanceConfig> {
  const fromFork = pull.head.repo?.full_name !== pull.base.repo.full_name;
  await repo.fetchPullRequest({ baseSha: pull.base.sha, headSha: pull.head.sha, pullNumber: pull.number, fromFork });
  return configFromText(await repo.readFile(pull.base.sha, DEFAULT_CONFIG_PATH));
}
