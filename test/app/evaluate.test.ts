import { describe, expect, it } from "@jest/globals";
import { evaluatePullRequest } from "../../src/app/evaluate.js";
import { MemorySnapshot } from "../../src/core/types.js";

const base = { "docs/adr/notes.md": "# Notes\n", "model/tiny/old.json": "{ already broken\n" };

function evaluate(head: Record<string, string>, changedPaths: string[], configs: { base?: string; head?: string } = {}) {
  return evaluatePullRequest({
    head: new MemorySnapshot(head),
    mergeBase: new MemorySnapshot(base),
    headSha: "h".repeat(40),
    mergeBaseSha: "b".repeat(40),
    baseConfigText: configs.base,
    headConfigText: configs.head,
    changedPaths,
  });
}

describe("evaluatePullRequest", () => {
  it("fails on a new error and keeps the existing one as debt", () => {
    const { verdict } = evaluate({ ...base, "model/tiny/new.json": "{ broken too\n" }, ["model/tiny/new.json"]);
    expect(verdict.outcome).toBe("fail");
    expect(verdict.findings.map((f) => [f.file, f.new])).toEqual([
      ["model/tiny/new.json", true],
      ["model/tiny/old.json", false],
    ]);
  });

  it("lists the merge base's findings that the pull request resolves", () => {
    const { verdict } = evaluate({ ...base, "model/tiny/old.json": '{"id": "old"}\n' }, ["model/tiny/old.json"]);
    expect(verdict.outcome).toBe("pass");
    expect(verdict.findings).toEqual([]);
    expect(verdict.resolved?.map((f) => [f.ruleId, f.file])).toEqual([["document-parse", "model/tiny/old.json"]]);
  });

  it("keeps the debt of a file the pull request renames", () => {
    const { "model/tiny/old.json": broken, ...rest } = base;
    const { verdict } = evaluate({ ...rest, "model/tiny/renamed.json": broken }, ["model/tiny/old.json", "model/tiny/renamed.json"]);
    expect(verdict.outcome).toBe("pass");
    expect(verdict.findings.map((f) => [f.file, f.new])).toEqual([["model/tiny/renamed.json", false]]);
  });

  it("is neutral when no changed path is governed", () => {
    const { verdict, labels } = evaluate({ ...base, "src/train.py": "print()\n" }, ["src/train.py"]);
    expect(verdict.outcome).toBe("neutral");
    expect(labels).toEqual({ syntheticStub: false, nonCommercial: false });
  });

  it("uses the base configuration and previews the head's", () => {
    const { verdict } = evaluate(
      { ...base, "model/tiny/new.json": "{ broken\n" },
      [".github/research-governance.yml", "model/tiny/new.json"],
      { base: "rules:\n  document-parse: error\n", head: "rules:\n  document-parse: off\n" },
    );
    expect(verdict.outcome).toBe("fail");
    expect(verdict.configPreview?.disappeared.map((f) => f.file)).toEqual(["model/tiny/new.json", "model/tiny/old.json"]);
    expect(verdict.configPreview?.appeared).toEqual([]);
  });

  it("reports an invalid proposed configuration in the preview, not in the verdict", () => {
    const { verdict } = evaluate(base, [".github/research-governance.yml"], { head: "rules:\n  no-such-rule: off\n" });
    expect(verdict.outcome).toBe("pass");
    expect(verdict.configPreview?.error).toMatch(/rules\.no-such-rule/);
  });

  it("fails with the key named when the base configuration is invalid", () => {
    const { verdict } = evaluate(base, ["docs/adr/notes.md"], { base: "pathz: {}\n" });
    expect(verdict.outcome).toBe("config-error");
    expect(verdict.configurationError).toMatch(/pathz/);
  });

  it("flags a touched synthetic artefact for the synthetic-stub label", () => {
    const { labels } = evaluate({ ...base, "model/tiny/stub.json": '{"id": "stub", "smoke": true}\n' }, ["model/tiny/stub.json"]);
    expect(labels.syntheticStub).toBe(true);
  });

  it("keeps the synthetic-stub label on a pull request that relabels a stub as real", () => {
    const stubCard = "# m\n\n> **Warning — synthetic-stub model.** Trained on a synthetic corpus.\n\n- **Corpus kind**: `synthetic-stub-N=100`\n";
    const realCard = "# m\n\n- **Corpus kind**: `real-N=2400`\n";
    const run = (baseCard: string, headCard: string) =>
      evaluatePullRequest({
        head: new MemorySnapshot({ "model/m_card.md": headCard }),
        mergeBase: new MemorySnapshot({ "model/m_card.md": baseCard }),
        headSha: "h".repeat(40),
        mergeBaseSha: "b".repeat(40),
        baseConfigText: undefined,
        headConfigText: undefined,
        changedPaths: ["model/m_card.md"],
      }).labels;
    expect(run(stubCard, realCard).syntheticStub).toBe(true);
    expect(run(realCard, realCard.replace("2400", "2500")).syntheticStub).toBe(false);
  });
});
