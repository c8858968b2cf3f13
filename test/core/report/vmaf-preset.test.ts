import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { DirectorySnapshot } from "../../../src/adapters/fs-snapshot.js";
import { defaultConfig } from "../../../src/core/config.js";
import { DiscoveryReportError, renderDiscoveryReport } from "../../../src/core/report/index.js";
import { codecFamily, renderVmafReport } from "../../../src/core/report/vmaf-preset.js";
import { MemorySnapshot } from "../../../src/core/types.js";
import { CORPUS_DIR, CORPUS_EXPECTED_REPORT, describeWithCorpus } from "../../helpers/corpus.js";
import { fixtureSnapshot, fixtureText } from "./fixtures.js";

describeWithCorpus("vmaf preset on the corpus snapshot", () => {
  it("is byte-identical to the reference script's output", () => {
    const expected = readFileSync(CORPUS_EXPECTED_REPORT, "utf8");
    const report = renderDiscoveryReport(new DirectorySnapshot(CORPUS_DIR), defaultConfig());
    expect(report).toBe(expected);
  });
});

describe("vmaf preset on a later repository state", () => {
  it("fills the real-card and delta tables exactly as the reference would", () => {
    expect(renderVmafReport(fixtureSnapshot("vmaf-later"))).toBe(fixtureText("vmaf-later", "expected.md"));
  });
});

/** The smallest inputs the preset accepts, with overrides per test. */
function minimalRepo(overrides: Record<string, string | undefined> = {}): MemorySnapshot {
  const files: Record<string, string | undefined> = {
    "model/tiny/fr_regressor_v2.json": '{"id": "fr_regressor_v2"}',
    "model/tiny/fr_regressor_v3.json": '{"id": "fr_regressor_v3", "training": {"loso_mean_plcc": null}}',
    "model/tiny/fr_regressor_v2_ensemble_v1_seed_flip_PROMOTE.json": '{"gate": {"plcc_spread": 0}}',
    "model/tiny/saliency_student_v1.json": '{"training": {}}',
    "model/tiny/saliency_student_v2.json": '{"training": {"param_count": null}}',
    ...overrides,
  };
  const present = Object.entries(files).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return new MemorySnapshot(Object.fromEntries(present));
}

function tableLines(report: string, heading: string): string[] {
  const section = report.split(`## ${heading}\n`)[1]!.split("\n## ")[0]!;
  return section.split("\n").filter((line) => line.startsWith("| ")).slice(2);
}

describe("vmaf preset details", () => {
  it("prints `-` for absent values, keeps a present null LOSO key as LOSO evidence, and formats int spreads", () => {
    const report = renderVmafReport(minimalRepo());
    expect(tableLines(report, "Tiny FR Regressors")).toEqual([
      "| fr_regressor_v2 | - | - | - | - | in-sample |",
      "| fr_regressor_v3 | - | - | - | - | LOSO |",
      "| fr_regressor_v2_ensemble_v1 | - | - | - | - | LOSO ensemble, spread=0.000000 |",
    ]);
    expect(tableLines(report, "Saliency Students")).toEqual([
      "| saliency_student_v1 | - | - | ConvTranspose decoder |",
      "| saliency_student_v2 | - | None | ConvTranspose decoder |",
    ]);
  });

  it("formats a boolean spread like Python's int formatting", () => {
    const report = renderVmafReport(
      minimalRepo({ "model/tiny/fr_regressor_v2_ensemble_v1_seed_flip_PROMOTE.json": '{"gate": {"plcc_spread": true, "mean_plcc": false}}' }),
    );
    expect(tableLines(report, "Tiny FR Regressors")[2]).toBe(
      "| fr_regressor_v2_ensemble_v1 | - | 0.0000 | - | - | LOSO ensemble, spread=1.000000 |",
    );
  });

  it("only reads direct children of model/ named predictor_*_card.md", () => {
    const card = "- **Codec adapter**: `x_nvenc`\n- **Corpus kind**: real\n| PLCC | 1 |\n| SROCC | 1 |\n| RMSE | 1 |\n";
    const report = renderVmafReport(
      minimalRepo({ "model/sub/predictor_x_nvenc_card.md": card, "model/predictor_x_nvenc.md": card, "model/predictor__card.md": card }),
    );
    expect(tableLines(report, "Real Hardware Predictor Cards")).toEqual([
      "| x_nvenc | real | 1.0000 | 1.0000 | 1.0000 | model/predictor__card.md |",
    ]);
  });

  it.each([
    ["h264_nvenc", "nvenc"],
    ["libaom-av1", "libaom-av1"],
    ["a_b_c", "c"],
    ["trailing_", ""],
  ])("takes the family of %s as %j", (codec, family) => {
    expect(codecFamily(codec)).toBe(family);
  });
});

describe("vmaf preset errors name the file and field", () => {
  const card = (body: string): string => `- **Codec adapter**: \`h264_qsv\`\n${body}`;
  it.each<[string, Record<string, string | undefined>, string, string | null]>([
    ["a missing sidecar", { "model/tiny/fr_regressor_v3.json": undefined }, "model/tiny/fr_regressor_v3.json", null],
    ["invalid JSON", { "model/tiny/fr_regressor_v2.json": "{" }, "model/tiny/fr_regressor_v2.json", null],
    ["a JSON array", { "model/tiny/fr_regressor_v2.json": "[]" }, "model/tiny/fr_regressor_v2.json", null],
    ["a missing id", { "model/tiny/fr_regressor_v2.json": "{}" }, "model/tiny/fr_regressor_v2.json", "id"],
    ["a numeric id", { "model/tiny/fr_regressor_v2.json": '{"id": 2}' }, "model/tiny/fr_regressor_v2.json", "id"],
    ["a null training block", { "model/tiny/fr_regressor_v2.json": '{"id": "a", "training": null}' }, "model/tiny/fr_regressor_v2.json", "training"],
    ["a missing gate", { "model/tiny/fr_regressor_v2_ensemble_v1_seed_flip_PROMOTE.json": "{}" }, "model/tiny/fr_regressor_v2_ensemble_v1_seed_flip_PROMOTE.json", "gate"],
    ["a missing spread", { "model/tiny/fr_regressor_v2_ensemble_v1_seed_flip_PROMOTE.json": '{"gate": {}}' }, "model/tiny/fr_regressor_v2_ensemble_v1_seed_flip_PROMOTE.json", "gate.plcc_spread"],
    ["a string spread", { "model/tiny/fr_regressor_v2_ensemble_v1_seed_flip_PROMOTE.json": '{"gate": {"plcc_spread": "0.1"}}' }, "model/tiny/fr_regressor_v2_ensemble_v1_seed_flip_PROMOTE.json", "gate.plcc_spread"],
    ["a missing saliency training block", { "model/tiny/saliency_student_v1.json": "{}" }, "model/tiny/saliency_student_v1.json", "training"],
    ["a card without Corpus kind", { "model/predictor_h264_qsv_card.md": card("| PLCC | 1 |") }, "model/predictor_h264_qsv_card.md", "Corpus kind"],
    ["a card without RMSE", { "model/predictor_h264_qsv_card.md": card("- **Corpus kind**: real\n| PLCC | 1 |\n| SROCC | 1 |") }, "model/predictor_h264_qsv_card.md", "RMSE"],
    ["a card with an unparseable PLCC", { "model/predictor_h264_qsv_card.md": card("- **Corpus kind**: real\n| PLCC | 1.2.3 |") }, "model/predictor_h264_qsv_card.md", "PLCC"],
  ])("for %s", (_name, overrides, file, field) => {
    let error: unknown;
    try {
      renderVmafReport(minimalRepo(overrides));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DiscoveryReportError);
    expect((error as DiscoveryReportError).file).toBe(file);
    expect((error as DiscoveryReportError).field).toBe(field);
    expect((error as DiscoveryReportError).message).toContain(file);
  });
});
