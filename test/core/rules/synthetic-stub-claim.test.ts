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
});
