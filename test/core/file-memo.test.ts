import { describe, expect, it } from "@jest/globals";
import { deserialize, serialize } from "node:v8";
import { FileMemo } from "../../src/core/file-memo.js";
import { MemoryDocumentCache, type DocumentCache } from "../../src/core/model/repository.js";
import { MemorySnapshot } from "../../src/core/types.js";

/** One rule run over every file of `snapshot`; returns the paths it computed. */
function run(cache: MemoryDocumentCache, snapshot: MemorySnapshot, inputs = ""): string[] {
  const computed: string[] = [];
  const memo = new FileMemo(cache, "rule:test:files", snapshot);
  for (const path of snapshot.paths()) {
    const value = memo.get(path, () => (computed.push(path), snapshot.read(path)!.length), inputs);
    expect(value).toBe(snapshot.read(path)!.length);
  }
  memo.save();
  return computed;
}

describe("FileMemo", () => {
  it("recomputes only the files whose content or inputs changed", () => {
    const cache = new MemoryDocumentCache();
    expect(run(cache, new MemorySnapshot({ "a.md": "a", "b.md": "b" }))).toEqual(["a.md", "b.md"]);
    expect(run(cache, new MemorySnapshot({ "a.md": "a", "b.md": "b" }))).toEqual([]);
    expect(run(cache, new MemorySnapshot({ "a.md": "a", "b.md": "b changed" }))).toEqual(["b.md"]);
    expect(run(cache, new MemorySnapshot({ "a.md": "a", "b.md": "b changed" }), "other inputs")).toEqual(["a.md", "b.md"]);
  });

  it("keeps two versions per file, so a head and its merge base both replay", () => {
    const cache = new MemoryDocumentCache();
    const base = new MemorySnapshot({ "a.md": "a" });
    const head = new MemorySnapshot({ "a.md": "a, edited" });
    run(cache, base);
    run(cache, head);
    expect(run(cache, base)).toEqual([]);
    expect(run(cache, head)).toEqual([]);
  });

  it("writes nothing when every value was replayed, and refuses a path memoised twice", () => {
    const cache = new MemoryDocumentCache();
    const snapshot = new MemorySnapshot({ "a.md": "a" });
    run(cache, snapshot);
    const stored = cache.get("rule:test:files");
    run(cache, snapshot);
    expect(cache.get("rule:test:files")).toBe(stored);
    const memo = new FileMemo(cache, "rule:test:files", snapshot);
    memo.get("a.md", () => 1);
    expect(() => memo.get("a.md", () => 1)).toThrow(/memoised twice/);
  });
});

/** A cache that keeps only bytes, as the disk cache does between runs. */
class SerializingCache implements DocumentCache {
  readonly entries = new Map<string, Buffer>();
  get(key: string): unknown {
    const bytes = this.entries.get(key);
    return bytes && deserialize(bytes);
  }
  set(key: string, value: unknown): void {
    this.entries.set(key, serialize(value));
  }
}

const KEY = "rule:test:files";

/** One run over `values` (path -> value); returns the paths computed and the values returned. */
function runValues(cache: DocumentCache, snapshot: MemorySnapshot, values: Record<string, unknown>, inputs = "") {
  const computed: string[] = [];
  const returned: Record<string, unknown> = {};
  const memo = new FileMemo(cache, KEY, snapshot);
  for (const path of Object.keys(values)) returned[path] = memo.get(path, () => (computed.push(path), values[path]), inputs);
  memo.save();
  return { computed, returned };
}

describe("FileMemo persisted form", () => {
  it("round-trips through v8 serialization: hits, misses on changed content or inputs", () => {
    const cache = new SerializingCache();
    const snapshot = new MemorySnapshot({ "a.md": "a", "b.md": "b" });
    const values = { "a.md": [], "b.md": [{ line: 3 }] };
    expect(runValues(cache, snapshot, values).computed).toEqual(["a.md", "b.md"]);
    expect(runValues(cache, snapshot, values)).toEqual({ computed: [], returned: { "a.md": [], "b.md": [{ line: 3 }] } });
    const changed = new MemorySnapshot({ "a.md": "a", "b.md": "b changed" });
    expect(runValues(cache, changed, { "a.md": [], "b.md": [{ line: 4 }] })).toEqual({ computed: ["b.md"], returned: { "a.md": [], "b.md": [{ line: 4 }] } });
    expect(runValues(cache, changed, values, "other inputs").computed).toEqual(["a.md", "b.md"]);
  });

  it("stores columns: NUL-joined paths, one versions field per path, only non-empty values", () => {
    const cache = new SerializingCache();
    const snapshot = new MemorySnapshot({ "a.md": "a", "b.md": "b" });
    runValues(cache, snapshot, { "a.md": [], "b.md": [{ line: 3 }] }, "in");
    const stored = cache.get(KEY) as { layout: number; paths: string; versions: string; values: unknown };
    expect(stored.layout).toBe(1);
    expect(stored.paths).toBe("a.md\u0000b.md");
    expect(stored.versions).toBe(`${snapshot.hash("a.md")}\u0000in\u0002${snapshot.hash("b.md")}\u0000in`);
    expect(stored.values).toEqual([[1, [[{ line: 3 }]]]]);
  });

  it("keeps two versions per path across serialization, most recent first", () => {
    const cache = new SerializingCache();
    const base = new MemorySnapshot({ "a.md": "a" });
    const head = new MemorySnapshot({ "a.md": "a, edited" });
    const third = new MemorySnapshot({ "a.md": "a, edited again" });
    runValues(cache, base, { "a.md": ["base"] });
    runValues(cache, head, { "a.md": [] });
    const stored = cache.get(KEY) as { versions: string; values: unknown };
    expect(stored.versions).toBe(`${head.hash("a.md")}\u0000\u0001${base.hash("a.md")}\u0000`);
    expect(stored.values).toEqual([[0, [[], ["base"]]]]);
    expect(runValues(cache, base, { "a.md": ["recomputed"] })).toEqual({ computed: [], returned: { "a.md": ["base"] } });
    expect(runValues(cache, head, { "a.md": ["recomputed"] })).toEqual({ computed: [], returned: { "a.md": [] } });
    runValues(cache, third, { "a.md": ["third"] });
    expect(runValues(cache, base, { "a.md": ["base again"] }).computed).toEqual(["a.md"]);
  });

  it("elides only empty arrays; every other value round-trips exactly", () => {
    const cache = new SerializingCache();
    const values: Record<string, unknown> = {
      "empty.md": [],
      "object.md": [{}],
      "null.md": null,
      "undefined.md": undefined,
      "zero.md": 0,
      "string.md": "",
      "bare-object.md": {},
    };
    const snapshot = new MemorySnapshot(Object.fromEntries(Object.keys(values).map((path) => [path, path])));
    runValues(cache, snapshot, values);
    const stored = cache.get(KEY) as { values: Array<[number, unknown[]]> };
    expect(stored.values).toEqual([
      [1, [[{}]]],
      [2, [null]],
      [3, [undefined]],
      [4, [0]],
      [5, [""]],
      [6, [{}]],
    ]);
    const replay = runValues(cache, snapshot, Object.fromEntries(Object.keys(values).map((path) => [path, "recomputed"])));
    expect(replay.computed).toEqual([]);
    expect(Object.keys(replay.returned)).toEqual(Object.keys(values));
    expect(replay.returned).toEqual(values);
    for (const path of ["null.md", "undefined.md", "zero.md", "string.md"]) expect(replay.returned[path]).toBe(values[path]);
  });

  it("falls back to the Map form when a version holds a separator, and reads it back", () => {
    const cache = new SerializingCache();
    const snapshot = new MemorySnapshot({ "a.md": "a" });
    runValues(cache, snapshot, { "a.md": [1] }, "odd\u0001inputs");
    // v8 decodes into the host realm, so compare the Map's tag and entries rather than its class.
    const stored = cache.get(KEY) as Map<string, unknown>;
    expect(Object.prototype.toString.call(stored)).toBe("[object Map]");
    expect([...stored]).toEqual([["a.md", [[`${snapshot.hash("a.md")}\u0000odd\u0001inputs`, [1]]]]]);
    expect(runValues(cache, snapshot, { "a.md": [2] }, "odd\u0001inputs")).toEqual({ computed: [], returned: { "a.md": [1] } });
  });

  it("still reads a store in the old Map form and rewrites it as columns", () => {
    const cache = new SerializingCache();
    const snapshot = new MemorySnapshot({ "a.md": "a", "b.md": "b" });
    cache.set(KEY, new Map([["a.md", [[`${snapshot.hash("a.md")}\u0000`, [{ line: 1 }]]]]]));
    expect(runValues(cache, snapshot, { "a.md": ["recomputed"], "b.md": [] })).toEqual({ computed: ["b.md"], returned: { "a.md": [{ line: 1 }], "b.md": [] } });
    expect(cache.get(KEY)).toEqual({ layout: 1, paths: "a.md\u0000b.md", versions: `${snapshot.hash("a.md")}\u0000\u0002${snapshot.hash("b.md")}\u0000`, values: [[0, [[{ line: 1 }]]]] });
  });

  it.each([
    ["a string", "garbage"],
    ["a number", 42],
    ["null", null],
    ["another layout", { layout: 2, paths: "a.md", versions: "x", values: [] }],
    ["columns of unequal length", { layout: 1, paths: "a.md\u0000b.md", versions: "x", values: [] }],
    ["malformed values", { layout: 1, paths: "a.md", versions: "x", values: ["nope"] }],
    ["a Map of junk", new Map([["a.md", "junk"]])],
  ])("treats %s as an empty store", (_name, stored) => {
    const cache = new SerializingCache();
    cache.set(KEY, stored);
    const snapshot = new MemorySnapshot({ "a.md": "a" });
    expect(runValues(cache, snapshot, { "a.md": [7] })).toEqual({ computed: ["a.md"], returned: { "a.md": [7] } });
    expect(runValues(cache, snapshot, { "a.md": [8] })).toEqual({ computed: [], returned: { "a.md": [7] } });
  });
});
