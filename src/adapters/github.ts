// Publishing a verdict through the GitHub REST API: the check run, the one sticky comment and the
// labels. Everything that talks to GitHub for the app lives here, behind small typed methods, so
// the handlers stay a list of steps and the request count per event stays visible.
import { Octokit } from "@octokit/rest";
import type { RenderedAnnotation } from "../core/render/check-run.js";
import type { CheckConclusion } from "../core/render/pull-request-verdict.js";
import { keepSections, replaceSection } from "../core/render/comment-sections.js";

export const CHECK_RUN_NAME = "research-governance";
/** GitHub accepts at most 50 annotations per check-run request. */
export const ANNOTATIONS_PER_REQUEST = 50;

/** A GitHub API call failed: the status and the call, never the credentials. */
export class GitHubAPIError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly request: string,
    override readonly cause?: unknown,
  ) {
    super(`${request} failed with ${status}: ${message}`);
    this.name = "GitHubAPIError";
  }
}

interface RequestErrorLike {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

export interface RetryPolicy {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  /** Longest wait honoured from `retry-after`; longer asks fail instead of holding the queue. */
  maxWaitSeconds: number;
  sleep(ms: number): Promise<void>;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  maxWaitSeconds: 60,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Seconds to wait before retrying, when the error is a secondary rate limit (403 or 429 with
 * `retry-after`, or GitHub's "secondary rate limit" message); undefined for any other error.
 */
export function secondaryRateLimitDelay(error: RequestErrorLike): number | undefined {
  if (error.status !== 403 && error.status !== 429) return undefined;
  const headers = error.response?.headers ?? {};
  const retryAfter = Number(headers["retry-after"]);
  if (Number.isFinite(retryAfter) && retryAfter >= 0) return retryAfter;
  const text = `${error.message ?? ""} ${JSON.stringify(error.response?.data ?? "")}`;
  if (/secondary rate limit/i.test(text)) return 60;
  return undefined;
}

export interface InstallationClientOptions {
  token: string;
  /** `https://api.github.com`, or `${GHE_PROTOCOL}://${GHE_HOST}/api/v3`. */
  baseUrl: string;
  retry?: RetryPolicy;
  /** Called once per HTTP request (retries included), to count calls per event. */
  onRequest?: (route: string) => void;
  /** Where retries are reported; Octokit's own request log stays quiet (failures become errors). */
  log?: { warn(message: string): void };
  userAgent?: string;
}

/**
 * An Octokit for one installation that retries secondary rate limits (probot's default only logs
 * them, which loses the write) and turns every failure into a GitHubAPIError.
 */
export function createInstallationClient(options: InstallationClientOptions): Octokit {
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;
  const quiet = () => undefined;
  const octokit = new Octokit({
    auth: options.token,
    baseUrl: options.baseUrl,
    userAgent: options.userAgent ?? "research-governance",
    log: { debug: quiet, info: quiet, warn: options.log?.warn.bind(options.log) ?? quiet, error: quiet },
  });
  octokit.hook.wrap("request", async (request, endpoint) => {
    const route = `${endpoint.method} ${endpoint.url}`;
    for (let attempt = 1; ; attempt++) {
      options.onRequest?.(route);
      try {
        return await request(endpoint);
      } catch (caught) {
        const error = caught as RequestErrorLike;
        const delay = secondaryRateLimitDelay(error);
        if (delay !== undefined && attempt < retry.maxAttempts && delay <= retry.maxWaitSeconds) {
          options.log?.warn(`secondary rate limit on ${route}; retrying in ${delay} s (attempt ${attempt + 1} of ${retry.maxAttempts})`);
          await retry.sleep(delay * 1000);
          continue;
        }
        throw new GitHubAPIError(String(error.message ?? caught), error.status ?? 0, route, caught);
      }
    }
  });
  return octokit;
}

export interface RepositoryRef {
  owner: string;
  repo: string;
}

/** Who the app is, so its own comments can be told from anyone else's. */
export interface AppIdentity {
  id: number;
  slug: string;
}

export interface CheckRunOutput {
  title: string;
  summary: string;
  text?: string;
  annotations: readonly RenderedAnnotation[];
}

export interface CommentLike {
  id: number;
  body?: string | null;
  user?: { login?: string; type?: string } | null;
  performed_via_github_app?: { id?: number } | null;
}

/**
 * True when the comment was written by this app. Anyone can paste the hidden marker into a comment;
 * only the app's bot user (or a comment GitHub attributes to the app) can be the sticky comment.
 */
export function isOwnComment(comment: CommentLike, app: AppIdentity): boolean {
  if (comment.performed_via_github_app?.id === app.id) return true;
  return comment.user?.type === "Bot" && comment.user.login === `${app.slug}[bot]`;
}

interface LabelEvent {
  event: string;
  label?: { name?: string } | null;
  actor?: { login?: string; type?: string } | null;
  performed_via_github_app?: { id?: number } | null;
}

/** True when this app performed the issue event (same identity test as for comments). */
function isOwnEvent(event: LabelEvent, app: AppIdentity): boolean {
  if (event.performed_via_github_app?.id === app.id) return true;
  return event.actor?.type === "Bot" && event.actor.login === `${app.slug}[bot]`;
}

export class GitHubPublisher {
  constructor(
    private readonly octokit: Octokit,
    private readonly repository: RepositoryRef,
    private readonly app: AppIdentity,
  ) {}

  async getPullRequest(number: number) {
    const { data } = await this.octokit.rest.pulls.get({ ...this.repository, pull_number: number });
    return data;
  }

  /** A queued check run, so a required check shows as running while the verdict is computed. */
  /** `externalId` is kept by GitHub and sent back with a re-run request of this check run. */
  async startCheckRun(headSha: string, externalId?: string): Promise<number> {
    const { data } = await this.octokit.rest.checks.create({
      ...this.repository,
      name: CHECK_RUN_NAME,
      head_sha: headSha,
      status: "in_progress",
      started_at: new Date().toISOString(),
      ...(externalId === undefined ? {} : { external_id: externalId }),
    });
    return data.id;
  }

  /**
   * Complete the check run (creating it when `checkRunId` is absent). Annotations go 50 per
   * request: the first batch with the completion, the rest as updates that append to it.
   */
  async completeCheckRun(options: { checkRunId?: number; headSha: string; conclusion: CheckConclusion; output: CheckRunOutput; detailsUrl?: string }): Promise<number> {
    const batches = chunk(options.output.annotations, ANNOTATIONS_PER_REQUEST);
    const output = { title: options.output.title, summary: options.output.summary, text: options.output.text };
    const completion = {
      ...this.repository,
      status: "completed" as const,
      conclusion: options.conclusion,
      completed_at: new Date().toISOString(),
      output: { ...output, annotations: [...(batches[0] ?? [])] },
      ...(options.detailsUrl ? { details_url: options.detailsUrl } : {}),
    };
    let id = options.checkRunId;
    if (id === undefined) {
      const { data } = await this.octokit.rest.checks.create({ ...completion, name: CHECK_RUN_NAME, head_sha: options.headSha });
      id = data.id;
    } else {
      await this.octokit.rest.checks.update({ ...completion, check_run_id: id });
    }
    for (const batch of batches.slice(1)) {
      await this.octokit.rest.checks.update({ ...this.repository, check_run_id: id, output: { ...output, annotations: [...batch] } });
    }
    return id;
  }

  /**
   * Create the sticky comment, or edit the app's own comment carrying `marker`; an unchanged body
   * costs no write. With `create: false` only an existing comment is kept current.
   */
  async upsertStickyComment(
    issueNumber: number,
    marker: string,
    body: string,
    options: { create: boolean } = { create: true },
  ): Promise<{ action: "created" | "updated" | "unchanged" | "not-created"; id?: number }> {
    const own = await this.findStickyComment(issueNumber, marker);
    if (own) {
      // Sections other jobs wrote (a `/rerun-loso` result) stay.
      const kept = keepSections(body, own.body ?? "");
      if (own.body === kept) return { action: "unchanged", id: own.id };
      await this.octokit.rest.issues.updateComment({ ...this.repository, comment_id: own.id, body: kept });
      return { action: "updated", id: own.id };
    }
    if (!options.create) return { action: "not-created" };
    const { data } = await this.octokit.rest.issues.createComment({ ...this.repository, issue_number: issueNumber, body });
    return { action: "created", id: data.id };
  }

  /**
   * Set one section of the sticky comment (comment-sections.ts), creating the comment with only
   * that section when the pull request has none yet; the verdict job keeps it when it rewrites.
   */
  async upsertStickySection(issueNumber: number, marker: string, section: string, content: string): Promise<void> {
    const own = await this.findStickyComment(issueNumber, marker);
    if (own) {
      const body = replaceSection(own.body ?? "", section, content);
      if (body !== own.body) await this.octokit.rest.issues.updateComment({ ...this.repository, comment_id: own.id, body });
      return;
    }
    await this.octokit.rest.issues.createComment({ ...this.repository, issue_number: issueNumber, body: replaceSection(`${marker}\n`, section, content) });
  }

  /** The app's own comment carrying `marker`; anyone can paste the marker, only the app's counts. */
  private async findStickyComment(issueNumber: number, marker: string) {
    const comments = await this.octokit.paginate(this.octokit.rest.issues.listComments, { ...this.repository, issue_number: issueNumber, per_page: 100 });
    return comments.find((comment) => isOwnComment(comment, this.app) && (comment.body ?? "").includes(marker));
  }

  /**
   * Add or remove managed labels so that exactly the `wanted` ones are present. `current` is the
   * pull request's label names as the payload saw them; a label already gone is not an error.
   * A label that a person applied is never removed (`kept`): a reviewer who knows of a
   * non-commercial dataset the bot could not trace must not have to fight it on every push. Who
   * applied it is read from the issue's events, only when there is something to remove.
   */
  async syncLabels(
    issueNumber: number,
    current: readonly string[],
    wanted: ReadonlyMap<string, boolean>,
  ): Promise<{ added: string[]; removed: string[]; kept: string[] }> {
    const have = new Set(current);
    const added = [...wanted].filter(([name, on]) => on && !have.has(name)).map(([name]) => name);
    const unwanted = [...wanted].filter(([name, on]) => !on && have.has(name)).map(([name]) => name);
    if (added.length) await this.octokit.rest.issues.addLabels({ ...this.repository, issue_number: issueNumber, labels: added });
    const removed: string[] = [];
    const kept: string[] = [];
    const appliers = unwanted.length ? await this.labelAppliers(issueNumber) : new Map<string, boolean>();
    for (const name of unwanted) {
      // No `labeled` event at all (a label on the pull request from before the app's events
      // existed, say) is treated like a person's label: keeping a label is the safe mistake.
      if (appliers.get(name) !== true) {
        kept.push(name);
        continue;
      }
      try {
        await this.octokit.rest.issues.removeLabel({ ...this.repository, issue_number: issueNumber, name });
      } catch (error) {
        if (!(error instanceof GitHubAPIError && error.status === 404)) throw error;
      }
      removed.push(name);
    }
    return { added, removed, kept };
  }

  /** Label name -> whether its most recent `labeled` event on the issue was this app's. */
  private async labelAppliers(issueNumber: number): Promise<Map<string, boolean>> {
    const events = await this.octokit.paginate(this.octokit.rest.issues.listEvents, { ...this.repository, issue_number: issueNumber, per_page: 100 });
    const byApp = new Map<string, boolean>();
    for (const event of events as LabelEvent[]) {
      if (event.event !== "labeled" || !event.label?.name) continue;
      byApp.set(event.label.name, isOwnEvent(event, this.app));
    }
    return byApp;
  }
}

/**
 * Open pull requests of the repository whose head is `headSha`. Listed and filtered here because
 * GitHub names no pull request in check events for a fork's head, and `commits/{sha}/pulls` does
 * not list fork pull requests either.
 */
export async function openPullRequestsWithHead(
  octokit: Octokit,
  repository: { owner: string; repo: string },
  headSha: string,
): Promise<Array<{ number: number; head: { sha: string }; base: { repo: { id: number } } }>> {
  const pulls = await octokit.paginate(octokit.rest.pulls.list, { ...repository, state: "open", per_page: 100 });
  return pulls.filter((pull) => pull.head.sha === headSha).map((pull) => ({ number: pull.number, head: { sha: pull.head.sha }, base: { repo: { id: pull.base.repo.id } } }));
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
