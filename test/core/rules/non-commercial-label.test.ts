import { describe, expect, it } from "@jest/globals";
import { nonCommercialLabel } from "../../../src/core/rules/non-commercial-label.js";
import { brief, runRule } from "../../fixtures/gates-labels/run-rule.js";

const registry = (license: string): string =>
  `{\n  "schema_version": 1,\n  "models": [\n    {\n      "id": "hdr_v1",\n      "kind": "nr",\n      "onnx": "hdr_v1.onnx",\n      "sha256": "00",\n      "license": "${license}"\n    }\n  ]\n}\n`;
const SIDECAR = '{\n  "id": "hdr_v1",\n  "training": {\n    "dataset": "CHUG"\n  }\n}\n';
const card = (license: string): string => `# hdr_v1\n\n| Field | Value |\n| --- | --- |\n| License | ${license} |\n`;

describe("non-commercial-label", () => {
  it.each([
    ["labelled in registry and card", { "model/tiny/registry.json": registry("CC-BY-NC-SA-4.0"), "model/tiny/hdr_v1.json": SIDECAR, "docs/ai/models/hdr_v1.md": card("CC BY-NC-SA 4.0 (non-commercial)") }],
    ["trained on a commercial-friendly dataset", { "model/tiny/registry.json": registry("MIT"), "model/tiny/hdr_v1.json": '{"id": "hdr_v1", "training": {"dataset": "LSVQ"}}' }],
    [
      "the dataset's own licence id in the registry and a License section in the card",
      {
        "model/tiny/registry.json": registry("LicenseRef-KoNViD-150k-research-use"),
        "model/tiny/hdr_v1.json": SIDECAR.replace("CHUG", "KoNViD-150k"),
        "docs/ai/models/hdr_v1.md": "# hdr_v1\n\n## License\n\nThe weights are for non-commercial use only: they derive from KoNViD-150k.\n",
      },
    ],
    [
      "research-only terms in the registry and in the card's own licence row",
      { "model/tiny/registry.json": registry("LicenseRef-research-only"), "model/tiny/hdr_v1.json": SIDECAR, "docs/ai/models/hdr_v1.md": card("research use only (inherits the CHUG terms)") },
    ],
    ["a dataset named only as a rejected alternative", { "model/tiny/x.json": '{"id": "x", "notes": "Trained on LSVQ; CHUG deferred until its licence is clarified."}' }],
    [
      "datasets the card says were left out",
      {
        "model/tiny/registry.json": registry("MIT"),
        "docs/ai/models/hdr_v1.md":
          "# `hdr_v1`\n\n## Training corpus\n\nTrained on LSVQ only.\n\nNo KoNViD-150k or CHUG rows were included at v1 training time.\nBVI-DVC was not used either.\n",
      },
    ],
  ])("accepts %s", (_name, files) => {
    expect(runRule(nonCommercialLabel, files)).toEqual([]);
  });

  it("reports both the registry licence and the card when neither says non-commercial", () => {
    const findings = runRule(nonCommercialLabel, {
      "model/tiny/registry.json": registry("BSD-3-Clause-Plus-Patent"),
      "model/tiny/hdr_v1.json": SIDECAR,
      "docs/ai/models/hdr_v1.md": card("BSD-3-Clause-Plus-Patent"),
    });
    expect(brief(findings)).toEqual([
      ["non-commercial-label", "error", "docs/ai/models/hdr_v1.md", 5, 1],
      ["non-commercial-label", "error", "model/tiny/registry.json", 9, 7],
    ]);
    expect(findings[1]!.message).toBe(
      "Unexpected licence `BSD-3-Clause-Plus-Patent` for `hdr_v1` in the registry, expected a non-commercial label because it was trained on `CHUG` (`CC-BY-NC-SA-4.0`)",
    );
    expect(findings[1]!.related?.[0]).toMatchObject({ file: "model/tiny/hdr_v1.json", line: 4, column: 5 });
    expect(findings[1]!.details).toMatch(/CHUG \(CC-BY-NC-SA-4\.0, per ADR-0426/);
  });

  it("leaves a synthetic stub alone whatever corpus its card plans, and reports it once it is retrained", () => {
    const stubCard = "# hdr_v1\n\n- **Corpus**: KoNViD-150k (~150 000 clips)\n\n| Field | Value |\n| --- | --- |\n| License | BSD-3-Clause-Plus-Patent |\n";
    const stub = { "model/tiny/hdr_v1.json": '{\n  "id": "hdr_v1",\n  "training": {\n    "smoke": true\n  }\n}\n', "docs/ai/models/hdr_v1.md": stubCard };
    expect(runRule(nonCommercialLabel, stub)).toEqual([]);
    const retrained = { ...stub, "model/tiny/hdr_v1.json": stub["model/tiny/hdr_v1.json"].replace("true", "false") };
    expect(brief(runRule(nonCommercialLabel, retrained))).toEqual([["non-commercial-label", "error", "docs/ai/models/hdr_v1.md", 7, 1]]);
  });

  describe("training data stated in the ADRs and digests the artefact's documents cite", () => {
    const adr = (body: string): string => `# ADR-0286: hdr student\n\n- **Status**: Accepted\n\n## Decision\n\n${body}\n`;
    const SHIP =
      "We will ship `hdr_v1`, a tiny regressor (BSD-3-Clause-Plus-Patent).\nThe model is trained from scratch on CHUG with the recipe in `train.py` and keeps\nthe tensor contract of the existing `hdr_placeholder_v0`.";
    const cardLinking = (target: string): string => `# hdr_v1\n\nSee [the decision](${target}).\n\n| Field | Value |\n| --- | --- |\n| License | BSD-3-Clause-Plus-Patent |\n`;

    it("traces a dataset an ADR linked from the card names as the model's training data", () => {
      const findings = runRule(nonCommercialLabel, {
        "model/tiny/registry.json": registry("BSD-3-Clause-Plus-Patent"),
        "docs/ai/models/hdr_v1.md": cardLinking("../../adr/0286-hdr-student.md"),
        "docs/adr/0286-hdr-student.md": adr(SHIP),
      });
      expect(brief(findings)).toEqual([
        ["non-commercial-label", "error", "docs/ai/models/hdr_v1.md", 7, 1],
        ["non-commercial-label", "error", "model/tiny/registry.json", 9, 7],
      ]);
      expect(findings[0]!.related?.[0]).toEqual({
        file: "docs/adr/0286-hdr-student.md",
        line: 8,
        column: 38,
        message: "`docs/ai/models/hdr_v1.md:3` cites this document, which names `CHUG` as training data",
      });
    });

    it("follows ADR-NNNN in the registry entry's notes", () => {
      const withNotes = registry("MIT").replace('"license": "MIT"', '"license": "MIT",\n      "notes": "Decision: ADR-0286."');
      const findings = runRule(nonCommercialLabel, { "model/tiny/registry.json": withNotes, "docs/adr/0286-hdr-student.md": adr(SHIP) });
      expect(brief(findings)).toEqual([["non-commercial-label", "error", "model/tiny/registry.json", 9, 7]]);
      expect(findings[0]!.related?.[0]).toMatchObject({ file: "docs/adr/0286-hdr-student.md", message: expect.stringMatching(/^the registry entry's `notes` cites/) });
    });

    it.each([
      ["a passage about another model that names this one", "`hdr_v2` is trained on CHUG; it replaces `hdr_v1`."],
      ["another model named in the clause before the dataset", "`hdr_v1` keeps the contract, and `hdr_v2` is trained on CHUG."],
      ["a question or supposition", "We asked whether `hdr_v1` could be trained on CHUG."],
      ["a rejected alternative", "`hdr_v1` is trained on LSVQ; training it on CHUG was rejected (licence)."],
      ["no training verb governing the dataset", "`hdr_v1` is trained on LSVQ. CHUG is only used for the HDR report."],
    ])("ignores %s", (_name, body) => {
      const files = { "model/tiny/registry.json": registry("MIT"), "docs/ai/models/hdr_v1.md": cardLinking("../../adr/0286-hdr-student.md"), "docs/adr/0286-hdr-student.md": adr(body) };
      expect(runRule(nonCommercialLabel, files)).toEqual([]);
    });

    it("does not follow a link from a card about another model, or to a file that is not an ADR or digest", () => {
      const files = {
        "model/tiny/registry.json": registry("MIT"),
        "docs/ai/models/hdr_v1.md": cardLinking("../training-notes.md"),
        "docs/ai/training-notes.md": SHIP,
        "docs/adr/0286-hdr-student.md": adr(SHIP),
        "docs/ai/models/hdr_v2.md": "# hdr_v2\n\nReplaces `hdr_v1`; see [ADR-0286](../../adr/0286-hdr-student.md).\n",
      };
      expect(runRule(nonCommercialLabel, files)).toEqual([]);
    });
  });

  it("does not take a row quoting the dataset's research-only terms for the card's label", () => {
    const text = `${card("BSD-3-Clause-Plus-Patent")}| Distribution licence | Free for academic and research purposes only |\n`;
    const findings = runRule(nonCommercialLabel, { "model/tiny/hdr_v1.json": SIDECAR, "docs/ai/models/hdr_v1.md": text });
    expect(brief(findings)).toEqual([["non-commercial-label", "error", "docs/ai/models/hdr_v1.md", 5, 1]]);
  });

  it("reads a Hugging Face-style card front matter: its licence labels the card, its datasets are training data", () => {
    const frontMatter = (license: string) => `---\nlicense: ${license}\ndatasets:\n  - CHUG\n---\n# hdr_v1\n\nAn HDR quality model.\n`;
    const labelled = runRule(nonCommercialLabel, { "model/tiny/registry.json": registry("MIT"), "docs/ai/models/hdr_v1.md": frontMatter("cc-by-nc-sa-4.0") });
    expect(brief(labelled)).toEqual([["non-commercial-label", "error", "model/tiny/registry.json", 9, 7]]);
    expect(labelled[0]!.related?.[0]).toMatchObject({ file: "docs/ai/models/hdr_v1.md", line: 3 });
    const unlabelled = runRule(nonCommercialLabel, { "docs/ai/models/hdr_v1.md": frontMatter("mit") });
    expect(brief(unlabelled)).toEqual([["non-commercial-label", "error", "docs/ai/models/hdr_v1.md", 2, 1]]);
  });

  it("traces the dataset from registry notes and card training fields", () => {
    const findings = runRule(nonCommercialLabel, {
      "model/tiny/registry.json": registry("MIT").replace('"license": "MIT"', '"license": "MIT",\n      "notes": "Fine-tuned on LIVE-VQC clips."'),
      "docs/ai/models/hdr_v1.md": "# hdr_v1\n\n- **Training corpus**: LIVE VQC\n- **License**: CC BY-NC 4.0\n",
    });
    expect(brief(findings)).toEqual([["non-commercial-label", "error", "model/tiny/registry.json", 9, 7]]);
    expect(findings[0]!.message).toMatch(/trained on `LIVE-VQC`/);
  });

  it("still traces a dataset when a negation in the sentence is about something else", () => {
    const text = "# `hdr_v1`\n\n## Training corpus\n\nNetflix Public (not redistributed in-tree), KoNViD-1k and CHUG.\n";
    const findings = runRule(nonCommercialLabel, { "model/tiny/registry.json": registry("MIT"), "docs/ai/models/hdr_v1.md": text });
    const message = "Unexpected card of `hdr_v1` without a non-commercial label, expected one because it was trained on `CHUG` (`CC-BY-NC-SA-4.0`)";
    expect(findings.map((f) => f.message)).toContain(message);
    // A `;` inside parentheses does not end the list of training data.
    const withClause = text.replace("(not redistributed in-tree)", "(9 sources; not redistributed in-tree)");
    expect(runRule(nonCommercialLabel, { "model/tiny/registry.json": registry("MIT"), "docs/ai/models/hdr_v1.md": withClause }).map((f) => f.message)).toContain(message);
    // "no" governs only the names right after it, not a common noun that ends its own phrase.
    const noun = "# `hdr_v1`\n\n## Training corpus\n\nLSVQ with no redistribution, CHUG.\n";
    expect(runRule(nonCommercialLabel, { "model/tiny/registry.json": registry("MIT"), "docs/ai/models/hdr_v1.md": noun }).map((f) => f.message)).toContain(message);
  });

  it("reports an unlabelled artefact with neither registry entry nor card at the trace", () => {
    const findings = runRule(nonCommercialLabel, { "model/tiny/hdr_v1.json": SIDECAR });
    expect(brief(findings)).toEqual([["non-commercial-label", "error", "model/tiny/hdr_v1.json", 4, 5]]);
  });

  it("uses configured catalogue entries", () => {
    const files = { "model/tiny/x.json": '{"id": "x", "training": {"dataset": "HouseSet"}}' };
    expect(runRule(nonCommercialLabel, files)).toEqual([]);
    const config = { datasets: [{ name: "HouseSet", license: "LicenseRef-house-nc", nonCommercial: true, source: "docs/data.md" }] };
    expect(runRule(nonCommercialLabel, files, config).map((f) => f.ruleId)).toEqual(["non-commercial-label"]);
  });
});
