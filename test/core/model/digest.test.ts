import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { extractDigest } from "../../../src/core/model/digest.js";
import { readMarkdownFile } from "../../../src/core/model/markdown-file.js";
import { PROJECT_ROOT } from "../../helpers/corpus.js";

function fixture(name: string) {
  const text = readFileSync(`${PROJECT_ROOT}/test/fixtures/digest/${name}`, "utf8");
  return extractDigest(readMarkdownFile(`docs/research/${name}`, text));
}

describe("extractDigest: header", () => {
  it("reads bullet fields, the title and companion ADRs", () => {
    const digest = fixture("0101-demo-loso-results.md");
    expect(digest.number).toBe(101);
    expect(digest.titleNumber).toBe(101);
    expect(digest.title).toEqual({ value: "Research-0101: demo_regressor_v2 LOSO evaluation", line: 1, column: 1 });
    expect(digest.fields.date).toEqual({ value: "2026-01-15", line: 3, column: 13 });
    expect(digest.fields.status?.value).toBe("Closed (gate cleared)");
    expect(digest.companionAdrs).toEqual([42]);
    expect(digest.problems).toEqual([]);
  });

  it("reads a digest saved with a byte order mark like one without", () => {
    const text = readFileSync(`${PROJECT_ROOT}/test/fixtures/digest/0101-demo-loso-results.md`, "utf8");
    const withMark = extractDigest(readMarkdownFile("docs/research/0101-demo-loso-results.md", `\uFEFF${text}`));
    const without = extractDigest(readMarkdownFile("docs/research/0101-demo-loso-results.md", text));
    expect(withMark.title).toEqual({ value: "Research-0101: demo_regressor_v2 LOSO evaluation", line: 1, column: 1 });
    expect(withMark).toEqual(without);
  });

  it("reads a YAML front matter header", () => {
    const text = "---\ndate: 2026-05-05\nstatus: Closed\n---\n# Research-0105: demo\n\n## Question\n\nWhy?\n";
    const digest = extractDigest(readMarkdownFile("docs/research/0105-demo.md", text));
    expect(digest.fields.date).toMatchObject({ value: "2026-05-05", line: 2, column: 7 });
    expect(digest.fields.status).toMatchObject({ value: "Closed", line: 3 });
    expect(digest.titleNumber).toBe(105);
  });

  it("takes a file that opens with a thematic break for a file without front matter", () => {
    const text = "---\n# Research-0106: demo\n\n- **Date**: 2026-05-06\n\n---\n\n## Question\n";
    const digest = extractDigest(readMarkdownFile("docs/research/0106-demo.md", text));
    expect(digest.fields.date).toMatchObject({ value: "2026-05-06", line: 4 });
  });

  it("splits several fields written on one line", () => {
    const digest = fixture("0102-demo-comparison-only.md");
    expect(digest.fields.date).toMatchObject({ value: "2026-01-20", line: 3, column: 7 });
    expect(digest.fields.status).toMatchObject({ value: "Draft", line: 3 });
    expect(digest.fields["companion adr"]?.value).toBe("ADR-0043");
    expect(digest.companionAdrs).toEqual([43]);
  });

  it("reads a field table", () => {
    const digest = fixture("0103-demo-prose-mean.md");
    expect(digest.fields.date).toMatchObject({ value: "2026-02-01", line: 3 });
    expect(digest.fields.status?.value).toBe("Complete");
  });

  it("reads a field table written without the outer pipes, at the value's column", () => {
    const text = "# Research-0104: demo\n\nField | Value\n:--- | ---\n**Date** | 2026-02-03\nStatus | Complete\n\n## Question\n\nWhy?\n";
    const digest = extractDigest(readMarkdownFile("docs/research/0104-demo.md", text));
    expect(digest.fields).toEqual({
      date: { value: "2026-02-03", line: 5, column: 12 },
      status: { value: "Complete", line: 6, column: 10 },
    });
  });

  it.each([
    ["**Date**: 2026-03-01\n**Status**: Accepted — informs ADR-0100.\n", "2026-03-01", "Accepted — informs ADR-0100"],
    ["_Updated: 2026-04-28._\n", undefined, undefined],
    ["- **Status:** Complete\n- **Date:** 2026-05-03\n", "2026-05-03", "Complete"],
    ["- Date: 2026-05-03\n- Status: Informational\n", "2026-05-03", "Informational"],
  ])("reads header form %#", (header, date, status) => {
    const digest = extractDigest(readMarkdownFile("docs/research/0200-x.md", `# Research-0200: X\n\n${header}\n## Body\n\ntext\n`));
    expect(digest.fields.date?.value).toBe(date);
    expect(digest.fields.status?.value).toBe(status);
  });

  it("keeps `_Updated:` as an `updated` field", () => {
    const digest = extractDigest(readMarkdownFile("docs/research/0200-x.md", "# Research-0200 — X\n\n_Updated: 2026-04-28._\n"));
    expect(digest.fields.updated?.value).toBe("2026-04-28");
  });
});

describe("extractDigest: LOSO tables", () => {
  it("finds the per-fold table, its folds, summaries and model", () => {
    const digest = fixture("0101-demo-loso-results.md");
    expect(digest.losoTables).toHaveLength(1);
    const table = digest.losoTables[0]!;
    expect(table).toMatchObject({ line: 16, column: 1, modelIds: ["demo_regressor_v2"] });
    expect(table.folds.map((f) => f.name)).toEqual(["Alpha_25fps", "Beta_30fps", "Gamma_24fps"]);
    expect(table.folds[1]!.values.plcc).toMatchObject({ value: 0.92, decimals: 4, line: 19 });
    expect(table.summaries.map((s) => [s.kind, s.line, s.values.plcc?.text ?? null, s.values.rmse?.text ?? null])).toEqual([
      ["mean", 21, "0.9533", "4.20"],
      ["std", 21, "0.0306", "1.05"],
      ["min", 22, "0.9200", null],
    ]);
  });

  it("ignores per-model and per-seed tables", () => {
    expect(fixture("0102-demo-comparison-only.md").losoTables).toEqual([]);
  });

  it("attaches a prose mean, the section's model and short version headings", () => {
    const digest = fixture("0103-demo-prose-mean.md");
    expect(digest.losoTables.map((t) => [t.line, t.modelIds])).toEqual([
      [13, ["demo_regressor_v3"]],
      [21, ["vmaf_demo_v4"]],
    ]);
    const first = digest.losoTables[0]!;
    expect(first.summaries).toEqual([
      { kind: "mean", line: 11, values: { plcc: expect.objectContaining({ value: 0.9975, column: 35 }) }, source: "prose" },
      { kind: "std", line: 11, values: { plcc: expect.objectContaining({ value: 0.0013 }) }, source: "prose" },
    ]);
    expect(digest.losoTables[1]!.summaries.map((s) => [s.kind, s.stdKind])).toEqual([
      ["mean", undefined],
      ["std", "sample"],
    ]);
  });
});

describe("extractDigest: planned, expected and quoted tables", () => {
  it("keeps expected, target and quoted tables out of the stated results", () => {
    const digest = fixture("0105-demo-retrain-plan.md");
    expect(digest.otherLosoTables.map((t) => [t.line, t.role, t.modelIds])).toEqual([
      [14, "expected", ["demo_regressor_v2"]],
      [25, "expected", ["demo_regressor_v2"]],
      [32, "quoted", ["demo_regressor_v2"]],
    ]);
    expect(digest.otherLosoTables[0]!.roleReason).toBe(
      "the sentence introducing it says `Per-fold expected PLCC (from Research-0101 on the deterministic run):`",
    );
    expect(digest.otherLosoTables[1]!.roleReason).toBe("the PLCC column is headed `Target PLCC`");
    expect(digest.otherLosoTables[2]!.roleReason).toBe("its heading is `4. Baselines (from Research-0101)`");
    // The measured column of the "measured vs expected" table is a result.
    expect(digest.losoTables.map((t) => [t.line, t.role, t.plccHeader, t.folds.map((f) => f.values.plcc?.text)])).toEqual([
      [39, "result", "Measured PLCC", ["0.9612", "0.9188"]],
    ]);
  });

  it("marks ordinary result tables as results", () => {
    expect(fixture("0101-demo-loso-results.md").losoTables.map((t) => t.role)).toEqual(["result"]);
    expect(fixture("0101-demo-loso-results.md").otherLosoTables).toEqual([]);
  });
});

describe("extractDigest: command blocks and status section", () => {
  it("lists every fenced command block with its section and a `Reproducer:` label", () => {
    const digest = fixture("0106-demo-reproducer-label.md");
    expect(digest.reproducer).toBeNull();
    expect(digest.commandBlocks.map((b) => [b.line, b.lang, b.heading?.text, b.label?.value ?? null])).toEqual([
      [8, "bash", "Setup", null],
      [18, "bash", "LOSO sweep", "Reproducer:"],
    ]);
    expect(digest.commandBlocks[1]!.label).toEqual({ value: "Reproducer:", line: 16, column: 1 });
  });

  it("reads a `## Status` section, but not a `Status update` appendix", () => {
    expect(fixture("0106-demo-reproducer-label.md").statusSection).toEqual({ value: "Closed: the merged corpus is the new default.", line: 33, column: 1 });
    const appendix = extractDigest(readMarkdownFile("docs/research/0300-x.md", "# R\n\n## Status update 2026-01-01: Accepted\n\nDone.\n"));
    expect(appendix.statusSection).toBeUndefined();
  });
});

describe("extractDigest: reproducer", () => {
  it("collects fenced command blocks under a Reproducer heading", () => {
    const digest = fixture("0101-demo-loso-results.md");
    expect(digest.reproducer).toEqual({
      line: 30,
      column: 1,
      commands: [{ value: "python train.py --loso --seed 0", line: 32, column: 1, lang: "bash" }],
    });
  });

  it("records a reproducer section without commands when it has only indented code and data", () => {
    expect(fixture("0103-demo-prose-mean.md").reproducer).toEqual({ line: 36, column: 1, commands: [] });
    expect(fixture("0102-demo-comparison-only.md").reproducer).toBeNull();
  });
});

describe("extractDigest: robustness", () => {
  it.each([
    ["empty", ""],
    ["no title", "just text\n"],
    ["broken table", "# R\n\n| fold | PLCC |\n|---|\n| a | 0.9 | extra |\n| b |\n"],
    ["unclosed fence", "# R\n\n## Reproducer\n\n```bash\nrun\n"],
  ])("does not throw on %s", (_name, text) => {
    const digest = extractDigest(readMarkdownFile("docs/research/0300-x.md", text));
    expect(digest.kind).toBe("digest");
    expect(digest.problems).toEqual([]);
  });
});
