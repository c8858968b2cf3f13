import { describe, expect, it } from "@jest/globals";
import { BUILT_IN_DATASETS, datasetCatalogue, findLicenseExpressions, licensesAgree, mayStateDataLicense } from "../../../src/core/model/datasets.js";

describe("dataset catalogue", () => {
  const catalogue = datasetCatalogue({ datasets: [] });

  it("marks CHUG non-commercial and cites a source for every entry", () => {
    expect(catalogue.lookup("chug")).toMatchObject({ license: "CC-BY-NC-SA-4.0", nonCommercial: true });
    for (const entry of BUILT_IN_DATASETS) expect(entry.source.length).toBeGreaterThan(0);
  });

  it.each([
    ["KonViD-150k", "KoNViD-150k"],
    ["youtube ugc", "YouTube-UGC"],
    ["DUTS-TR", "DUTS"],
    ["NFLX Public", "Netflix Public Dataset"],
  ])("looks up %s as %s", (name, expected) => {
    expect(catalogue.lookup(name)?.name).toBe(expected);
  });

  it("finds mentions, longest name first, on word boundaries", () => {
    const text = "Trained on KoNViD-150k and LIVE VQC, not on XCHUGX.";
    expect(catalogue.mentions(text).map((m) => [m.dataset.name, text.slice(m.index, m.index + m.length)])).toEqual([
      ["KoNViD-150k", "KoNViD-150k"],
      ["LIVE-VQC", "LIVE VQC"],
    ]);
  });

  it("does not read a dataset name out of a link's address or a bare URL, but keeps the link's text", () => {
    const text = "CC-BY 4.0 [verified](https://example.org/konvid-1k-database.html), see https://example.org/lsvq/ and [DUTS-TR](../duts.md) (<https://example.org/chug>).";
    expect(catalogue.mentions(text).map((m) => [m.dataset.name, text.slice(m.index, m.index + m.length)])).toEqual([["DUTS", "DUTS-TR"]]);
  });

  it("lets configuration replace a built-in entry", () => {
    const configured = datasetCatalogue({ datasets: [{ name: "CHUG", aliases: [], license: "CC-BY-4.0", nonCommercial: false, source: "x" }] });
    expect(configured.lookup("CHUG")?.nonCommercial).toBe(false);
  });
});

describe("licence expressions", () => {
  it.each([
    ["CC BY-NC 4.0", "CC-BY-NC-4.0", true],
    ["CC-BY-NC-SA-4.0", "CC-BY-NC-SA-4.0", true],
    ["Creative Commons Attribution-NonCommercial-ShareAlike 4.0", "CC-BY-NC-SA-4.0", true],
    ["Creative Commons Attribution", "CC-BY", false],
    ["CC-BY 4.0", "CC-BY-4.0", false],
    ["research-only", "LicenseRef-research-only", true],
    ["research-only-non-commercial", "LicenseRef-non-commercial", true],
    ["Apache License 2.0", "Apache-2.0", false],
  ])("reads %s as %s", (text, id, nonCommercial) => {
    expect(findLicenseExpressions(`x ${text} y`)).toEqual([{ id, nonCommercial, text, index: 2 }]);
  });

  it.each([
    "CC BY-NC 4.0",
    "cc-by-sa",
    "CCBY 4.0",
    "Creative Commons Attribution",
    "creative commons attribution-noncommercial",
    "research-only",
    "Research use only",
    "research only non commercial",
    "non-commercial use",
  ])("lets the quick test pass every data licence form: %s", (text) => {
    expect(findLicenseExpressions(`x ${text} y`).some((l) => l.id.startsWith("CC-") || l.id.startsWith("LicenseRef-"))).toBe(true);
    expect(mayStateDataLicense(`x ${text} y`)).toBe(true);
  });

  it("rules out text with software licences or none", () => {
    expect(mayStateDataLicense("Released under the MIT licence; Apache-2.0 and BSD-3-Clause code.")).toBe(false);
    expect(mayStateDataLicense("# ADR-0001\n\nNo licence here.\n")).toBe(false);
  });

  it.each([
    ["CC-BY", "CC-BY-4.0", true],
    ["CC-BY-3.0", "CC-BY-4.0", false],
    ["CC-BY-NC-4.0", "CC-BY-NC-SA-4.0", false],
    ["LicenseRef-research-only", "CC-BY-NC-4.0", true],
    ["LicenseRef-research-only", "CC-BY-4.0", false],
  ])("%s agrees with %s: %s", (a, b, expected) => {
    const terms = (id: string) => ({ id, nonCommercial: /NC|research/.test(id) });
    expect(licensesAgree(terms(a), terms(b))).toBe(expected);
  });
});
