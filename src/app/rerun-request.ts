// `/rerun-loso`, the request side: a command comment from a collaborator who may start runners,
// or "Re-run" on a finished re-run check, pins the head, opens the `research-governance /
// loso-rerun` check run and dispatches the re-run workflow on the default branch.
import { randomBytes } from "node:crypto";
import { ConfigurationError, type GovernanceConfig } from "../core/config.js";
import { extractDigest } from "../core/model/digest.js";
import { readMarkdownFile } from "../core/model/markdown-file.js";
import { createClassifier } from "../core/model/repository.js";
import { MAX_TARGETS, namesHead, parseRerunCommand, type RerunCommand } from "../core/rerun/command.js";
import { isTargetWord } from "../core/rerun/plan.js";
import { RERUN_CHECK_RUN_NAME, RerunGitHub } from "../adapters/rerun-github.js";
import type { CachedRepository } from "../adapters/repo-cache.js";
import { WHO_MAY_START_RUNNERS, mayStartRunners, parseExternalId, readBaseConfig, rerunRepository, type RepositoryPayload, type RerunJobOutcome, type RerunRepository } from "./rerun.js";
import type { JobServices } from "./verdict-job.js";

export interface RerunCommandRequest extends RerunRepository {
  kind: "rerun-command";
  pullNumber: number;
  commentId: number;
  author: string;
  command: RerunCommand;
  trigger: string;
}

interface CommentPayload extends RepositoryPayload {
  action?: string;
  issue?: { number?: number; pull_request?: unknown };
  comment?: { id?: number; body?: string | null; user?: { login?: string; type?: string } | null };
}

/** The request a comment makes, or why it makes none (no API call is needed to decide). */
export function rerunRequestFromComment(payload: CommentPayload, trigger: string): RerunCommandRequest | { skip: string } {
  if (payload.action !== "created") return { skip: "only new comments are commands (an edit never runs anything)" };
  if (!payload.issue?.pull_request) return { skip: "comment on an issue, not a pull request" };
  const command = parseRerunCommand(payload.comment?.body ?? "");
  if (command === null) return { skip: "not a /rerun-loso command" };
  // The app's own replies quote the command; no bot starts runners.
  if (payload.comment?.user?.type === "Bot") return { skip: "comment by a bot" };
  const { comment, issue } = payload;
  const repository = rerunRepository(payload);
  if (!repository || !comment?.id || !comment.user?.login || !issue.number) return { skip: "payload lacks the repository, installation or comment" };
  return {
    kind: "rerun-command",
    ...repository,
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
  if (!mayStartRunners(access)) {
    return refuse(
      `role ${access.role}`,
      `\`/rerun-loso\` ${WHO_MAY_START_RUNNERS}. Nothing was run; a maintainer can ask for the re-run.`,
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
  // A default never starts more than a named list may (ADR-0017): runner time is the scarce
  // resource, and re-running only some would leave the rest looking re-checked.
  if (targets.length > MAX_TARGETS) {
    return refuse(
      "too many default targets",
      `this pull request changes ${targets.length} research digests with a per-fold LOSO table and a Reproducer, and one command re-runs at most ${MAX_TARGETS}. Nothing was run. Name the ones to re-run, up to ${MAX_TARGETS} per command (\`/rerun-loso docs/research/NNNN-….md …\`); they are:\n\n${targets.map((target) => `- \`${target}\``).join("\n")}`,
    );
  }

  await github.react(request.commentId, "rocket");
  return startRerun(github, { pullNumber: request.pullNumber, requester: request.author, headSha, targets, config, defaultBranch: request.defaultBranch });
}

export interface RerunRerequest extends RerunRepository {
  kind: "rerun-rerequest";
  checkRunId: number;
  /** Who pressed "Re-run" on the check. */
  requester: string;
  trigger: string;
}

interface CheckRunRerequestPayload extends RepositoryPayload {
  check_run?: { id?: number; name?: string };
  sender?: { login?: string; type?: string };
}

/** A "Re-run" of the re-run check from the Checks tab, or why it asks for nothing. */
export function rerunRequestFromRerequest(payload: CheckRunRerequestPayload, trigger: string): RerunRerequest | { skip: string } {
  if (payload.check_run?.name !== RERUN_CHECK_RUN_NAME) return { skip: "not the re-run check" };
  if (payload.sender?.type === "Bot") return { skip: "re-run asked by a bot" };
  const { check_run: checkRun, sender } = payload;
  const repository = rerunRepository(payload);
  if (!repository || !checkRun.id || !sender?.login) return { skip: "payload lacks the repository, installation, check run or sender" };
  return {
    kind: "rerun-rerequest",
    ...repository,
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
  if (!mayStartRunners(access)) {
    return refuse(`role ${access.role}`, `re-running the LOSO check ${WHO_MAY_START_RUNNERS}. Nothing was run.`);
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
