import { describe, expect, it } from "@jest/globals";
import { syntheticStubLabel } from "../../../src/core/rules/synthetic-stub-label.js";
import { brief, runRule, stubCard } from "../../fixtures/gates-labels/run-rule.js";

const REGISTRY = (entries: string) => `{\n  "schema_version": 1,\n  "models": [\n${entries}\n  ]\n}\n`;

describe("synthetic-stub-label", () => {
  it.each([
    ["a stub card with banner and synthetic corpus kind", { "model/pred_a_card.md": stubCard("pred_a") }],
    ["a real card without banner", { "model/pred_b_card.md": stubCard("pred_b", { banner: false, corpusKind: "real-N=2592" }) }],
    [
      "a smoke sidecar whose card has the banner",
      {
        "model/tiny/s1.json": '{"id": "s1", "smoke": true}',
        "docs/ai/models/s1.md": "# s1\n\n> The shipped checkpoint is a **smoke-only synthetic placeholder**.\n",
      },
    ],
    ["a synthetic sidecar without any card (nothing to label)", { "model/tiny/s2.json": '{"id": "s2", "gate": {"kind": "synthetic"}}' }],
  ])("accepts %s", (_name, files) => {
    expect(runRule(syntheticStubLabel, files)).toEqual([]);
  });

  it("reports a stub card without the banner at its corpus kind", () => {
    const findings = runRule(syntheticStubLabel, { "model/pred_c_card.md": stubCard("pred_c", { banner: false }) });
    expect(brief(findings)).toEqual([["synthetic-stub-label", "error", "model/pred_c_card.md", 7, 3]]);
    expect(findings[0]!.message).toBe(
      "Unexpected card without a synthetic-stub warning banner for `pred_c`, expected one because card Corpus kind `synthetic-stub-N=100` (`model/pred_c_card.md:7`) says it was trained on synthetic data",
    );
  });

  it("reports a card without banner when the sidecar's nested gate says synthetic", () => {
    const findings = runRule(syntheticStubLabel, {
      "model/mos_v1.json": '{\n  "id": "mos_v1",\n  "gate": {\n    "gate": {"kind": "synthetic"},\n    "passed": true\n  }\n}\n',
      "model/mos_v1_card.md": "# `mos_v1`\n\n> **Status: Proposed.** Awaiting data.\n",
    });
    expect(brief(findings)).toEqual([["synthetic-stub-label", "error", "model/mos_v1_card.md", 1, 1]]);
    expect(findings[0]!.related).toEqual([{ file: "model/mos_v1.json", line: 4, column: 14, message: "sidecar `gate.gate.kind: synthetic`" }]);
  });

  it("reports a stale banner on a card whose sidecar and registry say real corpus", () => {
    const findings = runRule(syntheticStubLabel, {
      "model/tiny/registry.json": REGISTRY('    {"id": "reg_v2", "kind": "fr", "onnx": "reg_v2.onnx", "sha256": "00", "smoke": false}'),
      "model/tiny/reg_v2.json": '{\n  "id": "reg_v2",\n  "training": {\n    "n_rows": 216,\n    "smoke": false\n  }\n}\n',
      "docs/ai/models/reg_v2.md": "# reg_v2\n\n> **Status: SCAFFOLD.** The shipped ONNX was fit on a synthetic corpus in smoke mode.\n",
    });
    expect(brief(findings)).toEqual([["synthetic-stub-label", "error", "docs/ai/models/reg_v2.md", 3, 1]]);
    expect(findings[0]!.message).toMatch(/^Unexpected synthetic-stub banner on the card of `reg_v2`, expected none because sidecar `training.smoke: false` \(`model\/tiny\/reg_v2.json:5`\)/);
    expect(findings[0]!.related?.map((r) => `${r.file}:${r.line}`)).toEqual(["model/tiny/reg_v2.json:5", "model/tiny/registry.json:4"]);
  });

  it("reports a stale banner on a card whose corpus kind is real", () => {
    const findings = runRule(syntheticStubLabel, { "model/pred_d_card.md": stubCard("pred_d", { corpusKind: "real-N=1620" }) });
    expect(brief(findings)).toEqual([["synthetic-stub-label", "error", "model/pred_d_card.md", 5, 1]]);
  });

  it("honours a configured severity", () => {
    const findings = runRule(syntheticStubLabel, { "model/pred_e_card.md": stubCard("pred_e", { banner: false }) }, { rules: { "synthetic-stub-label": "warning" } });
    expect(findings.map((f) => f.severity)).toEqual(["warning"]);
  });
});
