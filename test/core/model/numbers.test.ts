import { describe, expect, it } from "@jest/globals";
import { findNumbers, halfUnit, parsePrintedNumber, parseValueWithSpread, shortestDecimals } from "../../../src/core/model/numbers.js";

describe("parsePrintedNumber", () => {
  it.each([
    ["0.9681", 0.9681, 4, 1],
    ["**0.9266**", 0.9266, 4, 3],
    ["\u22120.012", -0.012, 3, 1],
    ["-0.5", -0.5, 1, 1],
    ["1 500", 1500, 0, 1],
    ["33\u202f840 rows", 33840, 0, 1],
    ["12.4922 VMAF", 12.4922, 4, 1],
    ["9.5 \\times 10^{-4}", 0.00095, 5, 1],
    ["5e-3", 0.005, 3, 1],
    ["| 14.907 |", 14.907, 3, 3],
  ])("reads %j", (text, value, decimals, column) => {
    const parsed = parsePrintedNumber(text, 7, 1);
    expect(parsed).not.toBeNull();
    expect(parsed!.value).toBeCloseTo(value, 12);
    expect(parsed!.decimals).toBe(decimals);
    expect(parsed!.line).toBe(7);
    expect(parsed!.column).toBe(column);
  });

  it.each(["—", "n/a", "", "fr_regressor_v2"])("finds no number in %j", (text) => {
    expect(parsePrintedNumber(text)).toBeNull();
  });

  it("does not read digits that are part of identifiers", () => {
    expect(findNumbers("vmaf_tiny_v3 on ElFuente1 scored 0.99", 1, 1).map((n) => n.number.value)).toEqual([0.99]);
  });
});

describe("parseValueWithSpread", () => {
  it("reads a bold mean ± std cell with both columns", () => {
    const parsed = parseValueWithSpread("| **0.9681 ± 0.0207** ", 4, 10);
    expect(parsed?.value).toMatchObject({ value: 0.9681, decimals: 4, column: 14 });
    expect(parsed?.spread).toMatchObject({ value: 0.0207, decimals: 4, column: 23 });
  });

  it("reads +/- and a value without spread", () => {
    expect(parseValueWithSpread("14.9 +/- 2.2")?.spread?.value).toBe(2.2);
    expect(parseValueWithSpread("**5.233**")?.spread).toBeUndefined();
  });
});

describe("shortestDecimals and halfUnit", () => {
  it.each([
    [0.9974702012216462, 16],
    [0.25, 2],
    [3, 0],
    [1e-7, 7],
    [1.5e-7, 8],
  ])("%p has %p decimals", (value, decimals) => {
    expect(shortestDecimals(value)).toBe(decimals);
  });

  it("is half a unit of the last digit", () => {
    expect(halfUnit(4)).toBeCloseTo(0.00005, 12);
  });
});
