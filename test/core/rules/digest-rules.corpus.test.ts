// Calibration of the digest rules on the real corpus snapshot. The counts below were reviewed by
// hand (see docs/rules/*.md and the closing note of the issue): a change in them means a rule or
// an extractor changed behaviour and the findings need reviewing again.
import { beforeAll, expect, it } from "@jest/globals";
import { DirectorySnapshot } from "../../../src/adapters/fs-snapshot.js";
import { defaultConfig } from "../../../src/core/config.js";
import { runGovernance } from "../../../src/core/engine.js";
import { digestHeader } from "../../../src/core/rules/digest-header.js";
import { digestReproducer } from "../../../src/core/rules/digest-reproducer.js";
import { losoArithmetic } from "../../../src/core/rules/loso-arithmetic.js";
import { CORPUS_DIR, describeWithCorpus } from "../../helpers/corpus.js";

describeWithCorpus("digest rules on the corpus snapshot", () => {
  let result: ReturnType<typeof runGovernance>;
  const run = () => result;
  beforeAll(() => {
    result = runGovernance(new DirectorySnapshot(CORPUS_DIR), { config: defaultConfig(), rules: [digestHeader, digestReproducer, losoArithmetic] });
  });

  it("reads every digest without a problem and extracts the reviewed structure", () => {
    const { model } = run();
    const digests = model.digests;
    expect(digests).toHaveLength(163);
    expect(digests.flatMap((d) => d.problems)).toEqual([]);
    const tables = digests.flatMap((d) => d.losoTables);
    expect(tables).toHaveLength(11);
    expect(tables.filter((t) => t.summaries.length > 0)).toHaveLength(8);
    expect(digests.flatMap((d) => d.verdicts).map((v) => `${v.outcome}`).sort()).toEqual(["fail", "pass", "pass", "pass", "pass"]);
    const prod = digests.find((d) => d.path.endsWith("0067-fr-regressor-v2-prod-loso.md"))!;
    expect(prod.companionAdrs).toEqual([291]);
    expect(prod.verdicts[0]).toMatchObject({ outcome: "pass", modelIds: ["fr_regressor_v2"], plcc: expect.objectContaining({ value: 0.9681 }) });
    expect(prod.losoTables[0]!.folds).toHaveLength(9);
  });

  it("reports the reviewed findings per rule", () => {
    const { findings } = run();
    const count = (ruleId: string) => findings.filter((f) => f.ruleId === ruleId).length;
    expect(count("digest-header")).toBe(67);
    expect(count("digest-reproducer")).toBe(4);
    expect(findings.filter((f) => f.ruleId === "loso-arithmetic").map((f) => `${f.file}:${f.line}:${f.column}`)).toEqual([
      "docs/research/0025-foxbird-resolved-via-konvid.md:119:44",
      "docs/research/0025-foxbird-resolved-via-konvid.md:119:53",
      "docs/research/0025-foxbird-resolved-via-konvid.md:119:64",
      "docs/research/0025-foxbird-resolved-via-konvid.md:119:72",
    ]);
  });
});
