// The Action in rerun mode, end to end: the committed bundle run as the GitHub runner runs it, in a
// real git checkout whose digests carry real Reproducer scripts (run by bash from a file).
import { afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseRerunResults } from "../../src/core/rerun/results.js";
import { GitFixture } from "../cli/git-fixture.js";
import { BUNDLE, runAction } from "./action-fixture.js";
import { losoDigest, TRAIN_SCRIPT } from "../fixtures/rerun/digest.js";

const repos: GitFixture[] = [];
afterEach(() => {
  while (repos.length) repos.pop()!.cleanup();
});

beforeAll(() => {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npm run build:action\``);
});

function digest(script: string): string {
  return losoDigest({ reproducer: script });
}

function checkout(files: Record<string, string>): GitFixture {
  const repo = new GitFixture();
  repos.push(repo);
  repo.write({ "scripts/train.js": TRAIN_SCRIPT, ...files }).commit("pinned");
  return repo;
}

function results(repo: GitFixture) {
  const parsed = parseRerunResults(readFileSync(join(repo.dir, "rerun-results/results.json"), "utf8"));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.results;
}

describe("rerun mode", () => {
  it("runs a digest's reproducer with bash (loops and pipes included) and records claimed and reproduced figures", () => {
    // Shell syntax that a real reproducer uses: a loop, a variable, a pipe, a comment.
    const script = ["# Train every fold, then print the table.", "for fold in a b; do echo \"fold $fold\" | tr a-z A-Z; done", "node scripts/train.js 0.9700 0.9420"].join("\n");
    const repo = checkout({ "docs/research/0042-tiny-v1-loso.md": digest(script) });
    const run = runAction({ workspace: repo.dir, inputs: { mode: "rerun", targets: "docs/research/0042-tiny-v1-loso.md" } });
    expect(run.stdout).toContain("FOLD A");
    expect(run.status).toBe(0);
    const out = results(repo);
    expect(out.sha).toBe(repo.git("rev-parse", "HEAD").trim());
    expect(out.targets).toHaveLength(1);
    expect(out.targets[0]).toMatchObject({
      target: "docs/research/0042-tiny-v1-loso.md",
      kind: "digest",
      exitCode: 0,
      claimed: { meanPlcc: 0.9557, folds: { BigBuckBunny: 0.9712, FoxBird: 0.9401 } },
      reproduced: { meanPlcc: 0.956, folds: { BigBuckBunny: 0.97, FoxBird: 0.942 } },
      reproducedFrom: "output",
      claimedFrom: "docs/research/0042-tiny-v1-loso.md:10",
    });
    expect(out.targets[0]!.command).toContain("node scripts/train.js 0.9700 0.9420");
    expect(run.outputs).toMatchObject({ reproduced: "true", conclusion: "success", "results-path": join(repo.dir, "rerun-results/results.json") });
    expect(run.stdout).not.toContain("title=rerun-mismatch");
    expect(run.summary).toContain("| `docs/research/0042-tiny-v1-loso.md` | ✅ reproduced | 0.9557 | 0.9560 |");
  });

  it("fails the step when the figures differ beyond the tolerance, and still writes results.json", () => {
    const repo = checkout({ "docs/research/0042-tiny-v1-loso.md": digest("node scripts/train.js 0.9300 0.9100") });
    const run = runAction({ workspace: repo.dir, inputs: { mode: "rerun", targets: "docs/research/0042-tiny-v1-loso.md" } });
    expect(run.status).toBe(1);
    expect(run.outputs.reproduced).toBe("false");
    expect(results(repo).targets[0]!.reproduced).toEqual({ meanPlcc: 0.92, folds: { BigBuckBunny: 0.93, FoxBird: 0.91 } });
    expect(run.summary).toContain("❌ differs");
    // The finding is annotated at the claimed table, after the reproducer's output (commands back on).
    const annotation = "::error file=docs/research/0042-tiny-v1-loso.md,line=10,col=1,title=rerun-mismatch::The re-run of `docs/research/0042-tiny-v1-loso.md` differs from its claim by up to 0.0412 PLCC, more than the tolerance 0.005";
    expect(run.stdout).toContain(`${annotation}\n`);
    expect(run.stdout.indexOf(annotation)).toBeGreaterThan(run.stdout.lastIndexOf("::stop-commands::"));
    expect(run.outputs.conclusion).toBe("failure");
  });

  it("passes the step with a warning when rerun-mismatch is configured as a warning", () => {
    const repo = checkout({
      "docs/research/0042-tiny-v1-loso.md": digest("node scripts/train.js 0.9300 0.9100"),
      ".github/research-governance.yml": "rules:\n  rerun-mismatch: warning\n",
    });
    const run = runAction({ workspace: repo.dir, inputs: { mode: "rerun", targets: "docs/research/0042-tiny-v1-loso.md" } });
    expect(run.status).toBe(0);
    expect(run.outputs).toMatchObject({ reproduced: "false", conclusion: "neutral" });
    expect(run.stdout).toMatch(/^::warning file=docs\/research\/0042-tiny-v1-loso\.md,line=10,col=1,title=rerun-mismatch::The re-run of /m);
  });

  it("refuses an invalid rerun-mismatch setting before running anything", () => {
    const repo = checkout({
      "docs/research/0042-tiny-v1-loso.md": digest("echo ran-anyway"),
      ".github/research-governance.yml": "rules:\n  rerun-mismatch:\n    options:\n      tolerance: 0.01\n",
    });
    const run = runAction({ workspace: repo.dir, inputs: { mode: "rerun", targets: "docs/research/0042-tiny-v1-loso.md" } });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("rules.rerun-mismatch.options");
    expect(run.stdout).not.toContain("ran-anyway");
  });

  it("reads the tagged per-fold and mean lines of the governed repository's LOSO scripts", () => {
    const script = [
      "echo '[loso-v3]   BigBuckBunny_25fps n= 900 PLCC=0.9710 SROCC=0.9601'",
      "echo '[loso-v3]   FoxBird_25fps n= 900 PLCC=0.9405 SROCC=0.9322'",
      "echo '[loso-v3]  mean PLCC=0.9558 ± 0.0215'",
    ].join("\n");
    const repo = checkout({ "docs/research/0042-tiny-v1-loso.md": digest(script) });
    const run = runAction({ workspace: repo.dir, inputs: { mode: "rerun", targets: "docs/research/0042-tiny-v1-loso.md" } });
    expect(run.status).toBe(0);
    expect(results(repo).targets[0]).toMatchObject({ reproducedFrom: "output", reproduced: { meanPlcc: 0.9558, folds: { BigBuckBunny: 0.971, FoxBird: 0.9405 } } });
    expect(run.outputs.conclusion).toBe("success");
  });

  it("runs a Python Reproducer block through python3", () => {
    const python = ["import sys", "print('| Fold | PLCC |')", "print('| --- | --- |')", "print('| BigBuckBunny | 0.9712 |')", "print('| FoxBird | 0.9401 |')", "print(f'python {sys.version_info.major}')"].join("\n");
    const text = losoDigest({ reproducer: null }) + ["## Reproducer", "", "```python", python, "```", ""].join("\n");
    const repo = checkout({ "docs/research/0042-tiny-v1-loso.md": text });
    const run = runAction({ workspace: repo.dir, inputs: { mode: "rerun", targets: "docs/research/0042-tiny-v1-loso.md" } });
    expect(run.stdout).toContain("python 3");
    expect(run.status).toBe(0);
    expect(results(repo).targets[0]).toMatchObject({ exitCode: 0, reproduced: { folds: { BigBuckBunny: 0.9712, FoxBird: 0.9401 } } });
  });

  it("takes figures from the sidecar a reproducer rewrites, for a model target", () => {
    const rewrite = "node -e \"require('fs').writeFileSync('model/tiny/tiny_v1.json', JSON.stringify({id: 'tiny_v1', training: {loso_folds: [{held_out: 'BigBuckBunny', plcc: 0.9711}, {held_out: 'FoxBird', plcc: 0.9399}]}}))\"";
    const repo = checkout({ "docs/research/0042-tiny-v1-loso.md": digest(rewrite), "model/tiny/tiny_v1.json": '{\n  "id": "tiny_v1"\n}\n' });
    const run = runAction({ workspace: repo.dir, inputs: { mode: "rerun", targets: "tiny_v1" } });
    expect(run.status).toBe(0);
    expect(results(repo).targets[0]).toMatchObject({ kind: "model", reproducedFrom: "model/tiny/tiny_v1.json", reproduced: { folds: { BigBuckBunny: 0.9711, FoxBird: 0.9399 } } });
  });

  it("stops a reproducer at the timeout with everything it started, and reports a failing command", () => {
    const repo = checkout({
      "docs/research/0042-tiny-v1-loso.md": digest("sleep 30 &\nsleep 30"),
      "docs/research/0043-fails.md": digest("node scripts/train.js 0.97 0.94\nfalse\necho unreachable").replace("0042", "0043"),
    });
    const started = Date.now();
    const run = runAction({ workspace: repo.dir, inputs: { mode: "rerun", targets: "docs/research/0042-tiny-v1-loso.md docs/research/0043-fails.md", "timeout-minutes": "0.02" } });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(run.status).toBe(1);
    const [slow, failing] = results(repo).targets;
    expect(slow).toMatchObject({ timedOut: true, exitCode: null, reproduced: null });
    expect(failing).toMatchObject({ exitCode: 1 });
    expect(failing!.logTail).not.toContain("unreachable");
    expect(run.stdout).toContain("exceeded its timeout");
    expect(run.stdout).toContain("::error file=docs/research/0042-tiny-v1-loso.md,line=10,col=1,title=rerun-mismatch::The re-run of `docs/research/0042-tiny-v1-loso.md` did not complete: the reproducer was stopped at the timeout after");
    expect(run.stdout).toContain("::error file=docs/research/0043-fails.md,line=10,col=1,title=rerun-mismatch::The re-run of `docs/research/0043-fails.md` did not complete: the reproducer exited with status 1\n");
  });

  it("records targets that cannot run, and gives a reproducer neither tokens, command files nor workflow commands", () => {
    const leak = [
      "node -e \"console.log('token=' + (process.env.INPUT_TOKEN || process.env.GITHUB_TOKEN || 'none'), 'env=' + (process.env.GITHUB_ENV || process.env.GITHUB_OUTPUT || 'none'))\"",
      "echo '::error::spoofed by the reproducer'",
      "node scripts/train.js 0.9712 0.9401",
    ].join("\n");
    const repo = checkout({ "docs/research/0042-tiny-v1-loso.md": digest(leak) });
    const run = runAction({ workspace: repo.dir, inputs: { mode: "rerun", token: "secret-token-value", targets: "docs/research/0042-tiny-v1-loso.md unknown_model_v9 docs/research/9999-missing.md" } });
    expect(run.stdout).toContain("token=none env=none");
    expect(run.stdout).not.toContain("secret-token-value");
    // Workflow commands are off while the reproducer's output streams, and back on after it.
    const stop = /::stop-commands::([0-9a-f]{32})\n/.exec(run.stdout);
    expect(stop).not.toBeNull();
    const spoofed = run.stdout.indexOf("::error::spoofed");
    expect(spoofed).toBeGreaterThan(stop!.index);
    expect(run.stdout.indexOf(`::${stop![1]}::`)).toBeGreaterThan(spoofed);
    const out = results(repo).targets;
    expect(out.map((t) => [t.target, t.error ?? "ran"])).toEqual([
      ["docs/research/0042-tiny-v1-loso.md", "ran"],
      ["unknown_model_v9", "`unknown_model_v9` is not the id of a model in the registry, a sidecar or a card"],
      ["docs/research/9999-missing.md", "`docs/research/9999-missing.md` is not a research digest of this repository (digests live in `docs/research`)"],
    ]);
    // Neither has a claim to point at: each is an error annotation without a place.
    expect(run.stdout).toContain("::error title=rerun-mismatch::research-governance: `unknown_model_v9` is not the id of a model in the registry, a sidecar or a card\n");
    expect(run.stdout).toContain("::error title=rerun-mismatch::research-governance: `docs/research/9999-missing.md` is not a research digest of this repository (digests live in `docs/research`)\n");
    expect(run.status).toBe(1);
  });

  it("refuses to start without targets", () => {
    const repo = checkout({});
    const run = runAction({ workspace: repo.dir, inputs: { mode: "rerun" } });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("::error::research-governance: mode `rerun` needs `targets`");
  });
});
