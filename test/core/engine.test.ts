import { describe, expect, it } from "@jest/globals";
import { runGovernance } from "../../src/core/engine.js";
import { defaultConfig, parseConfig, ConfigurationError } from "../../src/core/config.js";
import { MemoryDocumentCache } from "../../src/core/model/repository.js";
import { MemorySnapshot } from "../../src/core/types.js";
import { classifyAgainst, classifyFindings, findingFingerprint, verdictOf } from "../../src/core/diff.js";
import { documentParse } from "../../src/core/rules/document-parse.js";

describe("runGovernance", () => {
  const files = {
    "model/tiny/broken.json": "{ not json",
    "docs/adr/0001-first.md": "# ADR-0001: First\n",
    "src/other.ts": "ignored",
  };

  it("reports an unreadable sidecar as a document-parse finding, not a crash", () => {
    const run = runGovernance(new MemorySnapshot(files), { config: defaultConfig(), rules: [documentParse] });
    const parse = run.findings.filter((f) => f.ruleId === "document-parse");
    expect(parse).toHaveLength(1);
    expect(parse[0]).toMatchObject({ file: "model/tiny/broken.json", severity: "error", line: 1 });
    expect(parse[0]!.docsUrl).toMatch(/\/document-parse\.md$/);
    expect(run.model.governed.map((g) => g.kind).sort()).toEqual(["adr", "sidecar"]);
  });

  it("reuses cached extractions on the second run", () => {
    const cache = new MemoryDocumentCache();
    const first = runGovernance(new MemorySnapshot(files), { config: defaultConfig(), cache });
    const second = runGovernance(new MemorySnapshot(files), { config: defaultConfig(), cache });
    expect(first.findings.length).toBeGreaterThan(0);
    expect(first.stats.parsedFiles).toBe(2);
    expect(second.stats.parsedFiles).toBe(0);
    expect(second.stats.cachedFiles).toBe(2);
    expect(second.findings).toEqual(first.findings);
  });

  it("reuses a whole run only while every file it read is unchanged", () => {
    const cache = new MemoryDocumentCache();
    const config = defaultConfig();
    const first = runGovernance(new MemorySnapshot(files), { config, cache });
    // A file the run never reads does not matter, as long as the list of paths is the same.
    const reused = runGovernance(new MemorySnapshot({ ...files, "src/other.ts": "changed" }), { config, cache });
    expect(reused.findings).toEqual(first.findings);
    expect(reused.stats).toEqual({ ...first.stats, parsedFiles: 0, cachedFiles: 2 });
    expect(reused.model.governed).toEqual(first.model.governed);
    // A governed file that changed is read again, and the earlier run stays available for its state.
    const fixed = { ...files, "model/tiny/broken.json": "{}" };
    const changed = runGovernance(new MemorySnapshot(fixed), { config, cache });
    expect(changed.stats.parsedFiles).toBe(1);
    expect(changed.findings.some((f) => f.ruleId === "document-parse")).toBe(false);
    const back = runGovernance(new MemorySnapshot(files), { config, cache });
    expect(back.stats.parsedFiles).toBe(0);
    expect(back.findings).toEqual(first.findings);
    // Other settings are another run.
    const rules = [documentParse];
    expect(runGovernance(new MemorySnapshot(files), { config, cache, rules }).findings.every((f) => f.ruleId === "document-parse")).toBe(true);
  });

  it("gives a reused run's fingerprints without decoding its findings", () => {
    const cache = new MemoryDocumentCache();
    const config = defaultConfig();
    const first = runGovernance(new MemorySnapshot(files), { config, cache });
    let findingsRead = 0;
    const counting = {
      get: (key: string) => (key.startsWith("run-findings:") && findingsRead++, cache.get(key)),
      set: (key: string, value: unknown) => cache.set(key, value),
      has: (key: string) => cache.has(key),
      touch: () => {}, // without touch the engine refreshes entries by reading them
    };
    const reused = runGovernance(new MemorySnapshot(files), { config, cache: counting });
    expect(reused.fingerprints).toEqual(first.findings.map(findingFingerprint));
    expect(findingsRead).toBe(0);
    expect(reused.stats.findingsBySeverity).toEqual(first.stats.findingsBySeverity);
    expect(reused.findings).toEqual(first.findings);
    expect(findingsRead).toBe(1);
    expect(classifyAgainst(first.findings, reused.fingerprints).every((f) => !f.new)).toBe(true);
  });

  it("recomputes a run whose remembered findings were evicted", () => {
    const cache = new MemoryDocumentCache();
    const config = defaultConfig();
    const first = runGovernance(new MemorySnapshot(files), { config, cache });
    const evicting = {
      get: (key: string) => (key.startsWith("run-findings:") ? undefined : cache.get(key)),
      set: (key: string, value: unknown) => cache.set(key, value),
    };
    const again = runGovernance(new MemorySnapshot(files), { config, cache: evicting });
    expect(again.findings).toEqual(first.findings);
    expect(again.stats.cachedFiles).toBe(2); // extractions reused, rules run again
  });

  it("re-checks an unchanged file's ADR references when the ADR files change", () => {
    const cache = new MemoryDocumentCache();
    const config = defaultConfig();
    const citing = {
      "docs/research/0001-digest.md": "# Research-0001: Digest\n\nSee ADR-0002 and [the first](../adr/0001-old-name.md).\n",
      "docs/adr/0001-first.md": "# ADR-0001: First\n",
    };
    const rulesOf = (run: ReturnType<typeof runGovernance>) =>
      run.findings.filter((f) => f.file === "docs/research/0001-digest.md" && f.ruleId.startsWith("adr-")).map((f) => f.ruleId).sort();
    expect(rulesOf(runGovernance(new MemorySnapshot(citing), { config, cache }))).toEqual(["adr-link-slug", "adr-reference-exists"]);
    // The digest is byte-for-byte the same; only the ADR directory changed.
    const fixed = { ...citing, "docs/adr/0002-second.md": "# ADR-0002: Second\n", "docs/adr/0001-old-name.md": "# ADR-0001: First\n" };
    delete (fixed as Record<string, string>)["docs/adr/0001-first.md"];
    expect(rulesOf(runGovernance(new MemorySnapshot(fixed), { config, cache }))).toEqual([]);
    expect(rulesOf(runGovernance(new MemorySnapshot(citing), { config, cache }))).toEqual(["adr-link-slug", "adr-reference-exists"]);
  });

  it("honours severity overrides and off", () => {
    const rules = [documentParse];
    const off = runGovernance(new MemorySnapshot(files), { config: parseConfig("rules:\n  document-parse: off\n"), rules });
    expect(off.findings).toHaveLength(0);
    const warn = runGovernance(new MemorySnapshot(files), { config: parseConfig("rules:\n  document-parse: warning\n"), rules });
    expect(warn.findings[0]!.severity).toBe("warning");
  });

  it("rejects configuration for a rule that does not exist", () => {
    expect(() => runGovernance(new MemorySnapshot(files), { config: parseConfig("rules:\n  no-such-rule: off\n") })).toThrow(
      /unknown key `rules.no-such-rule`/,
    );
    expect(() => runGovernance(new MemorySnapshot(files), { config: parseConfig("rules:\n  no-such-rule: off\n") })).toThrow(ConfigurationError);
  });
});

describe("classifyFindings", () => {
  const finding = (message: string, line: number) => ({
    ruleId: "r", severity: "error" as const, message, file: "a.md", line, column: 1, docsUrl: "u",
  });

  it("matches base findings by rule, file and message, as a multiset", () => {
    const base = [finding("x", 3)];
    const head = [finding("x", 9), finding("x", 12), finding("y", 1)];
    const classified = classifyFindings(head, base);
    expect(classified.map((f) => f.new)).toEqual([false, true, true]);
    expect(verdictOf(classified)).toBe("fail");
    expect(verdictOf(classifyFindings([finding("x", 1)], base))).toBe("pass");
  });

  it("ignores the line numbers a message cites, not the files", () => {
    const cited = (where: string) => finding(`Unexpected licence \`research-only\`, expected \`CC BY 4.0\` as stated in \`${where}\``, 3);
    const base = [cited("docs/ai/training.md:30")];
    expect(classifyFindings([cited("docs/ai/training.md:31")], base).map((f) => f.new)).toEqual([false]);
    expect(classifyFindings([cited("docs/ai/models/v2.md:68:3")], base).map((f) => f.new)).toEqual([true]);
    // Figures and versions are not positions.
    expect(findingFingerprint(finding("mean `0.9415` < `0.95`, ENCODER_VOCAB v3:16", 1))).toContain("0.9415` < `0.95`, ENCODER_VOCAB v3:16");
  });
});
