import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { extractDigest } from "../../../src/core/model/digest.js";
import { readMarkdownFile } from "../../../src/core/model/markdown-file.js";
import { PROJECT_ROOT } from "../../helpers/corpus.js";

function verdictsOf(name: string) {
  const text = readFileSync(`${PROJECT_ROOT}/test/fixtures/digest/${name}`, "utf8");
  return extractDigest(readMarkdownFile(`docs/research/${name}`, text)).verdicts;
}

function verdictsOfText(text: string) {
  return extractDigest(readMarkdownFile("docs/research/0400-x.md", text)).verdicts;
}

describe("gate verdicts", () => {
  it("reads a bold SHIP GATE verdict with its PLCC and model, not the design Verdict line", () => {
    const verdicts = verdictsOf("0101-demo-loso-results.md");
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]).toMatchObject({ outcome: "pass", line: 26, column: 1, text: "SHIP GATE: PASS", modelIds: ["demo_regressor_v2"] });
    expect(verdicts[0]!.plcc).toMatchObject({ value: 0.9533, line: 26, column: 35 });
  });

  it("reads Gate PASS, clause verdicts and a decision heading, not requirements", () => {
    const verdicts = verdictsOf("0103-demo-prose-mean.md");
    expect(verdicts.map((v) => [v.outcome, v.line, v.column])).toEqual([
      ["pass", 11, 1],
      ["pass", 30, 15],
      ["fail", 30, 64],
      ["pass", 34, 1],
    ]);
    expect(verdicts[0]!.plcc?.value).toBe(0.9975);
    expect(verdicts[0]!.modelIds).toEqual(["demo_regressor_v3"]);
    expect(verdicts[2]!.plcc).toBeUndefined();
  });

  it("ignores CI and test gates", () => {
    expect(verdictsOf("0102-demo-comparison-only.md")).toEqual([]);
  });

  it.each([
    ["**Gate FAIL** — LOSO PLCC 0.91 is below the floor.\n", "fail", 0.91],
    ["The model does **not** pass: the ship gate failed at LOSO PLCC = 0.93.\n", "fail", 0.93],
    ["## Ship gate: PASSED\n\nLOSO PLCC = 0.97\n", "pass", 0.97],
    ["The model does **not** clear the ship gate (LOSO PLCC 0.93).\n", "fail", 0.93],
    ["fr_regressor_v4 passes the production gate at LOSO PLCC 0.96.\n", "pass", 0.96],
    // Labels, participles, "met" and "misses": wordings a later digest may use.
    ["Ship-gate: PASS (LOSO PLCC 0.97).\n", "pass", 0.97],
    ["Gate verdict: ✅ PASS (mean PLCC 0.9975 ≥ 0.95).\n", "pass", 0.9975],
    ["**Ship gate:** FAIL (LOSO PLCC 0.929 < 0.95)\n", "fail", 0.929],
    ["**Result:** ship gate cleared (LOSO PLCC 0.9975 ≥ 0.95).\n", "pass", 0.9975],
    ["The LOSO gate is met (mean PLCC 0.997 vs 0.95).\n", "pass", 0.997],
    ["The 0.95 LOSO gate is not met: mean PLCC 0.929.\n", "fail", 0.929],
    ["fr_regressor_v4 misses the ship gate (LOSO PLCC 0.929 < 0.95).\n", "fail", 0.929],
  ])("reads %j", (text, outcome, plcc) => {
    const verdicts = verdictsOfText(`# R\n\n${text}`);
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]!.outcome).toBe(outcome);
    expect(verdicts[0]!.plcc?.value).toBe(plcc);
  });

  it.each([
    "The retrain must clear the 0.95 LOSO PLCC ship gate.\n",
    "The v2 ONNX keeps serving until v3 clears the ship gate.\n",
    "Once the model passes the production gate, flip the default.\n",
    "The next step is to pass the LOSO gate with the new corpus.\n",
    "**Verdict**: rejected — the option does not help.\n",
    "```\nSHIP GATE: PASS\n```\n",
    "The ship gate must be met before the flip.\n",
    "Flip the default once the LOSO gate is met.\n",
    "CI gate: PASS on all runners.\n",
    "**Ship gate:** PASS / FAIL\n\nLOSO mean PLCC: TBD\n",
    "- Ship-gate: PASS or FAIL (fill in after the LOSO run)\n",
    "The LOSO gate passes/fails depending on the held-out fold.\n",
    "**SHIP GATE: PASS/FAIL** for the LOSO evaluation\n",
  ])("ignores %j", (text) => {
    expect(verdictsOfText(`# R\n\n${text}`)).toEqual([]);
  });
});
