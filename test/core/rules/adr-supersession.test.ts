import { describe, expect, it } from "@jest/globals";
import { adr, runRule, where } from "./adr-rules.helpers.js";

const date = "- **Date**: 2026-04-17";

describe("adr-supersession", () => {
  it("accepts a reciprocated pair (status text on one side, a field on the other)", () => {
    const files = {
      "docs/adr/0006-old.md": adr("0006", `- **Status**: Superseded by [ADR-0119](0119-new.md)\n${date}`),
      "docs/adr/0119-new.md": adr("0119", `- **Status**: Accepted\n${date}\n- **Supersedes**: [ADR-0006](0006-old.md)`),
    };
    expect(runRule("adr-supersession", files)).toEqual([]);
  });

  it("accepts `Status: Supersedes ...` and a table Superseded-by row", () => {
    const files = {
      "docs/adr/0025-old.md": adr("0025", `| Field | Value |\n|---|---|\n| Status | Superseded |\n| Superseded by | ADR-0105 |\n| Date | 2026-04-17 |`),
      "docs/adr/0105-new.md": adr("0105", `- Status: Supersedes [ADR-0025](0025-old.md)\n- Date: 2026-04-18`),
    };
    expect(runRule("adr-supersession", files)).toEqual([]);
  });

  it("does not read `Supersedes: nothing — extends ADR-X` as a supersession", () => {
    const files = {
      "docs/adr/0185-a.md": adr("0185", `- **Status**: Accepted\n${date}`),
      "docs/adr/0198-b.md": adr("0198", `- **Status**: Accepted\n${date}\n- **Supersedes**: nothing — extends [ADR-0185](0185-a.md)`),
    };
    expect(runRule("adr-supersession", files)).toEqual([]);
  });

  it("reports both one-sided directions at the claimed number", () => {
    const files = {
      "docs/adr/0272-a.md": adr("0272", `- **Status**: Accepted\n${date}`),
      "docs/adr/0291-b.md": adr("0291", `- **Status**: Accepted\n${date}\n- **Supersedes**: ADR-0272 (smoke scaffold)`),
      "docs/adr/0300-c.md": adr("0300", `- **Status**: Superseded by ADR-0272\n${date}`),
    };
    const findings = runRule("adr-supersession", files);
    expect(findings.map(where)).toEqual([
      "adr-supersession:error:docs/adr/0291-b.md:5:19",
      "adr-supersession:error:docs/adr/0300-c.md:3:29",
    ]);
    expect(findings[0]!.message).toBe("Unexpected one-sided `Supersedes ADR-0272`, expected `ADR-0272` to say `Superseded by ADR-0291`");
    expect(findings[1]!.message).toBe("Unexpected one-sided `Superseded by ADR-0272`, expected `ADR-0272` to say `Supersedes ADR-0300`");
    expect(findings[0]!.related?.[0]).toMatchObject({ file: "docs/adr/0272-a.md", line: 3 });
  });
});

describe("adr-supersession acknowledged in the body", () => {
  const old = adr("0492", `- **Status**: Superseded by [ADR-0512](0512-two-variant.md)\n${date}`);
  const withBody = (body: string) => ({
    "docs/adr/0492-fp64.md": old,
    "docs/adr/0512-two-variant.md": `${adr("0512", `- **Status**: Accepted\n${date}`)}\n## References\n\n${body}\n`,
  });

  it.each([
    ["a References item", "- ADR-0492: the fp64 promotion and hard refusal\n  (superseded by this ADR)."],
    ["a sentence", "This ADR supersedes [ADR-0492](0492-fp64.md) for every device."],
  ])("accepts the newer ADR saying it in %s", (_name, body) => {
    expect(runRule("adr-supersession", withBody(body))).toEqual([]);
  });

  it.each([
    ["names another superseder", "- ADR-0492 was superseded by ADR-0300 first."],
    ["says it only inside a code block", "```\nADR-0492 (superseded by this ADR)\n```"],
    ["says it of another ADR", "- ADR-0480 (superseded by this ADR).\n- ADR-0492: background."],
  ])("still reports when the body %s", (_name, body) => {
    expect(runRule("adr-supersession", withBody(body)).map(where)).toEqual(["adr-supersession:error:docs/adr/0492-fp64.md:3:30"]);
  });

  it("accepts the older ADR saying in its body that it is superseded", () => {
    const files = {
      "docs/adr/0272-a.md": `${adr("0272", `- **Status**: Accepted\n${date}`)}\n## Status update\n\nThis ADR is superseded by [ADR-0291](0291-b.md).\n`,
      "docs/adr/0291-b.md": adr("0291", `- **Status**: Accepted\n${date}\n- **Supersedes**: ADR-0272`),
    };
    expect(runRule("adr-supersession", files)).toEqual([]);
  });
});

describe("adr-supersession field wording", () => {
  it("accepts a partial supersession stated on both sides", () => {
    const files = {
      "docs/adr/0534-a.md": adr("0534", `- **Status**: Accepted (chart defaults superseded by [ADR-0538](0538-b.md))\n${date}`),
      "docs/adr/0538-b.md": adr("0538", `- **Status**: Accepted\n${date}\n- **Supersedes**: chart defaults from [ADR-0534](0534-a.md)`),
    };
    expect(runRule("adr-supersession", files)).toEqual([]);
    // Without the qualified field the status claim is one-sided.
    const unanswered = { ...files, "docs/adr/0538-b.md": adr("0538", `- **Status**: Accepted\n${date}`) };
    expect(runRule("adr-supersession", unanswered).map(where)).toEqual(["adr-supersession:error:docs/adr/0534-a.md:3:55"]);
  });

  it("does not read a partial amendment (`Supersedes: relaxes a clause of ADR-X`) as a supersession", () => {
    const files = {
      "docs/adr/0109-a.md": adr("0109", "- **Status**: Accepted\n- **Date**: 2026-04-18"),
      "docs/adr/0262-b.md": adr("0262", "- **Status**: Accepted\n- **Date**: 2026-05-03\n- **Supersedes**: relaxes a clause from\n  [ADR-0109](0109-a.md) §Decision"),
    };
    expect(runRule("adr-supersession", files)).toEqual([]);
  });
});
