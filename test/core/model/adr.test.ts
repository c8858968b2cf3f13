import { describe, expect, it } from "@jest/globals";
import { extractAdr } from "../../../src/core/model/adr.js";
import { extractAdrIndex } from "../../../src/core/model/adr-index.js";
import { extractMarkdownFacts } from "../../../src/core/model/markdown-facts.js";
import { readMarkdownFile } from "../../../src/core/model/markdown-file.js";
import { effectiveStatus, DEFAULT_ADR_STATUSES } from "../../../src/core/model/adr-status.js";

const read = (path: string, text: string) => readMarkdownFile(path, text);

describe("extractAdr", () => {
  it.each([
    ["# ADR-0123: A title", 123, "A title", 13],
    ["# ADR-0123 — A title", 123, "A title", 14],
    ["# ADR-0123 A title", 123, "A title", 12],
    ["# A title without number", null, "A title without number", 3],
  ])("reads the title %s", (title, number, text, column) => {
    const adr = extractAdr(read("docs/adr/0123-x.md", `${title}\n`));
    expect(adr.titleNumber?.value ?? null).toBe(number);
    expect(adr.title).toEqual({ value: text, line: 1, column });
  });

  it("reads wrapped bullet values with the position of the value", () => {
    const adr = extractAdr(read("docs/adr/0006-x.md", "# ADR-0006: T\n\n- **Status**: Superseded by\n  [ADR-0119](0119-y.md) (2026-04-19)\n- **Date**: 2026-04-17\n\n## Context\n"));
    expect(adr.status).toMatchObject({ value: "Superseded by [ADR-0119](0119-y.md) (2026-04-19)", line: 3, column: 15, form: "bold-bullet" });
    expect(adr.supersededBy).toEqual([{ value: 119, line: 4, column: 4 }]);
    expect(adr.date).toMatchObject({ value: "2026-04-17", line: 5, column: 13 });
  });

  it("reads a header table written without the outer pipes", () => {
    const adr = extractAdr(read("docs/adr/0313-x.md", "# ADR-0313 — T\n\nField | Value\n--- | ---\n**Status** | Accepted\nDate | 2026-05-01\n\n## Context\n"));
    expect(adr.status).toMatchObject({ value: "Accepted", line: 5, column: 14, form: "table" });
    expect(adr.date).toMatchObject({ value: "2026-05-01", line: 6, column: 8 });
  });

  it("reads a MADR-style YAML front matter header, and its closing line is not a section", () => {
    const text = '---\nstatus: "accepted"\ndate: 2026-05-01\ndeciders: lab\n---\n# ADR-0009: T\n\n## Context\n\nWhy.\n';
    const adr = extractAdr(read("docs/adr/0009-x.md", text));
    expect(adr.status).toMatchObject({ value: "accepted", line: 2, column: 10, form: "front-matter" });
    expect(adr.date).toMatchObject({ value: "2026-05-01", line: 3, column: 7 });
    expect(adr.titleNumber?.value).toBe(9);
    expect(adr.sections.map((s) => s.title)).toEqual(["Context"]);
  });

  it("reports invalid front matter at its line, as the file counts lines", () => {
    const adr = extractAdr(read("docs/adr/0010-x.md", "---\nstatus: superseded by ADR-0002: see there\ndate: 2026-05-01\n---\n# ADR-0010: T\n\n## Context\n"));
    expect(adr.problems).toEqual([{ message: "Invalid YAML front matter: Nested mappings are not allowed in compact mappings", line: 2, column: 9 }]);
  });

  it("reads fields in underscore bold, `__Status__:` and `__Date:__`", () => {
    const adr = extractAdr(read("docs/adr/0007-x.md", "# ADR-0007: T\n\n- __Status__: Accepted\n__Date:__ 2026-04-17\n\n## Context\n"));
    expect(adr.status).toMatchObject({ value: "Accepted", line: 3, column: 15, form: "bold-bullet" });
    expect(adr.date).toMatchObject({ value: "2026-04-17", line: 4, column: 11, form: "bare" });
  });

  it("reads table headers, bare lines and Status update appendices", () => {
    const table = extractAdr(read("docs/adr/0313-x.md", "# ADR-0313 — T\n\n| Field | Value |\n| --- | --- |\n| **Status** | Accepted |\n| Supersedes | — |\n\n## Context\n"));
    expect(table.status).toMatchObject({ value: "Accepted", line: 5, column: 16, form: "table" });
    expect(table.supersedes).toEqual([]);
    const bare = extractAdr(read("docs/adr/0416-x.md", "# ADR-0416: T\n\nStatus: Proposed\nDate: 2026-05-10\n\n## Context\n\n## Status update 2026-05-11: Accepted\n\n### Status update 2026-05-12: lane added\n"));
    expect(bare.status).toMatchObject({ value: "Proposed", line: 3, column: 9, form: "bare" });
    expect(bare.statusUpdates.map((u) => [u.date, u.text, u.depth, u.line])).toEqual([
      ["2026-05-11", "Accepted", 2, 8],
      ["2026-05-12", "lane added", 3, 10],
    ]);
    expect(effectiveStatus(bare, DEFAULT_ADR_STATUSES)).toMatchObject({ status: "Accepted", source: "status update", line: 8 });
  });
});

describe("extractAdrIndex", () => {
  it("finds the status column even when a title has unescaped pipes", () => {
    const index = extractAdrIndex(read("docs/adr/README.md", "| ID | Title | Status | Tags |\n|---|---|---|---|\n| [ADR-0001](0001-a.md) | uses `a|b` | Accepted | x |\n| [0002](0002-b.md) | B | Proposed | 2026-05-07 |\n"));
    expect(index.rows.map((r) => [r.number, r.status?.text, r.status?.line, r.status?.column])).toEqual([
      [1, "Accepted", 3, 40],
      [2, "Proposed", 4, 27],
    ]);
  });
});

describe("extractMarkdownFacts", () => {
  it("records ADR references outside code, with positions", () => {
    const facts = extractMarkdownFacts(read("docs/research/0001-d.md", "ADR-0001 and `ADR-0002`\n\n```\nADR-0003\n```\n[x]: ../adr/0004-y.md\n"));
    expect(facts.adrReferences.map((r) => [r.form, r.number, r.line, r.column, r.resolved])).toEqual([
      ["mention", 1, 1, 1, null],
      ["definition", 4, 6, 6, "docs/adr/0004-y.md"],
    ]);
  });
});
