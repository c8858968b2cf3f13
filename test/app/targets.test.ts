import { describe, expect, it } from "@jest/globals";
import { targetsFromPullRequest, targetsFromPullRequestEdit } from "../../src/app/targets.js";

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
