import { describe, expect, it } from "@jest/globals";
import { parsePythonJson, PyFloat, PyInt, PythonJsonError } from "../../../src/core/report/python-json.js";

describe("parsePythonJson", () => {
  it("keeps ints and floats apart and ints exact", () => {
    const data = parsePythonJson('{"a": 216, "b": 216.0, "c": 12345678901234567890, "d": -1e-5}') as Map<string, unknown>;
    expect(data.get("a")).toEqual(new PyInt(216n));
    expect(data.get("b")).toEqual(new PyFloat(216));
    expect(data.get("c")).toEqual(new PyInt(12345678901234567890n));
    expect(data.get("d")).toEqual(new PyFloat(-1e-5));
  });

  it("accepts Python's NaN and Infinity literals and keeps the last duplicate key", () => {
    const data = parsePythonJson('{"x": NaN, "y": -Infinity, "x": 1}') as Map<string, unknown>;
    expect([...data.keys()]).toEqual(["x", "y"]);
    expect(data.get("x")).toEqual(new PyInt(1n));
    expect((data.get("y") as PyFloat).value).toBe(Number.NEGATIVE_INFINITY);
  });

  it("decodes escapes including surrogate pairs", () => {
    expect(parsePythonJson('"a\\n\\u00e9\\ud83d\\ude00\\/"')).toBe("a\né\u{1F600}/");
  });

  it.each([
    ["{", /Expecting property name/],
    ['{"a" 1}', /Expecting ':' delimiter/],
    ["[1 2]", /Expecting ',' delimiter/],
    ["01", /Extra data/],
    ["\ufeff{}", /BOM/],
    ['"a\tb"', /Invalid control character/],
    ['"\\x"', /Invalid \\escape/],
    ["", /Expecting value/],
  ])("rejects %j", (text, message) => {
    expect(() => parsePythonJson(text)).toThrow(PythonJsonError);
    expect(() => parsePythonJson(text)).toThrow(message);
  });

  it("reports the line and column of the problem", () => {
    let error: PythonJsonError | undefined;
    try {
      parsePythonJson('{\n  "a": ,\n}');
    } catch (caught) {
      error = caught as PythonJsonError;
    }
    expect(error?.line).toBe(2);
    expect(error?.column).toBe(8);
  });
});
