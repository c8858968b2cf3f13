import { describe, expect, it } from "@jest/globals";
import { syntheticStubClaim } from "../../../src/core/rules/synthetic-stub-claim.js";
import { brief, runRule, stubCard } from "../../fixtures/gates-labels/run-rule.js";

const REPORT = [
  "# Training Discovery Report",
  "",
  "## Real Hardware Predictor Cards",
  "",
  "| Codec | Corpus | PLCC | Card |",
  "| --- | --- | --- | --- |",
  "| av1_hw | real-N=2592 | 0.6561 | model/predictor_av1_hw_card.md |",
  "",
  "## Synthetic Predictor Cards",
  "",
  "| Codec | Corpus | PLCC | Card |",
  "| --- | --- | --- | --- |",
  "| x264 | synthetic-stub-N=100 | 0.9949 | model/predictor_x264_card.md |",
  "",
].join("\n");

describe("synthetic-stub-claim", () => {
  const config = { report: { committedCopies: ["docs/discovery.md"] } };

  it("accepts synthetic cards listed only in the synthetic section", () => {
    const files = {
      "docs/discovery.md": REPORT,
      "model/predictor_x264_card.md": stubCard("predictor_x264"),
      "model/predictor_av1_hw_card.md": stubCard("predictor_av1_hw", { banner: false, corpusKind: "real-N=2592" }),
    };
    expect(runRule(syntheticStubClaim, files, config)).toEqual([]);
  });

  it("reports a synthetic card cited in a real-evidence table, at the cell", () => {
    const files = {
      "docs/discovery.md": REPORT,
      "model/predictor_av1_hw_card.md": stubCard("predictor_av1_hw"),
    };
    const findings = runRule(syntheticStubClaim, files, config);
    expect(brief(findings)).toEqual([["synthetic-stub-claim", "error", "docs/discovery.md", 7, 35]]);
    expect(findings[0]!.message).toBe(
      "Unexpected synthetic-stub model `model/predictor_av1_hw_card.md` in the real-evidence table `Real Hardware Predictor Cards`, expected it under a synthetic section (card Corpus kind `synthetic-stub-N=100` at `model/predictor_av1_hw_card.md:9`)",
    );
  });

  it("ignores committed copies that are not configured", () => {
    expect(runRule(syntheticStubClaim, { "docs/discovery.md": REPORT, "model/predictor_av1_hw_card.md": stubCard("predictor_av1_hw") })).toEqual([]);
  });

  it("does not treat a stale banner on a real-corpus model as synthetic", () => {
    const files = {
      "docs/discovery.md": REPORT.replace("model/predictor_av1_hw_card.md", "reg_v2"),
      "model/tiny/reg_v2.json": '{"id": "reg_v2", "training": {"smoke": false}}',
      "docs/ai/models/reg_v2.md": "# reg_v2\n\n> **Status.** Fit on a synthetic corpus in smoke mode.\n",
    };
    expect(runRule(syntheticStubClaim, files, config)).toEqual([]);
  });

  it("reports a digest result table whose caption names an unversioned stub in code", () => {
    const digestText = [
      "# Research-0099: predictor accuracy",
      "",
      "- **Date**: 2026-11-22",
      "- **Status**: Complete",
      "",
      "## Results",
      "",
      "Held-out results for `predictor_x264`:",
      "",
      "| Held-out source | PLCC | SROCC |",
      "|---|---|---|",
      "| BigBuckBunny | 0.991 | 0.99 |",
      "| FoxBird | 0.989 | 0.98 |",
      "| **Mean** | **0.990** | **0.985** |",
      "",
    ].join("\n");
    const files = { "docs/research/0099-predictor.md": digestText, "model/predictor_x264_card.md": stubCard("predictor_x264") };
    const findings = runRule(syntheticStubClaim, files);
    expect(brief(findings)).toEqual([["synthetic-stub-claim", "error", "docs/research/0099-predictor.md", 10, 1]]);
    expect(findings[0]!.message).toContain("Unexpected synthetic-stub model `predictor_x264` in a result table");
    // The same name in plain prose is not matched: only code spans are names.
    expect(runRule(syntheticStubClaim, { ...files, "docs/research/0099-predictor.md": digestText.replace("`predictor_x264`", "predictor_x264") })).toEqual([]);
  });
});
