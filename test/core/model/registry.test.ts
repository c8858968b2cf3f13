import { describe, expect, it } from "@jest/globals";
import { findRegistryEntry, readRegistry, registryPosition } from "../../../src/core/model/registry.js";

const TEXT = `{
  "schema_version": 1,
  "models": [
    {
      "id": "a",
      "kind": "fr",
      "onnx": "a.onnx",
      "sha256": "00",
      "smoke": false,
      "license": "MIT"
    },
    {
      "id": "b",
      "kind": 7,
      "smoke": true
    },
    "oops"
  ]
}`;

describe("readRegistry", () => {
  const doc = readRegistry("model/tiny/registry.json", TEXT);

  it("reads entries leniently with their positions", () => {
    expect(doc.entries.map((e) => [e.entry.id, e.line, e.column])).toEqual([
      ["a", 4, 5],
      ["b", 12, 5],
    ]);
    expect(doc.entries[1]!.entry.kind).toBeUndefined();
    expect(doc.entries[0]!.entry.license).toBe("MIT");
  });

  it("locates fields of an entry", () => {
    expect(registryPosition(doc, 0, "sha256")).toEqual({ line: 8, column: 7 });
    expect(registryPosition(doc, 1)).toEqual({ line: 12, column: 5 });
  });

  it("reports a non-object entry", () => {
    expect(doc.problems).toEqual([{ message: "Unexpected registry entry `models[2]`, expected an object", line: 17, column: 5 }]);
  });

  it("finds entries by id", () => {
    expect(findRegistryEntry(doc, "b")?.index).toBe(1);
    expect(findRegistryEntry(doc, "zzz")).toBeNull();
    expect(findRegistryEntry(null, "a")).toBeNull();
  });

  it("reports invalid JSON", () => {
    const broken = readRegistry("r.json", "{");
    expect(broken.entries).toEqual([]);
    expect(broken.problems[0]!.message).toMatch(/^Invalid JSON/);
  });

  it("reads a file that starts with a byte order mark, and reports the mark at 1:1", () => {
    const withMark = readRegistry("r.json", '\uFEFF{\n  "models": [\n    {"id": "a"}\n  ]\n}\n');
    expect(withMark.entries.map((e) => [e.entry.id, e.line])).toEqual([["a", 3]]);
    expect(withMark.problems).toEqual([
      { message: expect.stringMatching(/^Unexpected UTF-8 byte order mark .* Python's json.load rejects it$/), line: 1, column: 1 },
    ]);
  });

  it("puts invalid JSON at the line where parsing stopped, also when the engine gives only a position", () => {
    // Two entries merged without `},{` between them: V8 names a position but no line.
    const merged = ['{', '  "models": [', '    {', '      "id": "a",', '      "notes": "first"', '      "id": "b"', "    }", "  ]", "}"].join("\n");
    expect(readRegistry("r.json", merged).problems[0]).toMatchObject({ line: 6, column: 7 });
    const cut = '{\n  "models": [\n    {"id": "a"}';
    expect(readRegistry("r.json", cut).problems[0]).toMatchObject({ line: 3, column: 16 });
  });
});
