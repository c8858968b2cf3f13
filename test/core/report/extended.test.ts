import { describe, expect, it } from "@jest/globals";
import { defaultConfig } from "../../../src/core/config.js";
import { EXTENDED_MARKER_HEADING, losoChart, renderExtendedSections } from "../../../src/core/report/extended.js";
import { summarizeSidecar } from "../../../src/core/report/sidecar-summary.js";
import { MemorySnapshot } from "../../../src/core/types.js";

describe("sidecar summaries", () => {
  it.each<[string, object, string, string, boolean]>([
    ["folds", { training: { loso_folds: [{ held_out: "A", plcc: 0.9 }], loso_mean_plcc: 0.9 }, gate_passed: true }, "LOSO folds", "passed", false],
    ["flat LOSO mean", { loso_mean_plcc: 0.97, gate: { passed: false } }, "LOSO mean", "failed", false],
    ["gate block", { gate: { mean_plcc: 0.97, gate: { kind: "synthetic" } } }, "gate block", "-", true],
    ["in-sample", { training: { in_sample_plcc: 0.99, smoke: true } }, "in-sample", "-", true],
    ["notes only", { notes: "LOSO PLCC 0.95 on the held-out set", verdict: "PROMOTE" }, "notes only", "PROMOTE", false],
    ["nothing", { id: "x" }, "none", "-", false],
    ["boolean metric is not evidence", { loso_mean_plcc: true }, "none", "-", false],
  ])("classifies %s", (_name, data, evidence, gate, synthetic) => {
    const summary = summarizeSidecar("model/x.json", JSON.stringify(data));
    expect(summary.evidence).toBe(evidence);
    expect(summary.gate).toBe(gate);
    expect(summary.synthetic).toBe(synthetic);
  });

  it("labels folds by held-out source, fold number or position", () => {
    const summary = summarizeSidecar(
      "model/x.json",
      JSON.stringify({ training: { loso_folds: [{ held_out: "A", plcc: 0.9 }, { fold: 7, plcc: 0.8 }, { plcc: 0.7 }, { held_out: "no plcc" }] } }),
    );
    expect(summary.folds).toEqual([
      { label: "A", plcc: 0.9 },
      { label: "fold 7", plcc: 0.8 },
      { label: "fold 3", plcc: 0.7 },
    ]);
  });
});

describe("extended sections", () => {
  const repo = new MemorySnapshot({
    "model/v3.json": JSON.stringify({
      id: "v3",
      kind: "fr",
      training: { gate_passed: true, loso_folds: [{ held_out: 'Say "hi"', plcc: 0.9712 }, { held_out: "B", plcc: 0.9663 }] },
    }),
    "model/plain.json": JSON.stringify({ id: "plain", kind: "nr" }),
  });

  it("inventories every sidecar and charts each one with folds", () => {
    expect(renderExtendedSections(repo, defaultConfig())).toBe(
      [
        EXTENDED_MARKER_HEADING,
        "",
        "| Sidecar | Id | Kind | Gate | Evidence | Synthetic |",
        "| --- | --- | --- | --- | --- | --- |",
        "| model/plain.json | plain | nr | - | none | no |",
        "| model/v3.json | v3 | fr | passed | LOSO folds (2) | no |",
        "",
        "## Per-fold LOSO PLCC",
        "",
        "### v3",
        "",
        "```mermaid",
        "xychart-beta",
        '    title "v3 LOSO PLCC per fold"',
        "    x-axis [\"Say 'hi'\", \"B\"]",
        '    y-axis "PLCC" 0.95 --> 1.00',
        "    bar [0.9712, 0.9663]",
        "```",
        "",
      ].join("\n"),
    );
  });

  it("says so when no sidecar has folds", () => {
    const text = renderExtendedSections(new MemorySnapshot({ "model/a.json": "{}" }), defaultConfig());
    expect(text).toContain("No sidecar records per-fold LOSO results");
    expect(text).not.toContain("```mermaid");
  });

  it("stretches the axis above 1 for metrics that exceed it", () => {
    const summary = summarizeSidecar("model/x.json", JSON.stringify({ training: { loso_folds: [{ plcc: 1.234 }] } }));
    expect(losoChart(summary)).toContain('y-axis "PLCC" 1.22 --> 1.24');
  });
});
