import { describe, expect, it } from "@jest/globals";
import { defaultConfig } from "../../../src/core/config.js";
import { renderGenericReport } from "../../../src/core/report/generic-preset.js";
import { MemorySnapshot } from "../../../src/core/types.js";

const repo = new MemorySnapshot({
  "model/alpha.json": JSON.stringify({ id: "alpha", kind: "fr", training: { loso_mean_plcc: 0.96875, loso_mean_srocc: 0.9, loso_mean_rmse: 2 } }),
  "model/beta.json": JSON.stringify({ kind: "nr", gate: { mean_plcc: 0.8, passed: false } }),
  "model/gamma.json": "{ not json",
  "model/tiny/registry.json": JSON.stringify({ models: [] }),
  "model/alpha_card.md": "# alpha\n\n- **Corpus kind**: `real-N=10`\n\n| PLCC | 0.97 |\n| RMSE | 2.5 |\n",
  "model/beta_card.md": "# beta\n\n> synthetic-stub model\n",
  "docs/notes.md": "# not governed\n",
});

describe("generic preset", () => {
  it("lists every sidecar and card with the evidence each states", () => {
    expect(renderGenericReport(repo, defaultConfig())).toBe(
      [
        "# Training Discovery Report",
        "",
        "Generated from committed model sidecars and model cards.",
        "",
        "## Sidecars",
        "",
        "| Sidecar | Id | Kind | PLCC | SROCC | RMSE | Evidence |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        "| model/alpha.json | alpha | fr | 0.9688 | 0.9000 | 2.0000 | LOSO mean |",
        "| model/beta.json | beta | nr | 0.8000 | - | - | gate block |",
        "| model/gamma.json | gamma | - | - | - | - | unreadable: invalid JSON (Expecting property name enclosed in double quotes: line 1 column 3) |",
        "",
        "## Model Cards",
        "",
        "| Card | Corpus | PLCC | SROCC | RMSE | Synthetic |",
        "| --- | --- | --- | --- | --- | --- |",
        "| model/alpha_card.md | real-N=10 | 0.9700 | - | 2.5000 | no |",
        "| model/beta_card.md | - | - | - | - | yes |",
        "",
      ].join("\n"),
    );
  });

  it("follows the configured sidecar and card globs", () => {
    const config = defaultConfig();
    config.paths.sidecars = ["models/**/*.json"];
    config.paths.cards = ["models/*.md"];
    const moved = new MemorySnapshot({ "models/x.json": '{"id": "x"}', "models/x.md": "# x\n", "model/alpha.json": "{}" });
    const report = renderGenericReport(moved, config);
    expect(report).toContain("| models/x.json | x | - | - | - | - | none |");
    expect(report).toContain("| models/x.md | - | - | - | - | no |");
    expect(report).not.toContain("model/alpha.json");
  });
});
