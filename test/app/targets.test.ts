import { describe, expect, it } from "@jest/globals";
import {
  targetsFromCheckRun,
  targetsFromCheckSuite,
  targetsFromLookup,
  targetsFromMergeGroup,
  targetsFromPullRequest,
  targetsFromPullRequestEdit,
} from "../../src/app/targets.js";

const payload = (overrides: { draft?: boolean; state?: string; changes?: Record<string, unknown> } = {}) => ({
  installation: { id: 7 },
  repository: { id: 1, name: "models", clone_url: "https://git.invalid/lab/models.git", owner: { login: "lab" } },
  pull_request: {
    number: 12,
    state: overrides.state ?? "open",
    draft: overrides.draft ?? false,
    head: { sha: "a".repeat(40), repo: { full_name: "lab/models" } },
    base: { sha: "b".repeat(40), repo: { full_name: "lab/models" } },
    labels: [],
  },
  ...(overrides.changes === undefined ? {} : { changes: overrides.changes }),
});

describe("targetsFromPullRequest", () => {
  it("targets an open, ready pull request at its head", () => {
    const decision = targetsFromPullRequest(payload(), "pull_request.opened");
    expect(decision).toMatchObject({ targets: [{ installationId: 7, owner: "lab", repo: "models", pullNumber: 12, headSha: "a".repeat(40) }] });
  });

  it.each([
    [{ draft: true }, /draft/],
    [{ state: "closed" }, /not open/],
  ])("skips %j", (overrides, reason) => {
    const decision = targetsFromPullRequest(payload(overrides), "pull_request.synchronize");
    expect("skip" in decision && decision.skip).toMatch(reason);
  });
});

describe("targetsFromPullRequestEdit", () => {
  it("re-checks a pull request whose base branch changed", () => {
    const decision = targetsFromPullRequestEdit(payload({ changes: { base: { ref: { from: "main" } } } }), "pull_request.edited");
    expect(decision).toMatchObject({ targets: [{ pullNumber: 12, trigger: "pull_request.edited", pull: { baseSha: "b".repeat(40) } }] });
  });

  it("ignores title and body edits", () => {
    expect(targetsFromPullRequestEdit(payload({ changes: { title: { from: "old" } } }), "pull_request.edited")).toEqual({
      skip: "edit does not change the base branch",
    });
  });
});

describe("check events", () => {
  const head = "c".repeat(40);
  const repository = { id: 1, name: "models", clone_url: "https://git.invalid/lab/models.git", owner: { login: "lab" } };
  const linked = [{ number: 12, head: { sha: head }, base: { repo: { id: 1 } } }];
  const checkRun = (pulls: typeof linked, name = "research-governance") => ({ installation: { id: 7 }, repository, check_run: { name, head_sha: head, pull_requests: pulls } });

  it("targets the pull requests a re-run names", () => {
    expect(targetsFromCheckRun(checkRun(linked), "check_run.rerequested")).toMatchObject({ targets: [{ pullNumber: 12, headSha: head, trigger: "check_run.rerequested" }] });
  });

  it("looks up the pull requests of a re-run that names none, as GitHub sends for a fork's head", () => {
    const decision = targetsFromCheckRun(checkRun([]), "check_run.rerequested");
    expect(decision).toEqual({
      lookup: { installationId: 7, owner: "lab", repo: "models", cloneUrl: repository.clone_url, htmlUrl: undefined, repositoryId: 1, headSha: head, trigger: "check_run.rerequested" },
    });
    if (!("lookup" in decision)) throw new Error("expected a lookup");
    const foreign = { number: 3, head: { sha: head }, base: { repo: { id: 99 } } };
    const moved = { number: 4, head: { sha: "d".repeat(40) }, base: { repo: { id: 1 } } };
    expect(targetsFromLookup(decision.lookup, [foreign, moved, { number: 9, head: { sha: head }, base: { repo: { id: 1 } } }])).toMatchObject({ targets: [{ pullNumber: 9, headSha: head }] });
    expect(targetsFromLookup(decision.lookup, [foreign, moved])).toEqual({ skip: "no open pull request for this head" });
  });

  it("does not look up a push's check suite, which the pull_request events already cover", () => {
    const suite = { installation: { id: 7 }, repository, check_suite: { head_sha: head, pull_requests: [] } };
    expect(targetsFromCheckSuite(suite, "check_suite.requested")).toEqual({ skip: "no open pull request for this head" });
    expect(targetsFromCheckSuite(suite, "check_suite.rerequested")).toHaveProperty("lookup");
    expect(targetsFromCheckRun(checkRun([], "other-ci"), "check_run.rerequested")).toEqual({ skip: "check run other-ci is not ours" });
  });
});

describe("targetsFromMergeGroup", () => {
  const group = { head_sha: "c".repeat(40), head_ref: "refs/heads/gh-readonly-queue/main/pr-12-" + "b".repeat(40), base_sha: "b".repeat(40), base_ref: "refs/heads/main" };
  const { repository } = payload();

  it("targets the group's head with its base", () => {
    expect(targetsFromMergeGroup({ installation: { id: 7 }, repository, merge_group: group }, "merge_group.checks_requested")).toEqual({
      mergeGroup: {
        installationId: 7,
        owner: "lab",
        repo: "models",
        cloneUrl: "https://git.invalid/lab/models.git",
        htmlUrl: undefined,
        headSha: group.head_sha,
        headRef: group.head_ref,
        baseSha: group.base_sha,
        trigger: "merge_group.checks_requested",
      },
    });
  });

  it("skips a payload without an installation", () => {
    expect(targetsFromMergeGroup({ repository, merge_group: group }, "merge_group.checks_requested")).toEqual({ skip: "no installation in payload" });
  });
});

describe("targetsFromCheckRun for a merge-queue group", () => {
  const { repository } = payload();
  const head = "c".repeat(40);
  const base = "b".repeat(40);

  it("re-runs the group with the base its check run recorded", () => {
    const decision = targetsFromCheckRun(
      {
        installation: { id: 7 },
        repository,
        check_run: {
          name: "research-governance",
          head_sha: head,
          pull_requests: [],
          external_id: `merge-group-base:${base}`,
          check_suite: { head_branch: `gh-readonly-queue/main/pr-12-${base}` },
        },
      },
      "check_run.rerequested",
    );
    expect(decision).toMatchObject({ mergeGroup: { headSha: head, baseSha: base, headRef: `refs/heads/gh-readonly-queue/main/pr-12-${base}`, trigger: "check_run.rerequested" } });
  });

  it("looks a head up as before when the check run carries no group base", () => {
    const decision = targetsFromCheckRun(
      { installation: { id: 7 }, repository, check_run: { name: "research-governance", head_sha: head, pull_requests: [], external_id: null } },
      "check_run.rerequested",
    );
    expect(decision).toHaveProperty("lookup");
  });
});
