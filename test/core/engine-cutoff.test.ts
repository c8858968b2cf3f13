// The engine's early cut-off (ADR-0018): a run whose changed files are only extracted, with the
// same extractions, reuses the remembered findings without running a rule. Every test compares
// with a run that caches nothing, which is the truth the cut-off must never depart from.
import { describe, expect, it } from "@jest/globals";
import { z } from "zod";
import { defaultConfig } from "../../src/core/config.js";
import { runGovernance } from "../../src/core/engine.js";
import { MemoryDocumentCache } from "../../src/core/model/repository.js";
import { digestHeader } from "../../src/core/rules/digest-header.js";
import { defineRule, type AnyRule } from "../../src/core/rules/rule.js";
import { MemorySnapshot } from "../../src/core/types.js";

const config = defaultConfig();
const DIGEST = "docs/research/0001-tiny-loso.md";
const OTHER = "docs/research/0002-other.md";
const NOTES = "docs/notes.md";

const files = {
  [DIGEST]: "# Research-0001: tiny\n\n- **Date**: 2026-01-01\n\n## Results\n\nText.\n",
  [OTHER]: "# Research-0002: other\n\n## Results\n\nMore text.\n",
  [NOTES]: "Notes outside the governed folders.\n",
};

/** A rule that counts its runs and reports what it finds in the digests' extractions. */
function countingRule(counter: { runs: number }): AnyRule {
  return defineRule({
    id: "digest-titles",
    defaultSeverity: "warning",
    description: "Reports every digest title.",
    messages: { title: "Title `{title}`" },
    options: z.object({}).strict(),
    check({ model, report }) {
      counter.runs++;
      for (const digest of model.digests) if (digest.title) report({ messageId: "title", data: { title: digest.title.value }, file: digest.path, line: digest.title.line });
    },
  }) as AnyRule;
}

/** A rule whose finding depends on a file's text, read through a per-file memo or a memo. */
function textRule(path: string, how: "memoFile" | "memo"): AnyRule {
  return defineRule({
    id: "text-lines",
    defaultSeverity: "notice",
    description: "Reports how many lines a file has.",
    messages: { lines: "{count} lines" },
    options: z.object({}).strict(),
    check({ model, report, memo, memoFile }) {
      const count = () => (model.snapshot.read(path) ?? "").split("\n").length;
      const lines = how === "memoFile" ? memoFile(path, count) : memo(`lines:${model.snapshot.hash(path)}`, count);
      report({ messageId: "lines", data: { count: lines }, file: path, line: 1 });
    },
  }) as AnyRule;
}

function truth(snapshotFiles: Record<string, string>, rules: readonly AnyRule[]) {
  return runGovernance(new MemorySnapshot(snapshotFiles), { config, rules }).findings;
}

describe("runGovernance: early cut-off", () => {
  it("reuses the findings when the changed files extract the same, and runs no rule", () => {
    const counter = { runs: 0 };
    const rules = [countingRule(counter), digestHeader as AnyRule];
    const cache = new MemoryDocumentCache();
    const first = runGovernance(new MemorySnapshot(files), { config, cache, rules });
    expect(counter.runs).toBe(1);

    const edited = { ...files, [DIGEST]: `${files[DIGEST]}\nOne more line of prose.\n` };
    const second = runGovernance(new MemorySnapshot(edited), { config, cache, rules });
    expect(second.findings).toEqual(truth(edited, rules));
    expect(second.findings).toEqual(first.findings);
    expect(counter.runs).toBe(2); // the truth above ran it once; the cached run did not
    expect(second.stats).toMatchObject({ parsedFiles: 1, cachedFiles: first.stats.parsedFiles - 1 });

    // The new contents are remembered: the same tree again is a plain reuse, parsing nothing.
    const third = runGovernance(new MemorySnapshot(edited), { config, cache, rules });
    expect(third.findings).toEqual(first.findings);
    expect(third.stats.parsedFiles).toBe(0);
    expect(counter.runs).toBe(2);
  });

  it("runs the rules when a changed file extracts differently", () => {
    const counter = { runs: 0 };
    const rules = [countingRule(counter), digestHeader as AnyRule];
    const cache = new MemoryDocumentCache();
    runGovernance(new MemorySnapshot(files), { config, cache, rules });
    const retitled = { ...files, [DIGEST]: files[DIGEST].replace("tiny", "tiny, revised") };
    const second = runGovernance(new MemorySnapshot(retitled), { config, cache, rules });
    expect(counter.runs).toBe(2);
    // Parsed once, for the comparison, and counted as parsed though the model found it cached.
    expect(second.stats).toMatchObject({ parsedFiles: 1, cachedFiles: second.stats.governedFiles - 1 });
    expect(second.findings).toEqual(truth(retitled, rules));
    expect(second.findings.map((f) => f.message)).toContain("Title `Research-0001: tiny, revised`");
  });

  it("runs the rules when a file a rule read changed, also when a memo had kept its value", () => {
    for (const how of ["memoFile", "memo"] as const) {
      const rules = [textRule(DIGEST, how)];
      const cache = new MemoryDocumentCache();
      runGovernance(new MemorySnapshot(files), { config, cache, rules });
      // Another governed file changes its extraction: a full run, in which the memo is reused and
      // so reads nothing; it must still remember that its value came from the digest's text.
      const second = { ...files, [OTHER]: files[OTHER].replace("other", "renamed") };
      expect(runGovernance(new MemorySnapshot(second), { config, cache, rules }).findings).toEqual(truth(second, rules));
      // Prose added to the digest leaves its extraction as it was, but not its line count.
      const third = { ...second, [DIGEST]: `${second[DIGEST]}\nOne more line.\n` };
      const findings = runGovernance(new MemorySnapshot(third), { config, cache, rules }).findings;
      expect({ how, findings }).toEqual({ how, findings: truth(third, rules) });
      expect(findings[0]!.message).toBe("10 lines");
    }
  });

  it("reuses the findings when a file that a rule only keyed a memo by changed", () => {
    const counter = { runs: 0 };
    const keyed = defineRule({
      id: "keyed-only",
      defaultSeverity: "notice",
      description: "Keys a memo by a file it does not read.",
      messages: { seen: "seen" },
      options: z.object({}).strict(),
      check({ model, report, memo }) {
        counter.runs++;
        memo(`notes:${model.snapshot.hash(NOTES) ?? "-"}`, () => 1);
        report({ messageId: "seen", file: DIGEST, line: 1 });
      },
    }) as AnyRule;
    const rules = [keyed];
    const cache = new MemoryDocumentCache();
    runGovernance(new MemorySnapshot(files), { config, cache, rules });
    const changed = { ...files, [NOTES]: "Other notes.\n" };
    expect(runGovernance(new MemorySnapshot(changed), { config, cache, rules }).findings).toEqual(truth(changed, rules));
    expect(counter.runs).toBe(2); // the truth's run only
  });

  it("never reuses findings across different paths or settings", () => {
    const counter = { runs: 0 };
    const rules = [countingRule(counter)];
    const cache = new MemoryDocumentCache();
    runGovernance(new MemorySnapshot(files), { config, cache, rules });
    const added = { ...files, "docs/research/0003-new.md": "# Research-0003: new\n" };
    const run = runGovernance(new MemorySnapshot(added), { config, cache, rules });
    expect(counter.runs).toBe(2);
    expect(run.findings).toEqual(truth(added, rules));
  });
});
