import { describe, expect, it } from "@jest/globals";
import { compactLocations, compactPositionOf, locateJson, positionOf, toPointer } from "../../../src/core/model/json-locate.js";

const TEXT = `{
  "id": "m1",
  "training": {
    "loso_folds": [
      { "held_out": "A", "plcc": 0.9 },
      { "held_out": "B/C", "plcc": 0.8 }
    ],
    "a~b": [1, 2]
  }
}`;

describe("locateJson", () => {
  const locations = locateJson(TEXT);

  it.each([
    ["/id", 2, 3],
    ["/training", 3, 3],
    ["/training/loso_folds", 4, 5],
    ["/training/loso_folds/1/held_out", 6, 9],
    ["/training/a~0b", 8, 5],
  ])("puts %s at the key (%i:%i)", (pointer, line, column) => {
    expect(positionOf(locations, pointer)).toEqual({ line, column });
  });

  it("locates array elements at their value", () => {
    expect(locations.get("/training/loso_folds/0")).toMatchObject({ line: 5, column: 7 });
    expect(locations.get("/training/a~0b/1")).toMatchObject({ line: 8, column: 16 });
  });

  it("falls back to the nearest located ancestor", () => {
    expect(positionOf(locations, "/training/loso_folds/0/srocc")).toEqual({ line: 5, column: 7 });
    expect(positionOf(locations, "/nothing/here")).toEqual({ line: 1, column: 1 });
  });

  it("escapes pointer tokens", () => {
    expect(toPointer(["a/b", "c~d", 3])).toBe("/a~1b/c~0d/3");
    expect(positionOf(locations, toPointer(["training", "loso_folds", 1, "held_out"]))).toEqual({ line: 6, column: 9 });
  });

  it("omits scalars in arrays when asked, but keeps containers", () => {
    const compact = compactLocations(locateJson(TEXT, { scalarsInArrays: false }));
    expect(compact["/training/a~0b/0"]).toBeUndefined();
    expect(compact["/training/loso_folds/1"]).toEqual([6, 7]);
    expect(compactPositionOf(compact, "/training/a~0b/1")).toEqual({ line: 8, column: 5 });
  });

  it("keeps what it located before malformed input and does not throw", () => {
    const broken = locateJson('{\n  "a": 1,\n  "b": [tru\n}');
    expect(broken.get("/a")).toMatchObject({ key: { line: 2, column: 3 } });
    expect(broken.has("/b")).toBe(true);
  });

  it("stops at a string cut off after a backslash, a newline or the end of the text", () => {
    for (const text of ['{"a": 1, "b": "x\\', '{"a": 1, "b": "x\n"}', '{"a": 1, "b": "x']) {
      const located = locateJson(text);
      expect(located.get("/a")).toMatchObject({ key: { line: 1, column: 2 } });
      expect(located.has("/b")).toBe(true);
    }
  });

  it("skips long strings and unrecorded scalars without losing positions", () => {
    const text = `{\n  "svm": "${"x".repeat(50_000)}\\"y",\n  "w": [${Array.from({ length: 2_000 }, (_, i) => i * 0.5).join(", ")}],\n  "after": {"k": -1.5e-3}\n}`;
    const located = locateJson(text, { scalarsInArrays: false });
    expect(located.get("/after/k")).toMatchObject({ key: { line: 4, column: 13 } });
    expect(located.has("/w/0")).toBe(false);
    expect(located.get("/w")).toMatchObject({ key: { line: 3, column: 3 } });
  });

  it("handles escaped keys, CRLF and a byte-order mark", () => {
    const located = locateJson('\uFEFF{\r\n  "q\\"k": "x\\\\"\r\n}');
    expect(positionOf(located, '/q"k')).toEqual({ line: 2, column: 3 });
  });
});
