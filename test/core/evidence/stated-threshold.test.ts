import { describe, expect, it } from "@jest/globals";
import { statedThreshold } from "../../../src/core/evidence/verdicts.js";

describe("statedThreshold", () => {
  it.each([
    ["clears the ≥ 0.95 threshold", 0.95],
    ["PLCC >= 0.95", 0.95],
    ["threshold of 0.9", 0.9],
    ["a gate of **0.95**", 0.95],
    ["mean PLCC 0.929 clears the 0.95 gate", 0.95],
    ["misses the 0.95 PLCC threshold", 0.95],
    ["above the `0.95` LOSO floor", 0.95],
    ["0.95 ship gate", 0.95],
  ])("reads %s", (text, expected) => {
    expect(statedThreshold(text)).toBe(expected);
  });

  it("gives null without a threshold, and ambiguous for two different ones", () => {
    expect(statedThreshold("mean PLCC 0.929, SROCC 0.92")).toBeNull();
    expect(statedThreshold("the surrogate gate (PLCC ≥ 0.75) clears; the 0.85 gate does not")).toBe("ambiguous");
  });
});
