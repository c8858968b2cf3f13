import { describe, expect, it } from "@jest/globals";
import { datasetLicenseConflict } from "../../../src/core/rules/dataset-license-conflict.js";
import { brief, runRule } from "../../fixtures/gates-labels/run-rule.js";

describe("dataset-license-conflict", () => {
  it.each([
    ["agreeing statements, versioned and unversioned", { "docs/a.md": "YouTube UGC is CC-BY per its bucket.\n", "docs/b.md": "| YouTube-UGC | C2 | CC BY 3.0 |\n" }],
    ["two restrictions that agree", { "docs/a.md": "BVI-DVC licence is research-only.\n", "docs/b.md": "| BVI-DVC | Research-use (non-redistributable) |\n" }],
    ["a software licence next to a dataset name", { "docs/a.md": "The student trained on DUTS ships under BSD-3-Clause-Plus-Patent.\n", "docs/b.md": "DUTS-TR is CC BY 4.0.\n" }],
    ["statements inside code fences", { "docs/a.md": "```\nLSVQ CC BY-NC 4.0\n```\n", "docs/b.md": "LSVQ is CC-BY-4.0.\n" }],
    [
      "a licence whose only dataset name is in a link's address",
      { "docs/a.md": "### KonViD-150k\n\n- **License**: CC-BY 4.0 [verified](https://example.org/konvid-1k-database.html).\n", "docs/b.md": "| KoNViD-1k | research-only |\n" },
    ],
    ["a licence in a row about something else", { "docs/a.md": "| Add LSVQ alongside KoNViD-150k | Adds data; CC-BY is permissive |\n", "docs/b.md": "KoNViD-150k is research-only.\n" }],
  ])("accepts %s", (_name, files) => {
    expect(runRule(datasetLicenseConflict, files)).toEqual([]);
  });

  it("reports the CHUG badge/licence-text disagreement", () => {
    const findings = runRule(datasetLicenseConflict, {
      "docs/adr/0001-chug.md": "# ADR-0001\n\nCHUG's README badge reads CC BY-NC 4.0.\n",
      "docs/research/0002-chug.md": "# Research\n\nThe CHUG license.txt holds the Creative Commons Attribution-NonCommercial-ShareAlike 4.0 text.\n",
    });
    expect(brief(findings)).toEqual([["dataset-license-conflict", "warning", "docs/adr/0001-chug.md", 3, 27]]);
    expect(findings[0]!.message).toBe(
      "Unexpected licence `CC BY-NC 4.0` for dataset `CHUG`, expected `Creative Commons Attribution-NonCommercial-ShareAlike 4.0` as stated in `docs/research/0002-chug.md:3`",
    );
    expect(findings[0]!.details).toMatch(/catalogue: CC-BY-NC-SA-4.0/);
  });

  it("reports a table row against wrapped prose, at the cell's line and column", () => {
    const findings = runRule(datasetLicenseConflict, {
      "docs/ai/training.md": "| Dataset | Licence |\n| --- | --- |\n| **KoNViD-1k** | CC BY 4.0 |\n",
      "docs/ai/konvid.md": "KoNViD-1k clips are not committed\n(license is research-only, see the ADR).\n",
    });
    expect(brief(findings)).toEqual([["dataset-license-conflict", "warning", "docs/ai/konvid.md", 2, 13]]);
    expect(findings[0]!.related).toEqual([{ file: "docs/ai/training.md", line: 3, column: 19, message: "states `CC BY 4.0` for `KoNViD-1k`" }]);
  });

  it("takes a numbered row's dataset from the cell after the row number", () => {
    const audit = [
      "| # | Dataset + URL | License |",
      "|---|---|---|",
      "| 1 | [IPI-MobileHDRVQA](https://example.org/ipi) | CC BY 4.0 |",
      "| 2 | [CHUG](https://example.org/chug/) | CC BY-SA 4.0 |",
      "",
    ].join("\n");
    const findings = runRule(datasetLicenseConflict, {
      "docs/adr/0426-chug-licence.md": "# ADR-0426\n\nCHUG is released under CC BY-NC-SA 4.0.\n",
      "docs/research/0136-audit.md": audit,
    });
    expect(brief(findings)).toEqual([["dataset-license-conflict", "warning", "docs/research/0136-audit.md", 4, 43]]);
    expect(findings[0]!.message).toBe(
      "Unexpected licence `CC BY-SA 4.0` for dataset `CHUG`, expected `CC BY-NC-SA 4.0` as stated in `docs/adr/0426-chug-licence.md:3`",
    );
  });

  it("does not attribute a licence when its sentence names several datasets before it", () => {
    const files = {
      "docs/adr/0426-chug-licence.md": "# ADR-0426\n\nCHUG is released under CC BY-NC-SA 4.0.\n",
      "docs/research/0001-plan.md": "Ingest LSVQ alongside KonViD-150k (CC-BY licence, hosted on a mirror).\n",
      "docs/research/0002-audit.md": "BrightVQ resembles Beyond8Bits and CHUG (same crowd pipeline, CC BY 4.0).\n",
      "docs/ai/konvid.md": "KoNViD-150k is research-only.\n",
    };
    expect(runRule(datasetLicenseConflict, files)).toEqual([]);
    // One dataset named before the licence is still a statement about it.
    const single = { ...files, "docs/research/0002-audit.md": "Like CHUG (CC BY 4.0), the audit found no share-alike term.\n" };
    expect(brief(runRule(datasetLicenseConflict, single))).toEqual([["dataset-license-conflict", "warning", "docs/research/0002-audit.md", 1, 12]]);
  });

  it("knows the HDR datasets of the governed repository's licence audit", () => {
    const audit = [
      "| # | Dataset | License |",
      "|---|---|---|",
      "| 1 | BrightVQ | CC BY-NC 4.0 |",
      "| 2 | SJTU HDR Video Sequences | CC BY-NC-ND 4.0 |",
      "| 3 | HDR-VDC | CC BY 4.0 |",
      "",
    ].join("\n");
    expect(runRule(datasetLicenseConflict, { "docs/research/0136-audit.md": audit, "docs/ai/hdr.md": "BrightVQ is CC BY-NC 4.0.\n" })).toEqual([]);
    const permissive = runRule(datasetLicenseConflict, { "docs/research/0136-audit.md": audit, "docs/ai/hdr.md": "BrightVQ is CC BY 4.0.\n" });
    expect(brief(permissive)).toEqual([["dataset-license-conflict", "warning", "docs/ai/hdr.md", 1, 13]]);
  });

  it("reads a table without the outer pipes row by row, like a piped one", () => {
    const rows = [
      ["Option", "Pros"],
      ["KonViD-150k + LSVQ only", "Two ingestion adapters."],
      ["Add YouTube UGC alongside LSVQ + KonViD-150k", "CC-BY is permissively redistributable for derived weights."],
    ];
    const piped = rows.map((row, index) => `| ${row.join(" | ")} |\n${index === 0 ? "|---|---|\n" : ""}`).join("");
    const pipeless = rows.map((row, index) => `${row.join(" | ")}\n${index === 0 ? "--- | ---\n" : ""}`).join("");
    const other = { "docs/b.md": "KoNViD-150k is research-only.\n" };
    expect(runRule(datasetLicenseConflict, { "docs/a.md": piped, ...other })).toEqual([]);
    expect(runRule(datasetLicenseConflict, { "docs/a.md": pipeless, ...other })).toEqual([]);
  });

  it("attributes a licence to the dataset named earlier in the paragraph", () => {
    const findings = runRule(datasetLicenseConflict, {
      "docs/a.md": "LSVQ is hosted on a mirror. The\ncorpus is big; the licence is CC-BY-NC-4.0 per the card (same as BVI-DVC).\n",
      "docs/b.md": "| LSVQ | CC-BY-4.0 |\n",
    });
    expect(findings.map((f) => [f.file, f.line, f.message.includes("`LSVQ`")])).toEqual([["docs/a.md", 2, true]]);
  });

  it("does not report a passage that contrasts the two statements itself", () => {
    const contrast = "CHUG's README badge says CC BY-NC 4.0, while `license.txt` contains\nCreative Commons Attribution-NonCommercial-ShareAlike 4.0 text. Treat the stricter terms as binding.\n";
    expect(runRule(datasetLicenseConflict, { "docs/research/0003-chug.md": `# Research\n\n${contrast}` })).toEqual([]);
    // The same two statements in separate paragraphs are a disagreement.
    const apart = "CHUG's README badge says CC BY-NC 4.0.\n\nThe CHUG `license.txt` contains Creative Commons Attribution-NonCommercial-ShareAlike 4.0 text.\n";
    expect(brief(runRule(datasetLicenseConflict, { "docs/research/0003-chug.md": `# Research\n\n${apart}` }))).toEqual([
      ["dataset-license-conflict", "warning", "docs/research/0003-chug.md", 3, 26],
    ]);
  });

  it("keeps the reference in the catalogue's source document when another agreeing statement is added", () => {
    const files = {
      "docs/ai/training.md": "| Dataset | Licence |\n| --- | --- |\n| KoNViD-1k | CC BY 4.0 |\n",
      "docs/ai/konvid.md": "KoNViD-1k licence is research-only.\n",
    };
    const before = runRule(datasetLicenseConflict, files);
    // A new card whose path sorts first restates the catalogue's licence.
    const after = runRule(datasetLicenseConflict, { ...files, "docs/ai/a-card.md": "Trained on KoNViD-1k (CC BY 4.0).\n" });
    expect(before.map((f) => f.message)).toEqual([
      "Unexpected licence `research-only` for dataset `KoNViD-1k`, expected `CC BY 4.0` as stated in `docs/ai/training.md:3`",
    ]);
    expect(after.map((f) => f.message)).toEqual(before.map((f) => f.message));
  });

  it("reads only the configured paths", () => {
    const files = { "docs/a.md": "LSVQ is CC BY-NC 4.0.\n", "notes/b.md": "LSVQ is CC-BY-4.0.\n" };
    expect(runRule(datasetLicenseConflict, files)).toEqual([]);
    expect(runRule(datasetLicenseConflict, files, { rules: { "dataset-license-conflict": { options: { paths: ["**/*.md"] } } } })).toHaveLength(1);
  });
});
