// `/rerun-loso` end to end: the real Probot server receives signed issue_comment and workflow_run
// webhooks, dispatches the workflow through the REST stand-in, and the "workflow" is the committed
// Action bundle run in rerun mode on a real checkout of the pinned commit. Its results.json is
// uploaded as a ZIP artifact, which the app downloads through GitHub's redirect to another origin.
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RERUN_CHECK_RUN_NAME } from "../../src/adapters/rerun-github.js";
import { COMMENT_MARKER } from "../../src/core/render/pull-request-verdict.js";
import { runAction } from "../action/action-fixture.js";
import { writeZip } from "../helpers/zip-writer.js";
import { losoDigest, TRAIN_SCRIPT as TRAIN } from "../fixtures/rerun/digest.js";
import type { TestRepository } from "./support/git-server.js";
import { INSTALLATION_ID, OWNER, pullRequestObject, repositoryObject, startHarness, type Harness } from "./support/harness.js";

const DIGEST_PATH = "docs/research/0042-tiny-v1-loso.md";

function digest(reproducer: string): string {
  return losoDigest({ reproducer });
}

let harness: Harness;
const cleanups: Array<() => void> = [];
let nextRepository = 1;
let nextComment = 5000;
let nextRun = 9000;

beforeAll(async () => {
  harness = await startHarness();
  harness.github.roles.set("maintainer", "maintain");
  harness.github.roles.set("drive-by", "read");
  harness.github.workflows.add("rerun-loso.yml");
});

afterAll(async () => {
  await harness?.stop();
  for (const cleanup of cleanups) cleanup();
});

interface Pull {
  repo: TestRepository;
  cloneUrl: string;
  number: number;
  headSha: string;
  baseSha: string;
}

/** `config` is the base branch's `.github/research-governance.yml`; `files` more files the head adds. */
function openPullRequest(reproducer: string, options: { fromFork?: boolean; config?: string; files?: Record<string, string> } = {}): Pull {
  const base = { "README.md": "# Lab\n", "scripts/train.js": TRAIN, ...(options.config ? { ".github/research-governance.yml": options.config } : {}) };
  const repo = harness.git.createRepository(`rerun-${nextRepository++}`, base);
  const cloneUrl = harness.git.cloneUrl(repo.name);
  const number = 7;
  const changes = { [DIGEST_PATH]: digest(reproducer), ...options.files };
  const headSha = options.fromFork ? repo.commitFromFork(number, changes, "LOSO digest") : repo.commit("pr-7", changes, "LOSO digest");
  repo.setPullRef(number, headSha);
  const pull = { repo, cloneUrl, number, headSha, baseSha: repo.sha("main") };
  harness.github.setPullRequest(OWNER, repo.name, pullRequestObject({ ...pull, fromFork: options.fromFork }));
  return pull;
}

function commentEvent(pull: Pull, body: string, login = "maintainer", action = "created", id = nextComment++) {
  return {
    action,
    issue: { number: pull.number, pull_request: { url: `https://github.example/pulls/${pull.number}` }, title: "$(id)" },
    comment: { id, body, user: { login, type: "User" } },
    repository: { ...repositoryObject(pull.repo, pull.cloneUrl), default_branch: "main" },
    installation: { id: INSTALLATION_ID },
    sender: { login },
  };
}

async function comment(pull: Pull, body: string, login = "maintainer", id = nextComment++) {
  const before = harness.reports.length;
  const response = await harness.deliver("issue_comment", commentEvent(pull, body, login, "created", id));
  expect(response.status).toBe(200);
  const [report] = (await harness.waitForJobs(before + 1)).slice(before);
  expect(report!.error).toBeUndefined();
  return report!.outcome!;
}

/**
 * What the template workflow does on the runner: check out the pinned commit, run the Action.
 * `tamper` stands for pull-request code that rewrote results.json before the upload.
 */
function runWorkflow(pull: Pull, dispatch: { inputs: Record<string, string> }, tamper?: (results: { targets: Array<Record<string, unknown>> }) => void): Buffer {
  const workspace = mkdtempSync(join(tmpdir(), "rgov-rerun-runner-"));
  cleanups.push(() => rmSync(workspace, { recursive: true, force: true }));
  execFileSync("git", ["clone", "--quiet", pull.repo.bare, workspace]);
  execFileSync("git", ["fetch", "--quiet", "origin", `refs/pull/${pull.number}/head`], { cwd: workspace });
  execFileSync("git", ["checkout", "--quiet", "--detach", dispatch.inputs.sha!], { cwd: workspace });
  runAction({ workspace, inputs: { mode: "rerun", targets: dispatch.inputs.targets! } });
  const results = JSON.parse(readFileSync(join(workspace, "rerun-results/results.json"), "utf8"));
  tamper?.(results);
  return writeZip({ "results.json": JSON.stringify(results) });
}

/** The run the last dispatch started: run the workflow and upload its results artifact. */
function runLastDispatch(pull: Pull, outcome: unknown, tamper?: Parameters<typeof runWorkflow>[2]): { correlation: string; runId: number } {
  const correlation = (outcome as { correlation: string }).correlation;
  const runId = nextRun++;
  harness.github.addArtifact(runId, `loso-rerun-${correlation}`, runWorkflow(pull, harness.github.dispatches.at(-1)!, tamper));
  return { correlation, runId };
}

async function completeRun(pull: Pull, correlation: string, conclusion = "success", runId = nextRun++, options: { path?: string; action?: string } = {}) {
  const before = harness.reports.length;
  const response = await harness.deliver("workflow_run", {
    action: options.action ?? "completed",
    workflow_run: {
      id: runId,
      name: "rerun-loso",
      display_title: `rerun-loso ${correlation}`,
      event: "workflow_dispatch",
      path: options.path ?? ".github/workflows/rerun-loso.yml",
      conclusion,
      html_url: `https://github.example/${OWNER}/${pull.repo.name}/actions/runs/${runId}`,
    },
    repository: repositoryObject(pull.repo, pull.cloneUrl),
    installation: { id: INSTALLATION_ID },
  });
  expect(response.status).toBe(200);
  const [report] = (await harness.waitForJobs(before + 1)).slice(before);
  expect(report!.error).toBeUndefined();
  return report!.outcome!;
}

/** "Re-run" pressed on a re-run check in the Checks tab. */
async function rerequest(pull: Pull, checkRunId: number, login = "maintainer") {
  const before = harness.reports.length;
  const check = harness.github.checkRuns.find((r) => r.id === checkRunId)!;
  const response = await harness.deliver("check_run", {
    action: "rerequested",
    check_run: { id: checkRunId, name: check.name, head_sha: check.head_sha, external_id: check.external_id, pull_requests: [] },
    repository: { ...repositoryObject(pull.repo, pull.cloneUrl), default_branch: "main" },
    installation: { id: INSTALLATION_ID },
    sender: { login, type: "User" },
  });
  expect(response.status).toBe(200);
  const [report] = (await harness.waitForJobs(before + 1)).slice(before);
  expect(report!.error).toBeUndefined();
  return report!.outcome!;
}

function rerunCheck(pull: Pull) {
  return harness.github.checkRuns.filter((r) => r.head_sha === pull.headSha && r.name === RERUN_CHECK_RUN_NAME).at(-1);
}

/** The body of the one sticky comment on the pull request. */
function sticky(pull: Pull): string {
  const comments = harness.github.comments.filter((c) => c.issue === pull.number && c.body.includes(COMMENT_MARKER));
  expect(comments).toHaveLength(1);
  return comments[0]!.body;
}

function repliesOn(pull: Pull) {
  return harness.github.comments.filter((c) => c.issue === pull.number && c.user.type === "Bot" && !c.body.includes(COMMENT_MARKER));
}

describe("/rerun-loso through the real Probot server", () => {
  it("dispatches the workflow for a maintainer, then completes the check from the run's results artifact", async () => {
    const pull = openPullRequest("node scripts/train.js 0.9700 0.9420");
    const dispatchesBefore = harness.github.dispatches.length;

    const outcome = await comment(pull, `/rerun-loso ${DIGEST_PATH}`);
    expect(outcome).toMatchObject({ status: "rerun-dispatched", targets: [DIGEST_PATH], headSha: pull.headSha });
    const dispatch = harness.github.dispatches[dispatchesBefore]!;
    const correlation = (outcome as { correlation: string }).correlation;
    expect(dispatch).toEqual({
      workflow: "rerun-loso.yml",
      ref: "main",
      inputs: { sha: pull.headSha, pr: "7", targets: DIGEST_PATH, correlation, runner_labels: '["self-hosted","gpu"]', timeout_minutes: "60" },
    });
    const queued = rerunCheck(pull)!;
    expect(queued).toMatchObject({ status: "queued", conclusion: null });
    expect(queued.output.title).toBe("LOSO re-run dispatched for 1 target");
    expect(queued.external_id).toMatch(/^7\.[0-9a-f]{16}$/);
    expect(correlation).toBe(`${queued.id}-${queued.external_id!.slice(2)}`);
    expect(harness.github.reactions.at(-1)).toMatchObject({ content: "rocket" });

    const runId = nextRun++;
    // A runner takes the run: the check shows it running, with the run's log as its details.
    expect(await completeRun(pull, correlation, "", runId, { action: "in_progress" })).toMatchObject({ status: "rerun-started" });
    expect(rerunCheck(pull)).toMatchObject({ status: "in_progress", output: { title: "LOSO re-run running" } });
    harness.github.addArtifact(runId, `loso-rerun-${correlation}`, runWorkflow(pull, dispatch));
    const blobRequestsBefore = harness.github.blobRequests.length;
    const completed = await completeRun(pull, correlation, "success", runId);

    expect(completed).toMatchObject({ status: "rerun-completed", conclusion: "success" });
    const check = rerunCheck(pull)!;
    expect(check).toMatchObject({ status: "completed", conclusion: "success", annotations: [] });
    expect(check.output.title).toBe("1 of 1 target reproduced within 0.005 PLCC");
    expect(check.output.summary).toContain(`| \`${DIGEST_PATH}\` | ✅ reproduced | 0.9557 | 0.9560 |`);
    // The download followed GitHub's redirect to another origin without the installation token.
    expect(harness.github.blobRequests.slice(blobRequestsBefore)).toEqual([{ path: expect.stringMatching(/^\/blob\/\d+\?sig=/), authorization: false }]);
    expect(sticky(pull)).toContain("LOSO re-run of");
    expect(sticky(pull)).toContain("✅ 1 of 1 target reproduced within 0.005 PLCC");

    // A repeated delivery of the same completion changes nothing.
    const updates = check.updates;
    expect(await completeRun(pull, correlation, "success", runId)).toMatchObject({ status: "skipped", reason: expect.stringContaining("already completed") });
    expect(rerunCheck(pull)!.updates).toBe(updates);
  });

  it("fails the check when the reproduced figures differ, with the per-fold table", async () => {
    const pull = openPullRequest("node scripts/train.js 0.9300 0.9100");
    const outcome = await comment(pull, "/rerun-loso"); // no targets: the changed LOSO digest
    expect(outcome).toMatchObject({ status: "rerun-dispatched", targets: [DIGEST_PATH] });
    const { correlation, runId } = runLastDispatch(pull, outcome);
    expect(await completeRun(pull, correlation, "failure", runId)).toMatchObject({ status: "rerun-completed", conclusion: "failure" });
    const check = rerunCheck(pull)!;
    expect(check).toMatchObject({ conclusion: "failure" });
    expect(check.output.title).toBe("0 of 1 target reproduced within 0.005 PLCC");
    expect(check.output.summary).toContain("| BigBuckBunny | 0.9712 | 0.9300 |");
    // One rerun-mismatch annotation, at the claimed table of the pinned commit.
    expect(check.annotations).toEqual([
      expect.objectContaining({
        path: DIGEST_PATH,
        start_line: 10,
        annotation_level: "failure",
        title: "rerun-mismatch",
        message: expect.stringMatching(/^The re-run of `docs\/research\/.+` differs from its claim by up to 0\.0412 PLCC, more than the tolerance 0\.005\n\n.*\/rerun-mismatch\.md$/),
      }),
    ]);
  });

  it("sends more findings than GitHub takes in one request as further updates", async () => {
    const pull = openPullRequest("node scripts/train.js 0.9300 0.9100");
    const outcome = await comment(pull, `/rerun-loso ${DIGEST_PATH}`);
    // A runner that reports the target 55 times: 55 findings, one request allows 50 annotations.
    const { correlation, runId } = runLastDispatch(pull, outcome, (results) => {
      results.targets = Array.from({ length: 55 }, () => results.targets[0]!);
    });
    expect(await completeRun(pull, correlation, "success", runId)).toMatchObject({ status: "rerun-completed", conclusion: "failure" });
    const check = rerunCheck(pull)!;
    expect(check.annotations).toHaveLength(55);
    expect(check.output.title).toBe("0 of 55 targets reproduced within 0.005 PLCC");
  });

  it("leaves the check neutral when the base branch makes rerun-mismatch a warning", async () => {
    const pull = openPullRequest("node scripts/train.js 0.9300 0.9100", { config: "rules:\n  rerun-mismatch: warning\n" });
    const outcome = await comment(pull, `/rerun-loso ${DIGEST_PATH}`);
    const { correlation, runId } = runLastDispatch(pull, outcome);
    expect(await completeRun(pull, correlation, "success", runId)).toMatchObject({ status: "rerun-completed", conclusion: "neutral" });
    const check = rerunCheck(pull)!;
    expect(check).toMatchObject({ status: "completed", conclusion: "neutral" });
    expect(check.annotations.map((a) => [a.annotation_level, a.title])).toEqual([["warning", "rerun-mismatch"]]);
    expect(sticky(pull)).toContain("⚠️ 0 of 1 target reproduced within 0.005 PLCC");
  });

  it("compares with the claims at the pinned commit, not the claims the runner reports", async () => {
    const pull = openPullRequest("node scripts/train.js 0.9300 0.9100");
    const outcome = await comment(pull, `/rerun-loso ${DIGEST_PATH}`);
    const { correlation, runId } = runLastDispatch(pull, outcome, (results) => {
      results.targets[0]!.claimed = { meanPlcc: 0.92, folds: { BigBuckBunny: 0.93, FoxBird: 0.91 } };
    });
    expect(await completeRun(pull, correlation, "success", runId)).toMatchObject({ status: "rerun-completed", conclusion: "failure" });
    expect(rerunCheck(pull)!.output.summary).toContain(`| \`${DIGEST_PATH}\` | ❌ differs | 0.9557 | 0.9200 |`);
  });

  it("reads the pinned commit again on a fresh clone cache, and fails plainly when it was force-pushed away", async () => {
    const pull = openPullRequest("node scripts/train.js 0.9700 0.9420");
    const { correlation, runId } = runLastDispatch(pull, await comment(pull, `/rerun-loso ${DIGEST_PATH}`));
    harness.forgetClones();
    expect(await completeRun(pull, correlation, "success", runId)).toMatchObject({ status: "rerun-completed", conclusion: "success" });

    const second = runLastDispatch(pull, await comment(pull, `/rerun-loso ${DIGEST_PATH}`));
    const rewritten = pull.repo.rewritePullRequest(pull.number, { [DIGEST_PATH]: digest("node scripts/train.js 0.5 0.5") });
    harness.github.setPullRequest(OWNER, pull.repo.name, pullRequestObject({ ...pull, headSha: rewritten }));
    harness.forgetClones();
    expect(await completeRun(pull, second.correlation, "success", second.runId)).toMatchObject({ status: "rerun-completed", conclusion: "failure" });
    expect(rerunCheck(pull)!.output).toMatchObject({ title: "The pinned commit is gone" });
  });

  it("starts the same targets again from the Checks tab's Re-run, once, for someone who may, while the head stands", async () => {
    const pull = openPullRequest("node scripts/train.js 0.9700 0.9420");
    const first = runLastDispatch(pull, await comment(pull, `/rerun-loso ${DIGEST_PATH}`));
    expect(await completeRun(pull, first.correlation, "success", first.runId)).toMatchObject({ status: "rerun-completed" });
    const finished = rerunCheck(pull)!;
    // The targets stay in the output text through every update.
    expect(finished.output.text).toContain(`\`${DIGEST_PATH}\``);
    const dispatches = harness.github.dispatches.length;

    expect(await rerequest(pull, finished.id, "drive-by")).toMatchObject({ status: "rerun-refused", reason: "role read" });
    expect(repliesOn(pull).at(-1)!.body).toContain("@drive-by re-running the LOSO check starts self-hosted GPU runners");
    expect(harness.github.dispatches.length).toBe(dispatches);

    const again = await rerequest(pull, finished.id);
    expect(again).toMatchObject({ status: "rerun-dispatched", targets: [DIGEST_PATH], headSha: pull.headSha });
    expect(harness.github.dispatches.at(-1)!.inputs).toMatchObject({ sha: pull.headSha, pr: "7", targets: DIGEST_PATH });
    const restarted = rerunCheck(pull)!;
    expect(restarted.id).not.toBe(finished.id);
    expect(restarted).toMatchObject({ status: "queued", head_sha: pull.headSha });
    expect(finished.external_id).toMatch(/^7\.[0-9a-f]{16}\.again$/);
    // GitHub delivers the request again: nothing more starts.
    expect(await rerequest(pull, finished.id)).toMatchObject({ status: "skipped", reason: expect.stringContaining("already started again") });
    expect(harness.github.dispatches.length).toBe(dispatches + 1);
    // The restarted run completes its own check as usual.
    const second = runLastDispatch(pull, again);
    expect(await completeRun(pull, second.correlation, "success", second.runId)).toMatchObject({ status: "rerun-completed", conclusion: "success" });

    // Once the head has moved, a re-run of the old commit is refused.
    const moved = pull.repo.rewritePullRequest(pull.number, { [DIGEST_PATH]: digest("node scripts/train.js 0.9700 0.9420\n") });
    harness.github.setPullRequest(OWNER, pull.repo.name, pullRequestObject({ ...pull, headSha: moved }));
    expect(await rerequest(pull, rerunCheck(pull)!.id)).toMatchObject({ status: "rerun-refused", reason: "head moved" });
    expect(harness.github.dispatches.length).toBe(dispatches + 1);
  });

  it("refuses, with a reply and without a runner, anyone without write access, and a fork's head not named", async () => {
    const pull = openPullRequest("node scripts/train.js 0.97 0.94");
    const dispatches = harness.github.dispatches.length;
    const checks = harness.github.checkRuns.length;

    expect(await comment(pull, `/rerun-loso ${DIGEST_PATH}`, "drive-by")).toMatchObject({ status: "rerun-refused", reason: "role read" });
    expect(repliesOn(pull).at(-1)!.body).toContain("@drive-by `/rerun-loso` starts self-hosted GPU runners");
    expect(await comment(pull, "/rerun-loso docs/research/x.md;rm")).toMatchObject({ status: "rerun-refused", reason: "invalid command" });
    expect(await comment(pull, `/rerun-loso ${DIGEST_PATH} 0000000`)).toMatchObject({ status: "rerun-refused", reason: "head moved" });

    const fork = openPullRequest("node scripts/train.js 0.97 0.94", { fromFork: true });
    expect(await comment(fork, `/rerun-loso ${DIGEST_PATH}`)).toMatchObject({ status: "rerun-refused", reason: "fork without sha" });
    expect(repliesOn(fork).at(-1)!.body).toContain(`/rerun-loso ${DIGEST_PATH} ${fork.headSha.slice(0, 12)}`);
    expect(await comment(fork, `/rerun-loso ${DIGEST_PATH} ${fork.headSha.slice(0, 9)}`)).toMatchObject({ status: "rerun-dispatched" });

    expect(harness.github.dispatches.length).toBe(dispatches + 1);
    expect(harness.github.checkRuns.length).toBe(checks + 1);
  });

  it("refuses to start more default targets than one command may name, and lists them", async () => {
    // The pull request changes 21 LOSO digests with a Reproducer: one more than MAX_TARGETS.
    const files: Record<string, string> = {};
    for (let number = 100; number < 120; number++) files[`docs/research/0${number}-more-loso.md`] = losoDigest({ number: `0${number}`, reproducer: "node scripts/train.js 0.97 0.94" });
    const pull = openPullRequest("node scripts/train.js 0.97 0.94", { files });
    const dispatches = harness.github.dispatches.length;
    const checks = harness.github.checkRuns.length;

    expect(await comment(pull, "/rerun-loso")).toMatchObject({ status: "rerun-refused", reason: "too many default targets" });
    const reply = repliesOn(pull).at(-1)!.body;
    expect(reply).toContain("changes 21 research digests with a per-fold LOSO table and a Reproducer, and one command re-runs at most 20. Nothing was run.");
    expect(reply).toContain(`- \`${DIGEST_PATH}\``);
    expect(reply).toContain("- `docs/research/0119-more-loso.md`");
    expect(harness.github.dispatches.length).toBe(dispatches);
    expect(harness.github.checkRuns.length).toBe(checks);
    // Named targets still start, the limit being the command's own.
    expect(await comment(pull, `/rerun-loso ${DIGEST_PATH} docs/research/0100-more-loso.md`)).toMatchObject({ status: "rerun-dispatched", targets: [DIGEST_PATH, "docs/research/0100-more-loso.md"] });
  });

  it("goes by the base permission for an organisation's custom roles", async () => {
    harness.github.roles.set("ml-lead", "ml-maintainer");
    harness.github.customRoles.set("ml-maintainer", "write");
    harness.github.roles.set("data-reviewer", "dataset-reviewer");
    harness.github.customRoles.set("dataset-reviewer", "read");
    const pull = openPullRequest("node scripts/train.js 0.97 0.94");
    expect(await comment(pull, `/rerun-loso ${DIGEST_PATH}`, "data-reviewer")).toMatchObject({ status: "rerun-refused", reason: "role dataset-reviewer" });
    expect(await comment(pull, `/rerun-loso ${DIGEST_PATH}`, "ml-lead")).toMatchObject({ status: "rerun-dispatched" });
  });

  it("starts one run per command, however often GitHub delivers the comment", async () => {
    const pull = openPullRequest("node scripts/train.js 0.97 0.94");
    const dispatches = harness.github.dispatches.length;
    const id = nextComment++;
    expect(await comment(pull, `/rerun-loso ${DIGEST_PATH}`, "maintainer", id)).toMatchObject({ status: "rerun-dispatched" });
    expect(await comment(pull, `/rerun-loso ${DIGEST_PATH}`, "maintainer", id)).toMatchObject({ status: "skipped", reason: "command already handled (a repeated delivery)" });
    expect(harness.github.dispatches.length).toBe(dispatches + 1);
  });

  it("ignores edited comments, other comments and its own replies", async () => {
    const pull = openPullRequest("node scripts/train.js 0.97 0.94");
    const before = harness.reports.length;
    const requests = harness.github.requests.length;
    for (const event of [
      commentEvent(pull, `/rerun-loso ${DIGEST_PATH}`, "maintainer", "edited"),
      commentEvent(pull, "Looks good, please /rerun-loso later"),
      { ...commentEvent(pull, "/rerun-loso"), comment: { id: nextComment++, body: "/rerun-loso", user: { login: "research-governance-e2e[bot]", type: "Bot" } } },
    ]) {
      expect((await harness.deliver("issue_comment", event)).status).toBe(200);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(harness.reports.length).toBe(before);
    expect(harness.github.requests.length).toBe(requests);
  });

  it("completes nothing for a run it did not dispatch, and reports a missing workflow and missing results", async () => {
    const pull = openPullRequest("node scripts/train.js 0.97 0.94");
    const outcome = await comment(pull, `/rerun-loso ${DIGEST_PATH}`);
    const correlation = (outcome as { correlation: string }).correlation;
    const [checkId] = correlation.split("-");

    // Someone with write access dispatches the workflow by hand, naming the check run.
    expect(await completeRun(pull, `${checkId}-${"0".repeat(16)}`)).toMatchObject({ status: "skipped", reason: expect.stringContaining("no re-run check run matches") });
    expect(rerunCheck(pull)!.status).toBe("queued");
    // Another workflow whose run name imitates a re-run's, with the right token.
    expect(await completeRun(pull, correlation, "success", nextRun++, { path: ".github/workflows/other.yml" })).toMatchObject({ status: "skipped", reason: expect.stringContaining("not the configured re-run workflow") });
    expect(rerunCheck(pull)!.status).toBe("queued");

    // The run failed before uploading anything.
    expect(await completeRun(pull, correlation, "failure")).toMatchObject({ status: "rerun-completed", conclusion: "failure" });
    expect(rerunCheck(pull)!.output.summary).toContain("finished with conclusion `failure`, and the run uploaded no artifact");

    harness.github.workflows.delete("rerun-loso.yml");
    try {
      expect(await comment(pull, `/rerun-loso ${DIGEST_PATH}`)).toMatchObject({ status: "rerun-not-dispatched" });
      expect(rerunCheck(pull)!).toMatchObject({ status: "completed", conclusion: "failure", output: { title: "The re-run workflow could not be started" } });
      expect(repliesOn(pull).at(-1)!.body).toContain("could not dispatch the `rerun-loso.yml` workflow on `main`");
    } finally {
      harness.github.workflows.add("rerun-loso.yml");
    }
  });

  it("keeps the re-run section when the verdict job rewrites the sticky comment", async () => {
    const pull = openPullRequest("node scripts/train.js 0.9700 0.9420");
    const { correlation, runId } = runLastDispatch(pull, await comment(pull, `/rerun-loso ${DIGEST_PATH}`));
    await completeRun(pull, correlation, "success", runId);

    const before = harness.reports.length;
    await harness.deliver("pull_request", {
      action: "synchronize",
      number: pull.number,
      pull_request: pullRequestObject(pull),
      repository: repositoryObject(pull.repo, pull.cloneUrl),
      installation: { id: INSTALLATION_ID },
      sender: { login: "author" },
    });
    await harness.waitForJobs(before + 1);
    expect(sticky(pull)).toMatch(/^## \S+ research-governance: /m); // the verdict, written after the section
    expect(sticky(pull)).toContain("✅ 1 of 1 target reproduced within 0.005 PLCC");
  });
});
