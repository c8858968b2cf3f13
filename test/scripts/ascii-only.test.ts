import { describe, expect, it } from "@jest/globals";
// @ts-expect-error -- a plain ESM script without type declarations
import { asciiOnly } from "../../scripts/ascii-only.mjs";

const escape = asciiOnly as (text: string) => string;

describe("scripts/ascii-only.mjs", () => {
  it("escapes every non-ASCII character, and regular expressions keep their meaning", () => {
    const cases: Array<[string, string, string[]]> = [
      ["[−-]?\\d+", "", ["−0.5", "-0.5", "0.5"]],
      ["(?:≥|>=|⩾)\\s*(0?\\.\\d+)", "g", ["≥ 0.95", ">= 0.9", "⩾.95", "> 0.9"]],
      ["^[—–-]+$", "", ["—", "–-", "x"]],
      ["[✅❌]\\uFE0F?\\s*(pass|fail)", "i", ["✅ PASS", "❌️ fail", "PASS"]],
      ["😀+", "u", ["😀😀", "x"]],
      ["a😀", "", ["a😀", "a"]],
    ];
    for (const [source, flags, inputs] of cases) {
      const escaped = escape(source);
      expect(escaped).toMatch(/^[\x00-\x7f]*$/);
      const before = new RegExp(source, flags);
      const after = new RegExp(escaped, flags);
      for (const input of inputs) expect({ source, input, match: [...input.matchAll(new RegExp(after.source, `${flags.replace("g", "")}g`))].map((m) => m[0]) }).toEqual({ source, input, match: [...input.matchAll(new RegExp(before.source, `${flags.replace("g", "")}g`))].map((m) => m[0]) });
    }
  });

  it("leaves ASCII alone and refuses a backslash-escaped non-ASCII character", () => {
    expect(escape("const a = /x\\\\.y/; // plain")).toBe("const a = /x\\\\.y/; // plain");
    expect(escape("// a comment — with a dash")).toBe("// a comment \\u2014 with a dash");
    expect(escape("/[\\\\—]/")).toBe("/[\\\\\\u2014]/");
    expect(() => escape("/\\—/")).toThrow(/escaped non-ASCII character/);
  });
});
