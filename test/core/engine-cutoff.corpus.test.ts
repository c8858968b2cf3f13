// The early cut-off (ADR-0018) on the real corpus: after each edit, a run that starts from the
// cache of the unedited corpus must give exactly the findings of a run that caches nothing. The
// edits cover what the cut-off may skip (prose added to ADRs, digests and cards) and what it must
// not (a verdict's line, a fold's figure, a licence statement).
import { beforeAll, expect, it } from "@jest/globals";
import { z } from "zod";
import { DirectorySnapshot } from "../../src/adapters/fs-snapshot.js";
import { defaultConfig } from "../../src/core/config.js";
import { runGovernance } from "../../src/core/engine.js";
import { MemoryDocumentCache } from "../../src/core/model/repository.js";
import { RULES } from "../../src/core/rules/index.js";
import { defineRule, type AnyRule } from "../../src/core/rules/rule.js";
import { contentId, MemorySnapshot } from "../../src/core/types.js";
import { CORPUS_DIR, describeWithCorpus } from "../helpers/corpus.js";

const config = defaultConfig();
const counter = { runs: 0 };
/** Counts how often the rules run; reports nothing. */
const counting = defineRule({
  id: "count-runs",
  defaultSeverity: "notice",
  description: "Counts runs.",
  messages: {},
  options: z.object({}).strict(),
  check() {
    counter.runs++;
  },
}) as AnyRule;
const rules = [...RULES, counting];

type Files = Map<string, string>;
let corpus: Files;

function edit(files: Files, path: string, change: (text: string) => string): Files {
  const text = files.get(path);
  if (text === undefined) throw new Error(`${path} is not in the corpus`);
  const changed = change(text);
  if (changed === text) throw new Error(`the edit of ${path} changed nothing`);
  return new Map(files).set(path, changed);
}

function sameJson(a: unknown[], b: unknown[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const appendProse = (text: string) => `${text}\nOne more line of prose for the test.\n`;

/** Runs `files` from a fresh copy of the corpus's cache; returns the findings and whether rules ran. */
function fromCorpusCache(cache: MemoryDocumentCache, files: Files) {
  const before = counter.runs;
  const findings = runGovernance(new MemorySnapshot(files), { config, cache, rules }).findings;
  return { findings, rulesRan: counter.runs > before };
}

describeWithCorpus("runGovernance: early cut-off on the corpus", () => {
  let cache: MemoryDocumentCache;
  let unedited: unknown[];

  beforeAll(() => {
    const directory = new DirectorySnapshot(CORPUS_DIR);
    corpus = new Map(directory.paths().map((path) => [path, directory.read(path) ?? ""]));
    cache = new MemoryDocumentCache();
    unedited = runGovernance(new MemorySnapshot(corpus), { config, cache, rules }).findings;
  });

  const cases: Array<[string, () => Files, boolean]> = [
    [
      "prose added to ADRs, digests and cards",
      () =>
        [
          "docs/adr/0143-port-netflix-f3a628b4-generalized-avx-convolve.md",
          "docs/research/0067-fr-regressor-v2-prod-loso.md",
          "docs/research/0086-contributor-pack-web-data-expansion-2026-05-08.md",
          "docs/ai/models/fr_regressor_v2.md",
        ].reduce((files, path) => edit(files, path, appendProse), corpus),
      false,
    ],
    ["a threshold added to a verdict's line", () => edit(corpus, "docs/research/0067-fr-regressor-v2-prod-loso.md", (text) => text.replace("≥ 0.95 threshold from", "≥ 0.99 threshold from")), true],
    ["a fold's figure", () => edit(corpus, "docs/research/0067-fr-regressor-v2-prod-loso.md", (text) => text.replace("| BigBuckBunny_25fps | 0.9652 |", "| BigBuckBunny_25fps | 0.9152 |")), true],
    [
      "a dataset's licence",
      () => edit(corpus, "docs/research/0086-contributor-pack-web-data-expansion-2026-05-08.md", (text) => text.replace("| KonViD-150k | CC-BY 4.0 |", "| KonViD-150k | research-only |")),
      true,
    ],
  ];

  it("gives the same findings whatever the content ids are: rules only key memos by them", () => {
    // The cut-off lets a file that a rule only keyed a memo by change; that is sound only while
    // no finding depends on a content id's value.
    const ids = new Map([...corpus].map(([path, text]) => [path, `other-${contentId(text).split("").reverse().join("")}`]));
    expect(runGovernance(new MemorySnapshot(corpus, ids), { config, rules }).findings).toEqual(unedited);
  });

  for (const [name, make, mustRun] of cases) {
    it(`gives a cache-less run's findings after ${name}${mustRun ? "" : ", without running a rule"}`, () => {
      const files = make();
      const truth = runGovernance(new MemorySnapshot(files), { config, rules }).findings;
      const { findings, rulesRan } = fromCorpusCache(cache, files);
      expect(findings).toEqual(truth);
      expect(rulesRan).toBe(mustRun);
      // An edit the rules must see changes the findings; one they may skip does not.
      expect(sameJson(truth, unedited)).toBe(!mustRun);
    });
  }
});
