import { describe, expect, it } from "@jest/globals";
import { splitLines } from "../../src/core/types.js";

describe("splitLines", () => {
  it.each([
    ["LF", "a\nb\n", ["a", "b", ""]],
    ["CRLF", "a\r\nb\r\n", ["a", "b", ""]],
    ["mixed", "a\r\nb\nc", ["a", "b", "c"]],
    ["a lone CR stays in its line", "a\rb\nc", ["a\rb", "c"]],
    ["no newline", "abc", ["abc"]],
    ["empty", "", [""]],
  ])("splits %s text like split(/\\r?\\n/)", (_name, text, lines) => {
    expect(splitLines(text)).toEqual(lines);
    expect(splitLines(text)).toEqual(text.split(/\r?\n/));
  });
});
