import { describe, expect, it } from "@jest/globals";
import { max, mean, min, populationStd, sampleStd } from "../../src/core/stats.js";

describe("stats", () => {
  const values = [2, 4, 4, 4, 5, 5, 7, 9];

  it.each([
    ["mean", mean(values), 5],
    ["population std", populationStd(values), 2],
    ["sample std", sampleStd(values), Math.sqrt(32 / 7)],
    ["min", min(values), 2],
    ["max", max(values), 9],
  ])("%s", (_name, actual, expected) => {
    expect(actual).toBeCloseTo(expected, 12);
  });

  it("returns NaN where the statistic is undefined", () => {
    expect(mean([])).toBeNaN();
    expect(sampleStd([1])).toBeNaN();
    expect(populationStd([])).toBeNaN();
    expect(min([])).toBeNaN();
    expect(max([])).toBeNaN();
    expect(populationStd([3])).toBe(0);
  });
});
