// `/rerun-loso` in the app (SPEC section 5). A command comment from a collaborator with write access
// pins the head, opens the `research-governance / loso-rerun` check run and dispatches the
// re-run workflow; the workflow run's completion brings results.json back, and the check run and the
// sticky comment's re-run section say whether the claimed figures were reproduced.
//
// The app keeps no state: the check run is the record. Its external id holds the pull request
// number and a random token, the workflow run's name holds the check run id and the same token,
// so a finished run finds its check run. A run of another workflow, or one naming a check run
// without its token (a stale or mistyped dispatch), completes nothing; and the results must be for
// the commit the check run pinned.
import { randomBytes } from "node:crypto";
import { ConfigurationError, DEFAULT_CONFIG_PATH, defaultConfig, type GovernanceConfig } from "../core/config.js";
import { extractDigest } from "../core/model/digest.js";
import { readMarkdownFile } from "../core/model/markdown-file.js";
import { buildRepositoryModel, createClassifier } from "../core/model/repository.js";
import { namesHead, parseRerunCommand, type RerunCommand } from "../core/rerun/command.js";
import { compareTarget } from "../core/rerun/compare.js";
import { judgeRerun } from "../core/rerun/verdict.js";
import { annotationOf } from "../core/render/check-run.js";
import { configureRule } from "../core/rules/configure.js";
import { rerunMismatch } from "../core/rules/rerun-mismatch.js";
import { renderComparisons } from "../core/render/rerun.js";
import { isTargetWord, planRerun, type RerunPlan } from "../core/rerun/plan.js";
import { parseRerunResults } from "../core/rerun/results.js";
import { RERUN_CHECK_RUN_NAME, RerunGitHub, type RerunCheckConclusion } from "../adapters/rerun-github.js";
import { RepoCacheError, type CachedRepository } from "../adapters/repo-cache.js";
import { ZipError } from "../adapters/zip.js";
import { configFromText } from "./evaluate.js";
import type { JobServices } from "./verdict-job.js";

const CONCLUSION_MARKS: Record<RerunCheckConclusion, string> = { success: "✅", neutral: "⚠️", failure: "❌" };

/** Roles that may start self-hosted runners (SPEC: write, maintain or admin). */
const ALLOWED_ROLES = new Set(["admin", "maintain", "write"]);
/** Base permissions that may: an organisation's custom role built on write reports `write` here. */
const ALLOWED_PERMISSIONS = new Set(["admin", "write"]);

export interface RerunCommandRequest {
  kind: "rerun-command";
  installationId: number;
  owner: string;
  repo: string;
  cloneUrl: string;
  /** The workflow runs from here, so its definition is the merged one. */
  defaultBranch: string;
  pullNumber: number;
  commentId: number;
  author: string;
  command: RerunCommand;
  trigger: string;
}

export interface RerunWorkflowEvent {
  kind: "rerun-workflow-run";
  /** `in_progress`: a runner took the run; `completed`: it finished. */
  action: "in_progress" | "completed";
  installationId: number;
  owner: string;
  repo: string;
  cloneUrl: string;
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

export type RerunJobOutcome =
  | { status: "skipped"; reason: string }
  | { status: "rerun-refused"; reason: string }
  | { status: "rerun-dispatched"; checkRunId: number; correlation: string; targets: string[]; headSha: string }
  | { status: "rerun-not-dispatched"; checkRunId: number; reason: string }
  | { status: "rerun-started"; checkRunId: number }
  | { status: "rerun-completed"; checkRunId: number; conclusion: RerunCheckConclusion };

interface CommentPayload {
  action?: string;
  issue?: { number?: number; pull_request?: unknown };
  comment?: { id?: number; body?: string | null; user?: { login?: string; type?: string } | null };
  repository?: { name?: string; owner?: { login?: string }; clone_url?: string; default_branch?: string };
  installation?: { id?: number };
}

/** The request a comment makes, or why it makes none (no API call is needed to decide). */
export function rerunRequestFromComment(payload: CommentPayload, trigger: string): RerunCommandRequest | { skip: string } {
  if (payload.action !== "created") return { skip: "only new comments are commands (an edit never runs anything)" };
  if (!payload.issue?.pull_request) return { skip: "comment on an issue, not a pull request" };
  const command = parseRerunCommand(payload.comment?.body ?? "");
  if (command === null) return { skip: "not a /rerun-loso command" };
  // The app's own replies quote the command; no bot starts runners.
  if (payload.comment?.user?.type === "Bot") return { skip: "comment by a bot" };
  const { repository, installation, comment, issue } = payload;
  if (!repository?.name || !repository.owner?.login || !repository.clone_url || !installation?.id || !comment?.id || !comment.user?.login || !issue.number) {
    return { skip: "payload lacks the repository, installation or comment" };
  }
  return {
    kind: "rerun-command",
    installationId: installation.id,
    owner: repository.owner.login,
    repo: repository.name,
    cloneUrl: repository.clone_url,
    defaultBranch: repository.default_branch ?? "main",
    pullNumber: issue.number,
    commentId: comment.id,
    author: comment.user.login,
    command,
    trigger,
  };
}

export async function runRerunCommand(request: RerunCommandRequest, services: JobServices): Promise<RerunJobOutcome> {
  const github = new RerunGitHub(services.octokit, { owner: request.owner, repo: request.repo }, services.identity);
  const refuse = async (reason: string, reply: string): Promise<RerunJobOutcome> => {
    await github.react(request.commentId, "confused");
    await github.reply(request.pullNumber, `@${request.author} ${reply}`);
    return { status: "rerun-refused", reason };
  };

  if (await github.acknowledged(request.commentId)) return { status: "skipped", reason: "command already handled (a repeated delivery)" };
  // Permission first: nobody else learns anything from the bot about the pull request.
  const access = await github.accessOf(request.author);
  if (!ALLOWED_ROLES.has(access.role) && !ALLOWED_PERMISSIONS.has(access.permission)) {
    return refuse(
      `role ${access.role}`,
      "`/rerun-loso` starts self-hosted GPU runners, so it is open to collaborators with write, maintain or admin access. Nothing was run; a maintainer can ask for the re-run.",
    );
  }
  const command = request.command;
  if ("error" in command) return refuse("invalid command", `the command ${command.error}. Usage: \`/rerun-loso [digest path or model id ...] [head sha]\`. Nothing was run.`);
  const pull = await github.getPullRequest(request.pullNumber);
  if (pull.state !== "open") return refuse("pull request not open", "this pull request is closed. Nothing was run.");
  const headSha = pull.head.sha;
  const fromFork = pull.head.repo?.full_name !== pull.base.repo.full_name;
  if (command.sha !== null && !namesHead(command.sha, headSha)) {
    return refuse("head moved", `\`${command.sha}\` is not the head of this pull request, which is now \`${headSha.slice(0, 12)}\`. Nothing was run: review the new head, then ask again.`);
  }
  if (fromFork && command.sha === null) {
    return refuse(
      "fork without sha",
      `this pull request comes from a fork, so the command must name the head commit you reviewed: \`/rerun-loso ${command.targets.join(" ")}${command.targets.length ? " " : ""}${headSha.slice(0, 12)}\`. Nothing was run.`,
    );
  }

  let config: GovernanceConfig;
  let targets: string[];
  try {
    ({ config, targets } = await services.repoCache.withRepository({ cloneUrl: request.cloneUrl, token: services.token }, async (repo) => {
      const config = await readBaseConfig(repo, pull);
      return { config, targets: command.targets.length ? command.targets : await changedLosoDigests(repo, config, pull.base.sha, headSha) };
    }));
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    return refuse("configuration error", `the configuration on the base branch is invalid (${error.message}), so the re-run workflow is unknown. Nothing was run.`);
  }
  if (targets.length === 0) {
    return refuse(
      "no targets",
      "this pull request changes no research digest with a per-fold LOSO table and a Reproducer, so there is nothing to re-run by default. Name the targets: `/rerun-loso docs/research/NNNN-….md model_id`.",
    );
  }

  await github.react(request.commentId, "rocket");
  return startRerun(github, { pullNumber: request.pullNumber, requester: request.author, headSha, targets, config, defaultBranch: request.defaultBranch });
}

interface RerunStart {
  pullNumber: number;
  requester: string;
  headSha: string;
  targets: string[];
  config: GovernanceConfig;
  /** The workflow runs from here, so its definition is the merged one. */
  defaultBranch: string;
}

/** Open the re-run check run on the pinned head and dispatch the workflow that completes it. */
async function startRerun(github: RerunGitHub, start: RerunStart): Promise<RerunJobOutcome> {
  const { pullNumber, requester, headSha, targets, config, defaultBranch } = start;
  const token = randomBytes(8).toString("hex");
  const listed = targets.map((target) => `- \`${target}\``).join("\n");
  const text = targetsText(targets);
  const checkRunId = await github.createCheckRun(headSha, `${pullNumber}.${token}`, {
    title: `LOSO re-run queued for ${targets.length} target${targets.length === 1 ? "" : "s"}`,
    summary: `@${requester} asked for a re-run of \`${headSha.slice(0, 12)}\` on the \`${config.rerun.runnerLabels.join(", ")}\` runners:\n\n${listed}\n`,
    text,
  });
  const correlation = `${checkRunId}-${token}`;
  try {
    await github.dispatch(config.rerun.workflow, defaultBranch, {
      sha: headSha,
      pr: String(pullNumber),
      targets: targets.join(" "),
      correlation,
      runner_labels: JSON.stringify(config.rerun.runnerLabels),
      timeout_minutes: String(config.rerun.timeoutMinutes),
    });
  } catch (error) {
    const reason = `could not dispatch the \`${config.rerun.workflow}\` workflow on \`${defaultBranch}\`: ${(error as Error).message}`;
    await github.updateCheckRun(checkRunId, {
      conclusion: "failure",
      output: {
        title: "The re-run workflow could not be started",
        summary: `The app ${reason}.\n\nInstall the workflow from the app's \`templates/rerun-loso.yml\` as \`.github/workflows/${config.rerun.workflow}\` on the default branch, or set \`rerun.workflow\` in the configuration.\n`,
        text,
      },
    });
    await github.reply(pullNumber, `@${requester} the re-run could not start: the app ${reason}.`);
    return { status: "rerun-not-dispatched", checkRunId, reason };
  }
  // Still queued: the run starts when a runner with the labels is free.
  await github.updateCheckRun(checkRunId, {
    output: { title: `LOSO re-run dispatched for ${targets.length} target${targets.length === 1 ? "" : "s"}`, summary: `Workflow \`${config.rerun.workflow}\`, run name \`rerun-loso ${correlation}\`.\n\n${listed}\n`, text },
  });
  return { status: "rerun-dispatched", checkRunId, correlation, targets, headSha };
}

/**
 * The re-run check's output text names its targets, also in a form the app reads back: the Checks
 * tab's "Re-run" button starts the same targets again (runRerunRerequest). Target words cannot
 * contain `>`, so they cannot end the HTML comment early.
 */
function targetsText(targets: readonly string[]): string {
  return `Targets: ${targets.map((target) => `\`${target}\``).join(", ")}\n\n<!-- ${TARGETS_MARKER} ${targets.join(" ")} -->\n`;
}

function targetsFromText(text: string | null): string[] {
  const match = new RegExp(`<!-- ${TARGETS_MARKER} ([^>]*) -->`).exec(text ?? "");
  return match ? match[1]!.split(" ").filter(isTargetWord) : [];
}

const TARGETS_MARKER = "research-governance rerun targets:";

/** Digests the pull request adds or changes that state a per-fold LOSO result and have a Reproducer. */
async function changedLosoDigests(repo: CachedRepository, config: GovernanceConfig, baseSha: string, headSha: string): Promise<string[]> {
  const classifier = createClassifier(config);
  const changed = await repo.changedPaths(await repo.mergeBase(baseSha, headSha), headSha);
  const targets: string[] = [];
  for (const path of changed.filter((p) => classifier.classify(p) === "digest")) {
    const text = await repo.readFile(headSha, path);
    if (text === undefined) continue;
    const digest = extractDigest(readMarkdownFile(path, text));
    if (digest.losoTables.length > 0 && (digest.reproducer?.commands.length ?? 0) > 0) targets.push(path);
  }
  return targets;
}

interface WorkflowRunPayload {
  action?: string;
  workflow_run?: { id?: number; name?: string; display_title?: string; conclusion?: string | null; html_url?: string; path?: string; event?: string };
  repository?: { name?: string; owner?: { login?: string }; clone_url?: string };
  installation?: { id?: number };
}

const RUN_NAME = /^rerun-loso (\d{1,15})-([0-9a-f]{16})$/;

/** What a workflow run reports (started or finished), or why it is not one of ours. */
export function rerunWorkflowEventFrom(payload: WorkflowRunPayload, trigger: string): RerunWorkflowEvent | { skip: string } {
  if (payload.action !== "completed" && payload.action !== "in_progress") return { skip: `workflow run ${payload.action ?? "event"}` };
  const run = payload.workflow_run;
  const match = RUN_NAME.exec(run?.display_title ?? "");
  if (!run?.id || !match || (run.event !== undefined && run.event !== "workflow_dispatch")) return { skip: "not a /rerun-loso workflow run" };
  const { repository, installation } = payload;
  if (!repository?.name || !repository.owner?.login || !repository.clone_url || !installation?.id) return { skip: "payload lacks the repository or installation" };
  return {
    kind: "rerun-workflow-run",
    action: payload.action,
    installationId: installation.id,
    owner: repository.owner.login,
    repo: repository.name,
    cloneUrl: repository.clone_url,
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
    // At most MAX_TARGETS findings, well under the 50 annotations GitHub takes per request.
    output: { title, summary: `${renderComparisons({ ...results, targets: checked }, comparisons, tolerance)}${logs ? `\nLogs:${logs}\n` : ""}`, text, annotations: findings.map(annotationOf) },
    ...(event.runUrl ? { detailsUrl: event.runUrl } : {}),
  });
  await github.upsertRerunSection(pullNumber, rerunSection(`${CONCLUSION_MARKS[conclusion]} ${title}`, check.htmlUrl, event.runUrl, check.headSha));
  return { status: "rerun-completed", checkRunId: check.id, conclusion };
}

/**
 * A re-run check's external id: `<pull request>.<token>`, with `.again` once the Checks tab's
 * "Re-run" started it again (the record that stops a redelivered request from starting a third).
 */
function parseExternalId(externalId: string | null): { pullNumber: number; token: string; rerunAgain: boolean } | null {
  const match = /^(\d+)\.([0-9a-f]{16})(\.again)?$/.exec(externalId ?? "");
  return match ? { pullNumber: Number(match[1]), token: match[2]!, rerunAgain: match[3] !== undefined } : null;
}

export interface RerunRerequest {
  kind: "rerun-rerequest";
  installationId: number;
  owner: string;
  repo: string;
  cloneUrl: string;
  defaultBranch: string;
  checkRunId: number;
  /** Who pressed "Re-run" on the check. */
  requester: string;
  trigger: string;
}

interface CheckRunRerequestPayload {
  check_run?: { id?: number; name?: string };
  sender?: { login?: string; type?: string };
  repository?: { name?: string; owner?: { login?: string }; clone_url?: string; default_branch?: string };
  installation?: { id?: number };
}

/** A "Re-run" of the re-run check from the Checks tab, or why it asks for nothing. */
export function rerunRequestFromRerequest(payload: CheckRunRerequestPayload, trigger: string): RerunRerequest | { skip: string } {
  if (payload.check_run?.name !== RERUN_CHECK_RUN_NAME) return { skip: "not the re-run check" };
  if (payload.sender?.type === "Bot") return { skip: "re-run asked by a bot" };
  const { repository, installation, check_run: checkRun, sender } = payload;
  if (!repository?.name || !repository.owner?.login || !repository.clone_url || !installation?.id || !checkRun.id || !sender?.login) {
    return { skip: "payload lacks the repository, installation, check run or sender" };
  }
  return {
    kind: "rerun-rerequest",
    installationId: installation.id,
    owner: repository.owner.login,
    repo: repository.name,
    cloneUrl: repository.clone_url,
    defaultBranch: repository.default_branch ?? "main",
    checkRunId: checkRun.id,
    requester: sender.login,
    trigger,
  };
}

/**
 * "Re-run" on a finished re-run check: the same targets on the same commit, for someone who may
 * start runners, while that commit is still the pull request's head. A new check run tracks it,
 * as for a command; the old one is marked so a redelivery starts nothing more.
 */
export async function runRerunRerequest(request: RerunRerequest, services: JobServices): Promise<RerunJobOutcome> {
  const github = new RerunGitHub(services.octokit, { owner: request.owner, repo: request.repo }, services.identity);
  const check = await github.getCheckRun(request.checkRunId);
  const external = parseExternalId(check?.externalId ?? null);
  if (!check || check.name !== RERUN_CHECK_RUN_NAME || !external) return { status: "skipped", reason: "not a re-run check run of this app" };
  if (external.rerunAgain) return { status: "skipped", reason: "re-run check already started again (a repeated delivery)" };
  const pullNumber = external.pullNumber;
  const refuse = async (reason: string, reply: string): Promise<RerunJobOutcome> => {
    await github.reply(pullNumber, `@${request.requester} ${reply}`);
    return { status: "rerun-refused", reason };
  };
  const access = await github.accessOf(request.requester);
  if (!ALLOWED_ROLES.has(access.role) && !ALLOWED_PERMISSIONS.has(access.permission)) {
    return refuse(`role ${access.role}`, "re-running the LOSO check starts self-hosted GPU runners, so it is open to collaborators with write, maintain or admin access. Nothing was run.");
  }
  const pull = await github.getPullRequest(pullNumber);
  if (pull.state !== "open") return refuse("pull request not open", "this pull request is closed. Nothing was run.");
  if (pull.head.sha !== check.headSha) {
    return refuse(
      "head moved",
      `the check you asked to re-run is for \`${check.headSha.slice(0, 12)}\`, but this pull request's head is now \`${pull.head.sha.slice(0, 12)}\`. Nothing was run: review the new head, then comment \`/rerun-loso\`.`,
    );
  }
  const targets = targetsFromText(check.text);
  if (targets.length === 0) return refuse("no targets", "that check run does not record its targets. Nothing was run: comment `/rerun-loso` with the targets.");
  let config: GovernanceConfig;
  try {
    config = await services.repoCache.withRepository({ cloneUrl: request.cloneUrl, token: services.token }, (repo) => readBaseConfig(repo, pull));
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    return refuse("configuration error", `the configuration on the base branch is invalid (${error.message}), so the re-run workflow is unknown. Nothing was run.`);
  }
  // Recorded before anything starts: a redelivered request finds it and starts nothing.
  await github.updateCheckRun(check.id, { externalId: `${check.externalId}.again` });
  return startRerun(github, { pullNumber, requester: request.requester, headSha: check.headSha, targets, config, defaultBranch: request.defaultBranch });
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
 * The pull request's commits fetched, and the configuration at its base: a pull request cannot
 * pick its own workflow, runners, timeout or tolerance. Throws ConfigurationError when invalid.
 */
async function readBaseConfig(
  repo: CachedRepository,
  pull: { number: number; base: { sha: string; repo: { full_name: string } }; head: { sha: string; repo: { full_name: string } | null } },
): Promise<GovernanceConfig> {
  const fromFork = pull.head.repo?.full_name !== pull.base.repo.full_name;
  await repo.fetchPullRequest({ baseSha: pull.base.sha, headSha: pull.head.sha, pullNumber: pull.number, fromFork });
  return configFromText(await repo.readFile(pull.base.sha, DEFAULT_CONFIG_PATH));
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
