import { describe, expect, it } from "@jest/globals";
import { adr, runRule, where } from "./adr-rules.helpers.js";

const date = "- **Date**: 2026-04-17";
const indexOf = (rows: string): string => `# ADRs\n\n| ID | Title | Status | Tags |\n| --- | --- | --- | --- |\n${rows}`;

describe("adr-index-sync", () => {
  it("accepts rows whose status word matches, qualifiers and Supersedes included", () => {
    const files = {
      "docs/adr/0101-a.md": adr("0101", `- **Status**: Accepted (phase A only)\n${date}`),
      "docs/adr/0105-b.md": adr("0105", `- **Status**: Accepted\n${date}\n- **Supersedes**: ADR-0101`),
      "docs/adr/README.md": indexOf("| [ADR-0101](0101-a.md) | A `x|y` | Accepted (phase A) | t |\n| [ADR-0105](0105-b.md) | B | Supersedes ADR-0101 | t |\n"),
    };
    expect(runRule("adr-index-sync", files)).toEqual([]);
  });

  it("lets the latest status update with a status win over the header", () => {
    const text = adr("0125", `- **Status**: Proposed\n${date}`, undefined,
      "\n### Status update 2026-05-08: Accepted\n\nDone.\n\n### Status update 2026-05-09: CI lane added\n");
    const files = { "docs/adr/0125-a.md": text, "docs/adr/README.md": indexOf("| [ADR-0125](0125-a.md) | A | Proposed | t |\n") };
    const findings = runRule("adr-index-sync", files);
    expect(findings.map(where)).toEqual(["adr-index-sync:warning:docs/adr/README.md:5:31"]);
    expect(findings[0]!.message).toBe(
      "Unexpected index status `Proposed` for `ADR-0125`, expected `Accepted` from its status update of 2026-05-08 (docs/adr/0125-a.md:26)",
    );
  });

  it("reports an empty status cell", () => {
    const files = { "docs/adr/0101-a.md": adr("0101", `- Status: Accepted\n- Date: 2026-04-17`), "docs/adr/README.md": indexOf("| [ADR-0101](0101-a.md) | A |  |  |\n") };
    expect(runRule("adr-index-sync", files).map((f) => f.message)).toEqual([
      "Missing index status for `ADR-0101`, expected `Accepted` from its Status field (docs/adr/0101-a.md:3)",
    ]);
  });

  it("reports at the index fragment, with the rendered README row as related", () => {
    const row = "| [ADR-0101](0101-a.md) | A | Proposed | t |\n";
    const files = {
      "docs/adr/0101-a.md": adr("0101", `- **Status**: Accepted\n${date}`),
      "docs/adr/README.md": indexOf(row),
      "docs/adr/_index_fragments/_header.md": "| ID | Title | Status | Tags |\n| --- | --- | --- | --- |\n",
      "docs/adr/_index_fragments/0101-a.md": row,
    };
    const findings = runRule("adr-index-sync", files);
    expect(findings.map(where)).toEqual(["adr-index-sync:warning:docs/adr/_index_fragments/0101-a.md:1:31"]);
    expect(findings[0]!.related?.map((r) => `${r.file}:${r.line}`)).toEqual(["docs/adr/0101-a.md:3", "docs/adr/README.md:5"]);
  });

  it("reads a fragment written as a titled table with its own header row", () => {
    // The governed repository's later fragments: `# ADR index entry`, then a one-row table.
    const fragment = (status: string): string =>
      `# ADR index entry\n\n| ID | Title | Status | Tags |\n| --- | --- | --- | --- |\n| [ADR-0101](0101-a.md) | A | ${status} | t |\n`;
    const files = (status: string) => ({
      "docs/adr/0101-a.md": adr("0101", `- **Status**: Accepted\n${date}`),
      "docs/adr/README.md": indexOf(""),
      "docs/adr/_index_fragments/_header.md": "| ID | Title | Status | Tags |\n| --- | --- | --- | --- |\n",
      "docs/adr/_index_fragments/0101-a.md": fragment(status),
    });
    expect(runRule("adr-index-sync", files("Accepted"))).toEqual([]);
    expect(runRule("adr-index-sync", files("Proposed")).map(where)).toEqual(["adr-index-sync:warning:docs/adr/_index_fragments/0101-a.md:5:31"]);
  });

  it("reports an ADR with no index row at its title, and says where a fragment would go", () => {
    const files = {
      "docs/adr/0101-a.md": adr("0101", `- **Status**: Accepted\n${date}`),
      "docs/adr/0102-b.md": adr("0102", `- **Status**: Proposed\n${date}`),
      "docs/adr/README.md": indexOf("| [ADR-0101](0101-a.md) | A | Accepted | t |\n"),
    };
    const findings = runRule("adr-index-sync", files);
    expect(findings.map(where)).toEqual(["adr-index-sync:warning:docs/adr/0102-b.md:1:1"]);
    expect(findings[0]!.message).toBe("Missing index row for `ADR-0102`, expected a row linking `0102-b.md` in `docs/adr/README.md`");
    const withFragments = {
      ...files,
      "docs/adr/_index_fragments/_header.md": "| ID | Title | Status | Tags |\n| --- | --- | --- | --- |\n",
      "docs/adr/_index_fragments/0101-a.md": "| [ADR-0101](0101-a.md) | A | Accepted | t |\n",
    };
    expect(runRule("adr-index-sync", withFragments).map((f) => f.message)).toEqual([
      "Missing index row for `ADR-0102`, expected a row linking `0102-b.md` in `docs/adr/README.md` (or a fragment in `docs/adr/_index_fragments/`)",
    ]);
  });

  it("holds no repository without an index to one, and lets requireRow be turned off", () => {
    const adrs = { "docs/adr/0101-a.md": adr("0101", `- **Status**: Accepted\n${date}`), "docs/adr/0102-b.md": adr("0102", `- **Status**: Accepted\n${date}`) };
    expect(runRule("adr-index-sync", adrs)).toEqual([]);
    const files = { ...adrs, "docs/adr/README.md": indexOf("| [ADR-0101](0101-a.md) | A | Accepted | t |\n") };
    expect(runRule("adr-index-sync", files, "rules:\n  adr-index-sync:\n    options:\n      requireRow: false\n")).toEqual([]);
  });
});
