import { describe, expect, it } from "@jest/globals";
import { extractBoldField, extractMetricText, parseDecimalText } from "../../../src/core/report/card-fields.js";

describe("extractBoldField", () => {
  it.each<[string, string | undefined]>([
    ["- **Corpus kind**: `real-N=2592`\n", "real-N=2592"],
    ["- **Corpus kind**: real-N=2592 (four GPUs)\n", "real-N=2592 (four GPUs)"],
    ["- **Corpus kind**:\n  `real-N=2592`\n", "real-N=2592"], // Python's \s* crosses the newline
    ["- **Corpus kind**:\n- **Train rows**: 80\n", "- **Train rows**: 80"],
    ["- **Corpus kind**:   ", ""], // backtracks to a single space, which strips to empty
    ["  - **Corpus kind**: indented\n", undefined], // ^ anchors at the line start
    ["x\r- **Corpus kind**: after CR\n", undefined], // ^ does not fire after a lone \r
    ["- **Corpus kind** : spaced\n", undefined],
    ["intro\n- **Corpus kind**: `a` then `b`\n", "a"],
  ])("reads %j as %j", (text, expected) => {
    expect(extractBoldField(text, "Corpus kind")).toBe(expected);
  });
});

describe("extractMetricText", () => {
  it.each<[string, string | undefined]>([
    ["| PLCC | 0.9912 |", "0.9912"],
    ["|PLCC|.95|", ".95"],
    ["| PLCC |\n 0.5 |", "0.5"], // \s* crosses the newline here too
    ["| PLCC | **0.99** |\n| PLCC | 0.98 |", "0.98"], // the first row that matches wins
    ["| PLCC (val) | 0.99 |", undefined],
    ["text | PLCC | 0.99 |", undefined],
  ])("reads %j as %j", (text, expected) => {
    expect(extractMetricText(text, "PLCC")).toBe(expected);
  });
});

describe("parseDecimalText", () => {
  it.each<[string, number | undefined]>([
    ["1.", 1],
    [".5", 0.5],
    ["007", 7],
    [".", undefined],
    ["1.2.3", undefined],
  ])("parses %j as %p", (text, expected) => {
    expect(parseDecimalText(text)).toBe(expected);
  });
});
