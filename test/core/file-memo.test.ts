import { describe, expect, it } from "@jest/globals";
import { FileMemo } from "../../src/core/file-memo.js";
import { MemoryDocumentCache } from "../../src/core/model/repository.js";
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
