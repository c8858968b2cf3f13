// The Action in check mode, end to end: the committed bundle run by Node as the GitHub runner runs
// it, over real git repositories shaped like a pull request (main = base, feature = head).
import { afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import { existsSync, readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { BROKEN_SIDECAR, GitFixture, VALID_SIDECAR } from "../cli/git-fixture.js";
import { BUNDLE, VALID_ADR, runAction } from "./action-fixture.js";

const CONFIG = ".github/research-governance.yml";
const BROKEN = "model/tiny/broken.json";

const repos: GitFixture[] = [];
afterEach(() => {
  while (repos.length) repos.pop()!.cleanup();
});

/** A repository whose main branch holds `baseFiles`; HEAD is `feature`, branched from it. */
function pullRequest(baseFiles: Record<string, string>): { repo: GitFixture; baseSha: string } {
  const repo = new GitFixture();
  repos.push(repo);
  const baseSha = repo.write({ "docs/adr/0001-keep-decisions.md": VALID_ADR, "model/tiny/demo.json": VALID_SIDECAR, ...baseFiles }).commit("base");
  repo.git("checkout", "-q", "-b", "feature");
  return { repo, baseSha };
}

/** A work tree made the way actions/checkout makes one: one commit fetched by id, depth 1. */
function shallowCheckout(originDir: string, commit: string): GitFixture {
  const checkout = new GitFixture();
  repos.push(checkout);
  checkout.git("remote", "add", "origin", pathToFileURL(originDir).href);
  checkout.git("fetch", "-q", "--no-tags", "--depth=1", "origin", `+${commit}:refs/remotes/pull/1/merge`);
  checkout.git("checkout", "-q", "--detach", commit);
  return checkout;
}

beforeAll(() => {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npm run build:action\``);
});

describe("check mode on a pull request", () => {
  it("fails the step on a new error, with an annotation, a job summary and outputs", () => {
    const { repo, baseSha } = pullRequest({});
    repo.write({ [BROKEN]: BROKEN_SIDECAR }).commit("add a broken sidecar");

    const run = runAction({ workspace: repo.dir, baseSha, inputs: { mode: "check" } });

    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^::error file=model\/tiny\/broken\.json,line=1,col=\d+,title=document-parse::Invalid JSON/m);
    expect(run.summary).toContain("research-governance: fail");
    expect(run.summary).toContain(`\`${BROKEN}:1:`);
    expect(run.summary).toContain("document-parse");
    expect(run.outputs.verdict).toBe("fail");
    const annotations = run.stdout.split("\n").filter((line) => line.startsWith("::"));
    expect(run.outputs["new-findings"]).toBe(String(annotations.length));
    expect(Number(run.outputs.findings)).toBeGreaterThanOrEqual(annotations.length);
    const report = JSON.parse(readFileSync(run.outputs["report-path"]!, "utf8")) as { verdict: string; findings: Array<{ ruleId: string; file: string; new: boolean }>; stats: { base?: { commit: string } } };
    expect(report.verdict).toBe("fail");
    expect(report.stats.base?.commit).toBe(baseSha);
    expect(report.findings).toContainEqual(expect.objectContaining({ ruleId: "document-parse", file: BROKEN, new: true }));
  });

  it("counts the base's findings that the pull request resolves", () => {
    const { repo, baseSha } = pullRequest({ [BROKEN]: BROKEN_SIDECAR });
    repo.write({ [BROKEN]: `${JSON.stringify({ id: "fixed" })}\n` }).commit("fix the sidecar");
    const run = runAction({ workspace: repo.dir, baseSha, inputs: { mode: "check" } });
    expect(run.status).toBe(0);
    expect(run.outputs["resolved-findings"]).toBe("1");
    expect(run.summary).toMatch(/ · 1 resolved · /);
    expect(run.outputs["new-findings"]).toBe("0");
  });

  it("passes when the violation was already at the base: debt is counted, not annotated", () => {
    const { repo, baseSha } = pullRequest({ [BROKEN]: BROKEN_SIDECAR });
    repo.write({ "README.md": "An ungoverned change.\n" }).commit("touch the readme");

    const run = runAction({ workspace: repo.dir, baseSha, inputs: { mode: "check" } });

    expect(run.status).toBe(0);
    expect(run.stdout).not.toMatch(/^::/m);
    expect(run.stdout).toMatch(/research-governance: pass - no new findings, [1-9]\d* debt findings?/);
    expect(run.outputs.verdict).toBe("pass");
    expect(run.outputs["new-findings"]).toBe("0");
    expect(Number(run.outputs.findings)).toBeGreaterThanOrEqual(1);
    expect(run.summary).toContain("research-governance: pass");
    expect(run.summary).toMatch(/<summary>Debt: [1-9]\d* findings?/);
  });

  it("compares with the merge base, not with the tip of the base branch", () => {
    const { repo } = pullRequest({ [BROKEN]: BROKEN_SIDECAR });
    repo.write({ "README.md": "feature\n" }).commit("feature work");
    repo.git("checkout", "-q", "main");
    const tip = repo.remove(BROKEN).commit("main fixes the sidecar later");
    repo.git("checkout", "-q", "feature");

    const run = runAction({ workspace: repo.dir, baseSha: tip, inputs: { mode: "check" } });

    expect(run.status).toBe(0);
    expect(run.outputs.verdict).toBe("pass");
  });

  it("takes the base from the `base` input, overriding the event payload", () => {
    const { repo } = pullRequest({ [BROKEN]: BROKEN_SIDECAR });
    repo.write({ "README.md": "x\n" }).commit("touch");

    // The payload's base does not exist here: only the input's can have been used.
    const withInput = runAction({ workspace: repo.dir, baseSha: "f".repeat(40), inputs: { mode: "check", base: "main" } });
    expect(withInput.status).toBe(0);
    expect(withInput.outputs.verdict).toBe("pass");

    // Without a base (no pull request, no input) every finding is new.
    const withoutBase = runAction({ workspace: repo.dir, inputs: { mode: "check" } });
    expect(withoutBase.status).toBe(1);
    expect(withoutBase.outputs.verdict).toBe("fail");
  });

  it("judges the head by the base's configuration, so a pull request cannot weaken its gates", () => {
    const { repo, baseSha } = pullRequest({ [CONFIG]: "rules:\n  document-parse: error\n" });
    repo.write({ [CONFIG]: "rules:\n  document-parse: off\n", [BROKEN]: BROKEN_SIDECAR }).commit("weaken and break");

    const run = runAction({ workspace: repo.dir, baseSha, inputs: { mode: "check" } });

    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^::error file=model\/tiny\/broken\.json,line=1,/m);
    expect(run.outputs.verdict).toBe("fail");
  });
  it("uses the defaults, not a configuration the pull request adds, when the base has none", () => {
    const { repo, baseSha } = pullRequest({});
    repo.write({ [CONFIG]: "rules:\n  document-parse: off\n", [BROKEN]: BROKEN_SIDECAR }).commit("add a lenient configuration and break");

    const run = runAction({ workspace: repo.dir, baseSha, inputs: { mode: "check" } });

    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^::error file=model\/tiny\/broken\.json,line=1,/m);
  });

  it("reads the `config` input's file at the base commit too", () => {
    const { repo, baseSha } = pullRequest({ "ci/strict.yml": "rules:\n  document-parse: error\n" });
    repo.write({ "ci/strict.yml": "rules:\n  document-parse: off\n", [BROKEN]: BROKEN_SIDECAR }).commit("weaken and break");

    const run = runAction({ workspace: repo.dir, baseSha, inputs: { mode: "check", config: "./ci/strict.yml" } });

    expect(run.status).toBe(1);
    expect(run.outputs.verdict).toBe("fail");
  });

  it("reads the work tree's configuration when there is no base", () => {
    const repo = new GitFixture();
    repos.push(repo);
    repo.write({ [CONFIG]: "rules:\n  document-parse: warning\n", [BROKEN]: BROKEN_SIDECAR }).commit("only commit");

    const run = runAction({ workspace: repo.dir, inputs: { mode: "check" } });

    expect(run.stdout).toMatch(/^::warning file=model\/tiny\/broken\.json,line=1,/m);
    expect(run.outputs["new-findings"]).not.toBe("0");
  });
});

describe("check mode errors", () => {
  it("reports an invalid base configuration on its file and line, naming the key", () => {
    const { repo, baseSha } = pullRequest({ [CONFIG]: "rules:\n  document-parse: loud\n" });
    repo.write({ [CONFIG]: "rules:\n  document-parse: warning\n" }).commit("the head's fix does not count");

    const run = runAction({ workspace: repo.dir, baseSha, inputs: { mode: "check" } });

    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^::error file=\.github\/research-governance\.yml,line=2::research-governance configuration: key `rules\.document-parse`/m);
    expect(run.outputs).toEqual({});
  });

  it("reports an unknown rule in the `config` input's file", () => {
    const { repo, baseSha } = pullRequest({ "ci/strict.yml": "rules:\n  document-parse: error\n  no-such-rule: off\n" });
    repo.write({ [BROKEN]: BROKEN_SIDECAR }).commit("break");

    const run = runAction({ workspace: repo.dir, baseSha, inputs: { mode: "check", config: "ci/strict.yml" } });

    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^::error file=ci\/strict\.yml,line=3::research-governance configuration: unknown key `rules\.no-such-rule`/m);
  });

  it("names a `config` input that does not exist at the base commit", () => {
    const { repo, baseSha } = pullRequest({});
    repo.write({ "ci/new.yml": "rules: {}\n" }).commit("add a configuration");

    const run = runAction({ workspace: repo.dir, baseSha, inputs: { mode: "check", config: "ci/new.yml" } });

    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^::error::research-governance configuration: `ci\/new\.yml` does not exist at the base commit [0-9a-f]{12}/m);
  });

  it("explains a base commit missing from the checkout", () => {
    const { repo } = pullRequest({});
    repo.commit("head");

    const run = runAction({ workspace: repo.dir, baseSha: "0".repeat(40), inputs: { mode: "check" } });

    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^::error::research-governance: unknown git ref `0{40}`.*fetch-depth: 0/m);
    expect(run.outputs).toEqual({});
  });

  it("fetches the base and history into a shallow checkout, as actions/checkout leaves one by default", () => {
    // origin: main advances after feature branched off, so the merge base is not main's tip.
    const { repo: origin, baseSha: branchPoint } = pullRequest({});
    origin.write({ [BROKEN]: BROKEN_SIDECAR }).commit("feature: add a broken sidecar");
    for (let i = 0; i < 3; i++) origin.write({ [`docs/notes/${i}.md`]: `note ${i}\n` }).commit(`feature ${i}`);
    const featureTip = origin.git("rev-parse", "HEAD");
    origin.git("checkout", "-q", "main");
    const mainTip = origin.write({ "docs/notes/main.md": "later on main\n" }).commit("main moves on");

    const checkout = shallowCheckout(origin.dir, featureTip);
    expect(checkout.git("rev-parse", "--is-shallow-repository")).toBe("true");

    const run = runAction({ workspace: checkout.dir, baseSha: mainTip, inputs: { mode: "check" } });

    expect(run.stdout).toMatch(/^The checkout is shallow: fetched `[0-9a-f]{40}` and up to 10 more commits of history to find the merge base\.$/m);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^::error file=model\/tiny\/broken\.json,line=1,/m);
    const report = JSON.parse(readFileSync(run.outputs["report-path"]!, "utf8")) as { stats: { base?: { commit: string } } };
    expect(report.stats.base?.commit).toBe(branchPoint);
  });

  it("keeps the fetch-depth advice when a shallow checkout cannot fetch the base", () => {
    const { repo: origin } = pullRequest({});
    const head = origin.commit("head");
    const checkout = shallowCheckout(origin.dir, head);
    checkout.git("remote", "remove", "origin");

    const run = runAction({ workspace: checkout.dir, baseSha: "1".repeat(40), inputs: { mode: "check" } });

    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^::error::research-governance: unknown git ref `1{40}`.*fetch-depth: 0/m);
    expect(run.stdout).not.toContain("The checkout is shallow");
  });

  it("rejects an unknown mode", () => {
    const { repo } = pullRequest({});

    const run = runAction({ workspace: repo.dir, inputs: { mode: "lint" } });

    expect(run.status).toBe(1);
    expect(run.stdout).toContain("::error::research-governance: Unexpected input `mode: lint`, expected one of `check`, `rerun`");
  });
});
