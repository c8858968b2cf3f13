// The REST calls of `/rerun-loso` (SPEC section 5): who may ask, the acknowledgement, the check run
// that tracks the re-run, the workflow dispatch, and the results artifact of the finished run.
import type { Octokit } from "@octokit/rest";
import { COMMENT_MARKER } from "../core/render/pull-request-verdict.js";
import { RERUN_SECTION } from "../core/render/comment-sections.js";
import type { RenderedAnnotation } from "../core/render/check-run.js";
import { ANNOTATIONS_PER_REQUEST, chunk, GitHubAPIError, GitHubPublisher, type AppIdentity, type RepositoryRef } from "./github.js";
import { readZipEntry } from "./zip.js";

/** The check run a re-run completes; apart from the verdict check so neither overwrites the other. */
export const RERUN_CHECK_RUN_NAME = "research-governance / loso-rerun";

/** results.json larger than this is not a results file. */
export const MAX_RESULTS_BYTES = 4 * 1024 * 1024;

export type RerunCheckConclusion = "success" | "failure" | "neutral";

export interface RerunCheckRun {
  id: number;
  name: string;
  headSha: string;
  status: string;
  externalId: string | null;
  htmlUrl: string | null;
  /** The output's text, which carries the targets the run was asked for. */
  text: string | null;
}

export class RerunGitHub {
  /** The pull request and its sticky comment are the verdict publisher's. */
  private readonly publisher: GitHubPublisher;

  constructor(
    private readonly octokit: Octokit,
    private readonly repository: RepositoryRef,
    private readonly app: AppIdentity,
  ) {
    this.publisher = new GitHubPublisher(octokit, repository, app);
  }

  /**
   * A user's access to the repository: `role` is the role name (`admin`, `maintain`, `write`,
   * `triage`, `read`, or an organisation's custom role), `permission` the older base permission
   * (`admin`, `write`, `read` or `none`), which reports `maintain` and custom roles built on write
   * as `write`. Both are `none` for someone who is not a collaborator.
   */
  async accessOf(login: string): Promise<{ role: string; permission: string }> {
    try {
      const { data } = await this.octokit.rest.repos.getCollaboratorPermissionLevel({ ...this.repository, username: login });
      return { role: (data as { role_name?: string }).role_name ?? data.permission, permission: data.permission };
    } catch (error) {
      // Not a collaborator at all.
      if (error instanceof GitHubAPIError && error.status === 404) return { role: "none", permission: "none" };
      throw error;
    }
  }

  getPullRequest(number: number) {
    return this.publisher.getPullRequest(number);
  }

  async reply(issueNumber: number, body: string): Promise<void> {
    await this.octokit.rest.issues.createComment({ ...this.repository, issue_number: issueNumber, body });
  }

  /**
   * Whether the app already answered this comment with 🚀 or 😕: its reaction is the record that a
   * command was handled, so a redelivered webhook does not start a second run.
   */
  async acknowledged(commentId: number): Promise<boolean> {
    try {
      const reactions = await this.octokit.paginate(this.octokit.rest.reactions.listForIssueComment, { ...this.repository, comment_id: commentId, per_page: 100 });
      return reactions.some((reaction) => (reaction.content === "rocket" || reaction.content === "confused") && reaction.user?.login === `${this.app.slug}[bot]`);
    } catch {
      // Reactions disabled or unreadable: nothing recorded, so the command is new.
      return false;
    }
  }

  /** An acknowledgement is a courtesy: failing to add it never stops the re-run. */
  async react(commentId: number, content: "rocket" | "eyes" | "confused"): Promise<void> {
    try {
      await this.octokit.rest.reactions.createForIssueComment({ ...this.repository, comment_id: commentId, content });
    } catch {
      // Reactions can be disabled on a repository; the check run says the same.
    }
  }

  async createCheckRun(headSha: string, externalId: string, output: { title: string; summary: string; text?: string }): Promise<number> {
    const { data } = await this.octokit.rest.checks.create({
      ...this.repository,
      name: RERUN_CHECK_RUN_NAME,
      head_sha: headSha,
      status: "queued",
      external_id: externalId,
      output,
    });
    return data.id;
  }

  async getCheckRun(id: number): Promise<RerunCheckRun | null> {
    try {
      const { data } = await this.octokit.rest.checks.get({ ...this.repository, check_run_id: id });
      return {
        id: data.id,
        name: data.name,
        headSha: data.head_sha,
        status: data.status,
        externalId: data.external_id ?? null,
        htmlUrl: data.html_url ?? null,
        text: data.output?.text ?? null,
      };
    } catch (error) {
      if (error instanceof GitHubAPIError && error.status === 404) return null;
      throw error;
    }
  }

  /** Annotations beyond GitHub's 50 per request follow in further updates, which append them. */
  async updateCheckRun(
    id: number,
    update: {
      status?: "in_progress";
      conclusion?: RerunCheckConclusion;
      /** Left out, the output stays as it was. */
      output?: { title: string; summary: string; text?: string; annotations?: RenderedAnnotation[] };
      detailsUrl?: string;
      externalId?: string;
    },
  ): Promise<void> {
    const [first, ...rest] = chunk(update.output?.annotations ?? [], ANNOTATIONS_PER_REQUEST);
    const output = update.output ? { ...update.output, annotations: first ?? [] } : undefined;
    await this.octokit.rest.checks.update({
      ...this.repository,
      check_run_id: id,
      ...(update.externalId ? { external_id: update.externalId } : {}),
      ...(update.status ? { status: update.status } : {}),
      ...(update.conclusion ? { status: "completed" as const, conclusion: update.conclusion, completed_at: new Date().toISOString() } : {}),
      ...(output ? { output } : {}),
      ...(update.detailsUrl ? { details_url: update.detailsUrl } : {}),
    });
    for (const batch of rest) await this.octokit.rest.checks.update({ ...this.repository, check_run_id: id, output: { ...output!, annotations: batch } });
  }

  /** `workflow_dispatch` on `ref` (the default branch, so the workflow definition is the merged one). */
  async dispatch(workflow: string, ref: string, inputs: Record<string, string>): Promise<void> {
    await this.octokit.rest.actions.createWorkflowDispatch({ ...this.repository, workflow_id: workflow, ref, inputs });
  }

  /**
   * results.json from the run's artifact `name`, or a reason it is not there. The archive URL
   * redirects to blob storage; fetch follows it and drops the token on the way, as it must.
   */
  async downloadResults(runId: number, name: string): Promise<{ text: string } | { missing: string }> {
    const { data } = await this.octokit.rest.actions.listWorkflowRunArtifacts({ ...this.repository, run_id: runId, name, per_page: 100 });
    const artifact = data.artifacts.find((a) => a.name === name);
    if (!artifact) return { missing: `the run uploaded no artifact \`${name}\`` };
    if (artifact.expired) return { missing: `the artifact \`${name}\` has expired` };
    const response = await this.octokit.rest.actions.downloadArtifact({ ...this.repository, artifact_id: artifact.id, archive_format: "zip" });
    const archive = Buffer.from(response.data as ArrayBuffer);
    const bytes = readZipEntry(archive, "results.json", MAX_RESULTS_BYTES);
    return bytes ? { text: bytes.toString("utf8") } : { missing: `the artifact \`${name}\` holds no results.json` };
  }

  /** The re-run's section of the sticky comment. */
  upsertRerunSection(issueNumber: number, content: string): Promise<void> {
    return this.publisher.upsertStickySection(issueNumber, COMMENT_MARKER, RERUN_SECTION, content);
  }
}
