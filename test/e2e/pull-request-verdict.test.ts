// End to end: the real Probot server on loopback receives signed webhooks, reads real git
// repositories over smart HTTP with its installation token, and publishes through real Octokit
// clients to a local stand-in of the GitHub REST API. Nothing is mocked inside the process.
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { COMMENT_MARKER } from "../../src/core/render/pull-request-verdict.js";
import type { TestRepository } from "./support/git-server.js";
import { OWNER, pullRequestEvent, pullRequestObject, repositoryObject, startHarness, INSTALLATION_ID, type Harness } from "./support/harness.js";

/** An ADR that follows the template except for a Date that is not ISO 8601 (line 4). */
const ADR_WITH_BAD_DATE = [
  "# ADR-0001: Keep evidence as files",
  "",
  "- **Status**: Accepted",
  "- **Date**: last Tuesday",
  "- **Deciders**: lab",
  "",
  "## Context",
  "",
  "Claims need evidence.",
  "",
  "## Decision",
  "",
  "Keep it in the repository.",
  "",
  "## Alternatives considered",
  "",
  "A wiki.",
  "",
  "## Consequences",
  "",
  "Reviewable history.",
  "",
  "## References",
  "",
  "None.",
  "",
].join("\n");

const BASE_FILES = {
  "README.md": "# Lab\n",
  "docs/adr/notes.md": "# Notes\n\nGoverned Markdown that no rule objects to.\n",
  "model/tiny/stub.json": `${JSON.stringify({ id: "stub", smoke: true, notes: "base" }, null, 2)}\n`,
};

let harness: Harness;
const measured: Array<{ scenario: string; requests: number; webhookToCompletedMs: number }> = [];

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.stop();
  if (measured.length) {
    const times = measured.map((m) => m.webhookToCompletedMs).sort((a, b) => a - b);
    const median = times[Math.floor((times.length - 1) / 2)]!;
    console.log(
      [
        "research-governance e2e measurements (pull_request events that published a verdict):",
        ...measured.map((m) => `  ${m.scenario}: ${m.requests} REST calls, webhook -> completed check ${m.webhookToCompletedMs.toFixed(0)} ms`),
        `  median webhook -> completed check: ${median.toFixed(0)} ms over ${times.length} events`,
      ].join("\n"),
    );
  }
});

interface OpenedPullRequest {
  repo: TestRepository;
  number: number;
  baseSha: string;
  headSha: string;
  cloneUrl: string;
}

let nextRepository = 1;

function createRepository(files: Record<string, string> = BASE_FILES): { repo: TestRepository; cloneUrl: string } {
  const repo = harness.git.createRepository(`repo-${nextRepository++}`, files);
  return { repo, cloneUrl: harness.git.cloneUrl(repo.name) };
}

/** Push a pull-request branch and make GitHub (the stand-in) know the pull request. */
function pushPullRequest(
  target: { repo: TestRepository; cloneUrl: string },
  number: number,
  changes: Record<string, string | null>,
  options: { draft?: boolean; labels?: string[] } = {},
): OpenedPullRequest {
  const headSha = target.repo.commit(`pr-${number}`, changes, `change for #${number}`);
  target.repo.setPullRef(number, headSha);
  const baseSha = target.repo.sha("main");
  const pull = { ...target, number, baseSha, headSha };
  harness.github.setPullRequest(OWNER, target.repo.name, pullRequestObject({ ...pull, ...options }));
  return pull;
}

/** Deliver one pull_request event, wait for its job, and record what it cost. */
async function deliverAndSettle(scenario: string, action: string, pull: OpenedPullRequest, options: { draft?: boolean; labels?: string[] } = {}) {
  const before = harness.reports.length;
  const requestIndex = harness.github.requests.length;
  const postedAt = Date.now();
  const response = await harness.deliver("pull_request", pullRequestEvent(action, { ...pull, ...options }));
  expect(response.status).toBe(200);
  const [report] = (await harness.waitForJobs(before + 1)).slice(before);
  const run = harness.github.checkRuns.filter((r) => r.head_sha === pull.headSha && r.status === "completed").at(-1);
  if (run?.completedAt) {
    measured.push({ scenario, requests: harness.github.requestsSince(requestIndex).length, webhookToCompletedMs: run.completedAt - postedAt });
  }
  return { report: report!, requests: harness.github.requestsSince(requestIndex), response };
}

function commentsOn(pull: OpenedPullRequest) {
  return harness.github.comments.filter((c) => c.issue === pull.number && c.body.includes(COMMENT_MARKER));
}

function labelsOn(pull: OpenedPullRequest): string[] {
  return [...(harness.github.labels.get(`${OWNER}/${pull.repo.name}#${pull.number}`) ?? [])].sort();
}

function latestCheckRun(pull: OpenedPullRequest) {
  const runs = harness.github.checkRuns.filter((r) => r.head_sha === pull.headSha && r.name === "research-governance");
  return runs.at(-1);
}

describe("pull request verdicts through the real Probot server", () => {
  it("fails a violation with an annotation, one comment and the synthetic-stub label, then passes the fix", async () => {
    const target = createRepository();
    const broken = pushPullRequest(target, 1, {
      "model/tiny/broken.json": "{ this is not json\n",
      "docs/adr/0001-keep-evidence-as-files.md": ADR_WITH_BAD_DATE,
      "model/tiny/stub.json": `${JSON.stringify({ id: "stub", smoke: true, notes: "retrained" }, null, 2)}\n`,
    });

    const first = await deliverAndSettle("opened with a violation", "opened", broken);
    expect(first.report.error).toBeUndefined();
    expect(first.report.outcome).toMatchObject({ status: "published", conclusion: "failure", comment: "created", labels: { added: ["synthetic-stub"], removed: [] } });

    const run = latestCheckRun(broken)!;
    expect(run).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(run.annotations).toContainEqual(
      expect.objectContaining({ path: "model/tiny/broken.json", start_line: 1, annotation_level: "failure", title: "document-parse" }),
    );
    // A finding deep in a document is annotated on its own line, not on the file.
    expect(run.annotations).toContainEqual(
      expect.objectContaining({ path: "docs/adr/0001-keep-evidence-as-files.md", start_line: 4, annotation_level: "failure", title: "adr-header" }),
    );
    expect(commentsOn(broken)).toHaveLength(1);
    expect(commentsOn(broken)[0]!.body).toContain("model/tiny/broken.json:1");
    expect(labelsOn(broken)).toEqual(["synthetic-stub"]);
    // Content came through git, not through the contents API.
    expect(first.requests.filter((r) => r.path.includes("/contents/") || r.path.includes("/git/blobs"))).toEqual([]);
    expect(first.requests.length).toBeLessThanOrEqual(8);

    const commentId = commentsOn(broken)[0]!.id;
    const fixedHead = target.repo.commit(
      "pr-1",
      {
        "model/tiny/broken.json": null,
        "model/tiny/stub.json": BASE_FILES["model/tiny/stub.json"],
        "docs/adr/notes.md": "# Notes\n\nEdited, still fine.\n",
        "docs/adr/0001-keep-evidence-as-files.md": ADR_WITH_BAD_DATE.replace("last Tuesday", "2026-11-17"),
      },
      "fix the sidecar",
    );
    target.repo.setPullRef(1, fixedHead);
    const fixed = { ...broken, headSha: fixedHead };
    const second = await deliverAndSettle("synchronize with the fix", "synchronize", fixed, { labels: ["synthetic-stub"] });

    expect(second.report.outcome).toMatchObject({ status: "published", conclusion: "success", comment: "updated", labels: { added: [], removed: ["synthetic-stub"] } });
    expect(latestCheckRun(fixed)).toMatchObject({ status: "completed", conclusion: "success" });
    expect(commentsOn(fixed).map((c) => c.id)).toEqual([commentId]);
    expect(commentsOn(fixed)[0]!.body).toContain("no new findings");
    expect(labelsOn(fixed)).toEqual([]);
  });

  it("keeps a label a reviewer applied, and removes only the labels the app applied", async () => {
    const target = createRepository();
    const pull = pushPullRequest(target, 13, { "docs/adr/notes.md": "# Notes\n\nA governed edit with no finding.\n" });
    // The reviewer knows the change rests on a non-commercial dataset the files do not name.
    harness.github.labelAsPerson(OWNER, target.repo.name, 13, "non-commercial", "reviewer");
    // And an earlier head of this pull request had the app add synthetic-stub.
    harness.github.labelAsApp(OWNER, target.repo.name, 13, "synthetic-stub");
    const { report } = await deliverAndSettle("synchronize with a reviewer's label", "synchronize", pull, { labels: ["non-commercial", "synthetic-stub"] });
    expect(report.outcome).toMatchObject({ status: "published", conclusion: "success", labels: { added: [], removed: ["synthetic-stub"], kept: ["non-commercial"] } });
    expect(labelsOn(pull)).toEqual(["non-commercial"]);
  });

  it("posts one comment when the same delivery arrives three times", async () => {
    const target = createRepository();
    const pull = pushPullRequest(target, 2, { "model/tiny/broken.json": "{ nope\n" });
    const event = pullRequestEvent("opened", pull);
    const before = harness.reports.length;
    const responses = await Promise.all([1, 2, 3].map(() => harness.deliver("pull_request", event, "same-delivery-id")));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    await harness.waitForJobs(before + 1);
    // Coalesced into the running job; a later straggler would find and keep the same comment.
    expect(commentsOn(pull)).toHaveLength(1);
    expect(harness.github.checkRuns.filter((r) => r.head_sha === pull.headSha)).toHaveLength(1);
    expect(latestCheckRun(pull)).toMatchObject({ conclusion: "failure" });
  });

  it("skips a draft until it is marked ready for review", async () => {
    const target = createRepository();
    const pull = pushPullRequest(target, 3, { "model/tiny/broken.json": "{ draft\n" }, { draft: true });
    const requestIndex = harness.github.requests.length;
    const reportsBefore = harness.reports.length;
    const response = await harness.deliver("pull_request", pullRequestEvent("opened", { ...pull, draft: true }));
    expect(response.status).toBe(200);
    // The handler decides before the delivery is answered: nothing was queued or posted.
    expect(harness.reports.length).toBe(reportsBefore);
    expect(harness.github.requestsSince(requestIndex)).toEqual([]);
    expect(commentsOn(pull)).toHaveLength(0);

    harness.github.setPullRequest(OWNER, target.repo.name, pullRequestObject({ ...pull, draft: false }));
    const ready = await deliverAndSettle("ready_for_review", "ready_for_review", pull, { draft: false });
    expect(ready.report.outcome).toMatchObject({ status: "published", conclusion: "failure" });
    expect(commentsOn(pull)).toHaveLength(1);
  });

  it("judges a configuration edit by the base configuration and previews the proposed one", async () => {
    const target = createRepository({ ...BASE_FILES, ".github/research-governance.yml": "rules:\n  document-parse: error\n" });
    const pull = pushPullRequest(target, 4, {
      ".github/research-governance.yml": "rules:\n  document-parse: off\n",
      "model/tiny/broken.json": "{ hidden by the proposed config\n",
    });
    const { report } = await deliverAndSettle("configuration edit", "opened", pull);
    expect(report.outcome).toMatchObject({ status: "published", conclusion: "failure" });
    const body = commentsOn(pull)[0]!.body;
    expect(body).toContain("### Configuration preview");
    expect(body).toMatch(/1 finding would disappear/);
    expect(body).toContain("model/tiny/broken.json:1");
    expect(latestCheckRun(pull)!.output.summary).toMatch(/would disappear/);
  });

  it("fails the check with the key named when the base configuration is invalid", async () => {
    const target = createRepository({ ...BASE_FILES, ".github/research-governance.yml": "pathz:\n  adrDir: docs/decisions\n" });
    const pull = pushPullRequest(target, 5, { "docs/adr/notes.md": "# Notes\n\nchanged\n" });
    const { report } = await deliverAndSettle("invalid base configuration", "opened", pull);
    expect(report.outcome).toMatchObject({ status: "published", conclusion: "failure" });
    const run = latestCheckRun(pull)!;
    expect(run.output.title).toMatch(/Invalid governance configuration/);
    expect(run.output.summary).toContain("pathz");
    expect(commentsOn(pull)[0]!.body).toContain("pathz");
  });

  it("retries a secondary rate limit on the comment and loses nothing", async () => {
    const target = createRepository();
    const pull = pushPullRequest(target, 6, { "model/tiny/broken.json": "{ rate limited\n" });
    harness.github.injectFault({
      method: "POST",
      path: new RegExp(`/repos/${OWNER}/${target.repo.name}/issues/6/comments$`),
      status: 403,
      headers: { "retry-after": "1" },
      body: { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again." },
    });
    const { report, requests } = await deliverAndSettle("secondary rate limit on the comment", "opened", pull);
    expect(report.error).toBeUndefined();
    expect(report.outcome).toMatchObject({ status: "published", comment: "created" });
    const commentPosts = requests.filter((r) => r.method === "POST" && r.path.endsWith("/issues/6/comments"));
    expect(commentPosts.map((r) => r.status)).toEqual([403, 201]);
    expect(commentPosts[1]!.at - commentPosts[0]!.at).toBeGreaterThanOrEqual(900);
    expect(commentsOn(pull)).toHaveLength(1);
  });

  it("reports neutral when nothing governed changed", async () => {
    const target = createRepository();
    const pull = pushPullRequest(target, 7, { "README.md": "# Lab\n\nOnly prose outside governed paths.\n" });
    const { report } = await deliverAndSettle("nothing governed", "opened", pull);
    expect(report.outcome).toMatchObject({ status: "published", conclusion: "neutral", comment: "not-created" });
    expect(commentsOn(pull)).toHaveLength(0);
    expect(latestCheckRun(pull)).toMatchObject({ conclusion: "neutral" });
    expect(latestCheckRun(pull)!.output.title).toBe("No governed files changed");
  });

  it("never edits a comment that carries the marker but was written by someone else", async () => {
    const target = createRepository();
    const pull = pushPullRequest(target, 8, { "model/tiny/broken.json": "{ impostor\n" });
    const impostor = harness.github.addForeignComment(8, `${COMMENT_MARKER}\nI am not the bot`);
    await deliverAndSettle("impostor marker", "opened", pull);
    expect(impostor.body).toBe(`${COMMENT_MARKER}\nI am not the bot`);
    const own = commentsOn(pull).filter((c) => c.user.type === "Bot");
    expect(own).toHaveLength(1);
  });

  it("reads a fork's head through refs/pull/N/head and re-runs on check_run rerequested, finding the pull request itself", async () => {
    const target = createRepository();
    const headSha = target.repo.commitFromFork(9, { "model/tiny/broken.json": "{ from a fork\n" }, "fork change");
    const pull: OpenedPullRequest = { ...target, number: 9, baseSha: target.repo.sha("main"), headSha };
    harness.github.setPullRequest(OWNER, target.repo.name, pullRequestObject({ ...pull, fromFork: true }));
    const before = harness.reports.length;
    const response = await harness.deliver("pull_request", pullRequestEvent("opened", { ...pull, fromFork: true }));
    expect(response.status).toBe(200);
    const [opened] = (await harness.waitForJobs(before + 1)).slice(before);
    expect(opened!.outcome).toMatchObject({ status: "published", conclusion: "failure" });

    // GitHub names no pull request in check events when the head branch lives in a fork.
    const rerun = await harness.deliver("check_run", {
      action: "rerequested",
      check_run: { name: "research-governance", head_sha: headSha, pull_requests: [] },
      repository: repositoryObject(target.repo, target.cloneUrl),
      installation: { id: INSTALLATION_ID },
    });
    expect(rerun.status).toBe(200);
    const [again] = (await harness.waitForJobs(before + 2)).slice(before + 1);
    expect(again!.outcome).toMatchObject({ status: "published", conclusion: "failure", comment: "unchanged" });
    expect(harness.github.checkRuns.filter((r) => r.head_sha === headSha)).toHaveLength(2);
    expect(harness.github.requests.some((r) => r.method === "GET" && /\/pulls$/.test(r.path))).toBe(true);
  });
  it("reports on a merge-queue group's head, judged against its base, with no comment or label", async () => {
    const target = createRepository();
    const baseSha = target.repo.sha("main");
    const deliverGroup = async (number: number, changes: Record<string, string | null>) => {
      const headRef = `refs/heads/gh-readonly-queue/main/pr-${number}-${baseSha}`;
      const headSha = target.repo.commit(headRef.slice("refs/heads/".length), changes, `Merge pull request #${number}`);
      const before = harness.reports.length;
      const response = await harness.deliver("merge_group", {
        action: "checks_requested",
        merge_group: { head_sha: headSha, head_ref: headRef, base_sha: baseSha, base_ref: "refs/heads/main", head_commit: { id: headSha, message: `Merge pull request #${number}` } },
        repository: repositoryObject(target.repo, target.cloneUrl),
        installation: { id: INSTALLATION_ID },
      });
      expect(response.status).toBe(200);
      const [report] = (await harness.waitForJobs(before + 1)).slice(before);
      return { report: report!, headSha };
    };

    // The queued change adds a broken sidecar next to the base's synthetic stub (debt-free base).
    const failing = await deliverGroup(11, { "model/tiny/broken.json": "{ queued\n" });
    expect(failing.report.outcome).toMatchObject({ status: "published", conclusion: "failure", comment: "not-created" });
    const failedRun = harness.github.checkRuns.filter((r) => r.head_sha === failing.headSha);
    expect(failedRun.map((r) => [r.name, r.status, r.conclusion])).toEqual([["research-governance", "completed", "failure"]]);
    expect(failedRun[0]!.annotations.map((a) => a.path)).toEqual(["model/tiny/broken.json"]);

    expect(failedRun[0]!.external_id).toBe(`merge-group-base:${baseSha}`);
    // "Re-run" on the group's check: GitHub names no pull request but sends the external id back.
    const before = harness.reports.length;
    const rerun = await harness.deliver("check_run", {
      action: "rerequested",
      check_run: {
        name: "research-governance",
        head_sha: failing.headSha,
        external_id: failedRun[0]!.external_id,
        pull_requests: [],
        check_suite: { head_branch: `gh-readonly-queue/main/pr-11-${baseSha}` },
      },
      repository: repositoryObject(target.repo, target.cloneUrl),
      installation: { id: INSTALLATION_ID },
    });
    expect(rerun.status).toBe(200);
    const [again] = (await harness.waitForJobs(before + 1)).slice(before);
    expect(again!.outcome).toMatchObject({ status: "published", conclusion: "failure", comment: "not-created" });
    expect(harness.github.checkRuns.filter((r) => r.head_sha === failing.headSha).map((r) => r.conclusion)).toEqual(["failure", "failure"]);

    const passing = await deliverGroup(12, { "docs/adr/notes.md": "# Notes\n\nStill governed, still fine.\n" });
    expect(passing.report.outcome).toMatchObject({ status: "published", conclusion: "success" });
    expect(harness.github.comments.filter((c) => c.body.includes(COMMENT_MARKER) && [11, 12].includes(c.issue))).toEqual([]);
    expect([...harness.github.labels.keys()].filter((key) => key.startsWith(`${OWNER}/${target.repo.name}#`))).toEqual([]);
  });
});
