import { describe, expect, it } from "@jest/globals";
import {
  formatFixed,
  pythonFloatRepr,
  pythonNumber,
  pythonStr,
  pythonStrip,
  pythonStringRepr,
} from "../../../src/core/report/python-format.js";
import { parsePythonJson, PyFloat, PyInt } from "../../../src/core/report/python-json.js";

describe("formatFixed matches Python's f-string `.Nf`", () => {
  // Expected values are what CPython prints for f"{value:.{digits}f}".
  it.each<[number, number, string]>([
    [0.03125, 4, "0.0312"], // exact tie, even digit stays (toFixed says 0.0313)
    [0.96875, 4, "0.9688"], // exact tie, odd digit rounds up
    [0.0078125, 6, "0.007812"],
    [2.5, 0, "2"],
    [3.5, 0, "4"],
    [1.2345, 4, "1.2345"], // binary value is just below the tie
    [0.98765, 4, "0.9877"], // binary value is just above the tie
    [0.0009510602756565012, 6, "0.000951"],
    [1e-5, 4, "0.0000"],
    [216, 4, "216.0000"],
    [1e22, 2, "10000000000000000000000.00"],
    [5e-324, 4, "0.0000"],
    [-0.00001, 4, "-0.0000"],
    [-0, 4, "-0.0000"],
    [Number.POSITIVE_INFINITY, 4, "inf"],
    [Number.NaN, 4, "nan"],
  ])("formats %p to %p places as %p", (value, digits, expected) => {
    expect(formatFixed(value, digits)).toBe(expected);
  });

  it.each<[number, string]>([
    [0.0037, "+0.0037"],
    [0, "+0.0000"],
    [-0.00235, "-0.0024"],
    [0.98765 - 0.99, "-0.0023"],
    [-0.00001, "-0.0000"],
  ])("signs %p as %p", (value, expected) => {
    expect(formatFixed(value, 4, { sign: true })).toBe(expected);
  });
});

describe("pythonFloatRepr matches repr(float)", () => {
  it.each<[number, string]>([
    [216, "216.0"],
    [0.1, "0.1"],
    [1e-5, "1e-05"],
    [0.0001, "0.0001"],
    [1.5e16, "1.5e+16"],
    [1e16, "1e+16"],
    [1e15, "1000000000000000.0"],
    [123456789.125, "123456789.125"],
    [1.7976931348623157e308, "1.7976931348623157e+308"],
    [5e-324, "5e-324"],
    [-0, "-0.0"],
    [-2.5e-7, "-2.5e-07"],
    [Number.NEGATIVE_INFINITY, "-inf"],
  ])("prints %p as %p", (value, expected) => {
    expect(pythonFloatRepr(value)).toBe(expected);
  });
});

describe("pythonStr matches str() of json.loads values", () => {
  it.each<[string, string]>([
    ["216", "216"],
    ["216.0", "216.0"],
    ["-0", "0"],
    ["1E2", "100.0"],
    ["123456789012345678901234567890", "123456789012345678901234567890"],
    ["true", "True"],
    ["null", "None"],
    ['"text"', "text"],
    ['[1, 2.5, "a", false]', "[1, 2.5, 'a', False]"],
    ['{"k": {"n": null}, "q": "it\'s"}', "{'k': {'n': None}, 'q': \"it's\"}"],
    ['{"a": 1, "a": 2}', "{'a': 2}"],
  ])("prints %s as %s", (json, expected) => {
    expect(pythonStr(parsePythonJson(json))).toBe(expected);
  });

  it.each<[string, string]>([
    ["plain", "'plain'"],
    ["it's", '"it\'s"'],
    ["both ' and \"", "'both \\' and \"'"],
    ["tab\there\n", "'tab\\there\\n'"],
    ["\u0007\u00a0\u200b", "'\\x07\\xa0\\u200b'"],
    ["é", "'é'"],
  ])("reprs %j as %s", (text, expected) => {
    expect(pythonStringRepr(text)).toBe(expected);
  });
});

describe("pythonNumber follows isinstance(value, int | float)", () => {
  it("treats booleans as ints and rejects strings and null", () => {
    expect(pythonNumber(true)).toBe(1);
    expect(pythonNumber(false)).toBe(0);
    expect(pythonNumber(new PyInt(7n))).toBe(7);
    expect(pythonNumber(new PyFloat(0.5))).toBe(0.5);
    expect(pythonNumber("0.5")).toBeUndefined();
    expect(pythonNumber(null)).toBeUndefined();
    expect(pythonNumber(undefined)).toBeUndefined();
  });
});

describe("pythonStrip", () => {
  it("strips Python whitespace, which differs from String.prototype.trim", () => {
    expect(pythonStrip("\u001f x \u0085")).toBe("x");
    expect(pythonStrip("\ufeffx")).toBe("\ufeffx");
  });
});
