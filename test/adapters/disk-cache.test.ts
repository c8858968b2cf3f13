import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "@jest/globals";
import { CACHE_FILE_NAME, DELTA_FILE_NAME, defaultCacheDir, engineFingerprint, openDiskCache } from "../../src/adapters/disk-cache.js";
import { defaultConfig } from "../../src/core/config.js";
import { runGovernance } from "../../src/core/engine.js";
import { MemorySnapshot } from "../../src/core/types.js";

const made: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "rgov-cache-test-"));
  made.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("openDiskCache", () => {
  it("returns values written by an earlier run with the same fingerprint", () => {
    const dir = tempDir();
    const first = openDiskCache(dir, { engineFingerprint: "build-a" });
    expect(first.stats.discarded).toBe("missing");
    first.set("1:adr:abc:docs/adr/0001-x.md", { kind: "adr", number: 1, title: "X" });
    first.flush();
    const second = openDiskCache(dir, { engineFingerprint: "build-a" });
    expect(second.stats.loaded).toBe(1);
    expect(second.get("1:adr:abc:docs/adr/0001-x.md")).toEqual({ kind: "adr", number: 1, title: "X" });
    expect(second.get("1:adr:other:docs/adr/0002-y.md")).toBeUndefined();
    expect(second.stats).toMatchObject({ hits: 1, misses: 1 });
  });

  it("keeps large values packed until read, and writes unread ones back unchanged", () => {
    const dir = tempDir();
    const large = { kind: "adr", sections: Array.from({ length: 200 }, (_, i) => ({ heading: `Section ${i}`, line: i + 1 })) };
    const first = openDiskCache(dir, { engineFingerprint: "build-a" });
    first.set("large", large);
    first.set("small", { n: 1 });
    first.flush();
    const second = openDiskCache(dir, { engineFingerprint: "build-a" });
    second.set("other", 2);
    second.flush();
    const third = openDiskCache(dir, { engineFingerprint: "build-a" });
    expect(third.get("large")).toEqual(large);
    expect(third.get("large")).toBe(third.get("large"));
    expect(third.get("small")).toEqual({ n: 1 });
    expect(third.get("other")).toBe(2);
  });


  it("keeps every kind of value across a write, large or small, whether packed or kept in the index", () => {
    const dir = tempDir();
    const values: Record<string, unknown> = {
      "string-large": "x".repeat(5000),
      "string-small": "short",
      "array-large": Array.from({ length: 300 }, (_, i) => i),
      "array-small": [1, 2, 3],
      "stat-entry": [1024, 1700000000123.5, 1700000000456.25, 42, "a".repeat(40)],
      "number": Number.NaN,
      "null": null,
      "nested-large": { rows: Array.from({ length: 50 }, (_, i) => ({ fold: `f${i}`, plcc: 0.9 + i / 1000, note: undefined })) },
    };
    const first = openDiskCache(dir, { engineFingerprint: "build-a" });
    for (const [key, value] of Object.entries(values)) first.set(key, value);
    first.flush();
    const second = openDiskCache(dir, { engineFingerprint: "build-a" });
    for (const [key, value] of Object.entries(values)) expect([key, second.get(key)]).toEqual([key, value]);
    // `undefined` members survive too (v8 serialization, not JSON).
    expect(Object.keys((second.get("nested-large") as { rows: object[] }).rows[0]!)).toEqual(["fold", "plcc", "note"]);
  });
  it("discards a cache written by another engine build", () => {
    const dir = tempDir();
    const old = openDiskCache(dir, { engineFingerprint: "build-a" });
    old.set("k", 1);
    old.flush();
    const fresh = openDiskCache(dir, { engineFingerprint: "build-b" });
    expect(fresh.stats.discarded).toBe("stale-fingerprint");
    expect(fresh.get("k")).toBeUndefined();
  });

  it("treats a corrupt file as empty and replaces it on flush", () => {
    const dir = tempDir();
    writeFileSync(join(dir, CACHE_FILE_NAME), "not a cache");
    const cache = openDiskCache(dir, { engineFingerprint: "build-a" });
    expect(cache.stats.discarded).toBe("unreadable");
    cache.set("k", "v");
    cache.flush();
    expect(openDiskCache(dir, { engineFingerprint: "build-a" }).get("k")).toBe("v");
  });

  it("does not create the file when nothing was stored", () => {
    const dir = join(tempDir(), "nested");
    openDiskCache(dir, { engineFingerprint: "build-a" }).flush();
    expect(existsSync(join(dir, CACHE_FILE_NAME))).toBe(false);
  });

  it("drops entries that no run has used for maxIdleRuns runs", () => {
    const dir = tempDir();
    const options = { engineFingerprint: "build-a", maxIdleRuns: 2 };
    const first = openDiskCache(dir, options);
    first.set("used", 1);
    first.set("idle", 2);
    first.flush();
    for (let run = 0; run < 2; run++) {
      const cache = openDiskCache(dir, options);
      expect(cache.get("used")).toBe(1);
      cache.flush();
    }
    const last = openDiskCache(dir, options);
    expect(last.get("used")).toBe(1);
    expect(last.get("idle")).toBeUndefined();
  });

  it("keeps touched entries alive without counting them as reads", () => {
    const dir = tempDir();
    const options = { engineFingerprint: "build-a", maxIdleRuns: 2 };
    const first = openDiskCache(dir, options);
    first.set("touched", { sections: Array.from({ length: 200 }, (_, i) => i) });
    first.set("idle", 2);
    first.flush();
    for (let run = 0; run < 2; run++) {
      const cache = openDiskCache(dir, options);
      cache.touch("touched");
      expect(cache.stats).toMatchObject({ hits: 0, misses: 0 });
      cache.flush();
    }
    const last = openDiskCache(dir, options);
    expect(last.get("touched")).toEqual({ sections: Array.from({ length: 200 }, (_, i) => i) });
    expect(last.get("idle")).toBeUndefined();
  });

  it("never throws when the directory cannot be written", () => {
    const dir = tempDir();
    const blocker = join(dir, "file");
    writeFileSync(blocker, "x");
    const cache = openDiskCache(join(blocker, "cache"), { engineFingerprint: "build-a" });
    cache.set("k", 1);
    expect(() => cache.flush()).not.toThrow();
  });

  it("does not rewrite the file when a run only read fresh entries", () => {
    const dir = tempDir();
    const first = openDiskCache(dir, { engineFingerprint: "build-a" });
    first.set("k", 1);
    first.flush();
    const path = join(dir, CACHE_FILE_NAME);
    const before = statSync(path).mtimeMs;
    const second = openDiskCache(dir, { engineFingerprint: "build-a" });
    expect(second.get("k")).toBe(1);
    second.flush();
    expect(statSync(path).mtimeMs).toBe(before);
  });
});

describe("openDiskCache: the delta file", () => {
  const bulky = (seed: number) => ({ rows: Array.from({ length: 400 }, (_, i) => ({ seed, i, text: `row ${i} of ${seed}` })) });

  /** A main file of 20 bulky entries, written by one run. */
  function seeded(dir: string) {
    const cache = openDiskCache(dir, { engineFingerprint: "build-a" });
    for (let n = 0; n < 20; n++) cache.set(`bulky:${n}`, bulky(n));
    cache.flush();
    return readFileSync(join(dir, CACHE_FILE_NAME));
  }

  it("writes a small change to the delta, leaves the main file as it was, and reads both", () => {
    const dir = tempDir();
    const main = seeded(dir);
    const second = openDiskCache(dir, { engineFingerprint: "build-a" });
    second.set("small", { n: 1 });
    second.set("bulky:new", bulky(99));
    second.flush();
    expect(readFileSync(join(dir, CACHE_FILE_NAME)).equals(main)).toBe(true);
    expect(existsSync(join(dir, DELTA_FILE_NAME))).toBe(true);
    // A later delta keeps what the earlier one held.
    const third = openDiskCache(dir, { engineFingerprint: "build-a" });
    third.set("another", 2);
    third.flush();
    const fourth = openDiskCache(dir, { engineFingerprint: "build-a" });
    expect(fourth.stats.loaded).toBe(23);
    expect(fourth.get("small")).toEqual({ n: 1 });
    expect(fourth.get("another")).toBe(2);
    expect(fourth.get("bulky:new")).toEqual(bulky(99));
    expect(fourth.get("bulky:3")).toEqual(bulky(3));
  });

  it("folds the delta into the main file once it outgrows a quarter of it, or half the idle window passed", () => {
    const dir = tempDir();
    const main = seeded(dir);
    const growing = openDiskCache(dir, { engineFingerprint: "build-a" });
    for (let n = 0; n < 6; n++) growing.set(`more:${n}`, bulky(100 + n));
    growing.flush();
    expect(readFileSync(join(dir, CACHE_FILE_NAME)).equals(main)).toBe(false);
    expect(existsSync(join(dir, DELTA_FILE_NAME))).toBe(false);
    expect(openDiskCache(dir, { engineFingerprint: "build-a" }).get("more:5")).toEqual(bulky(105));

    const options = { engineFingerprint: "build-a", maxIdleRuns: 4 };
    const aging = tempDir();
    const first = openDiskCache(aging, options);
    first.set("base", bulky(1));
    first.flush();
    const before = readFileSync(join(aging, CACHE_FILE_NAME));
    const soon = openDiskCache(aging, options);
    soon.set("k1", 1);
    soon.flush();
    expect(readFileSync(join(aging, CACHE_FILE_NAME)).equals(before)).toBe(true);
    const later = openDiskCache(aging, options);
    later.set("k2", 2);
    later.flush();
    expect(readFileSync(join(aging, CACHE_FILE_NAME)).equals(before)).toBe(false);
    expect(existsSync(join(aging, DELTA_FILE_NAME))).toBe(false);
    const reopened = openDiskCache(aging, options);
    expect([reopened.get("k1"), reopened.get("k2")]).toEqual([1, 2]);
  });

  it("ignores a delta written for another main file, and a damaged one", () => {
    const dir = tempDir();
    seeded(dir);
    const withDelta = openDiskCache(dir, { engineFingerprint: "build-a" });
    withDelta.set("from-delta", 1);
    withDelta.flush();
    // Another writer replaced the main file (a fold of its own): this delta extends the old one.
    const other = tempDir();
    seeded(other);
    writeFileSync(join(dir, CACHE_FILE_NAME), readFileSync(join(other, CACHE_FILE_NAME)));
    const reopened = openDiskCache(dir, { engineFingerprint: "build-a" });
    expect(reopened.get("from-delta")).toBeUndefined();
    expect(reopened.get("bulky:0")).toEqual(bulky(0));

    const damaged = tempDir();
    seeded(damaged);
    const writer = openDiskCache(damaged, { engineFingerprint: "build-a" });
    writer.set("from-delta", 1);
    writer.flush();
    const deltaFile = join(damaged, DELTA_FILE_NAME);
    const bytes = readFileSync(deltaFile);
    bytes[12] = bytes[12]! ^ 0xff;
    writeFileSync(deltaFile, bytes);
    const afterDamage = openDiskCache(damaged, { engineFingerprint: "build-a" });
    expect(afterDamage.get("from-delta")).toBeUndefined();
    expect(afterDamage.get("bulky:19")).toEqual(bulky(19));
  });
});

describe("extractions stored field by field", () => {
  const extraction = () => ({
    facts: { path: "docs/adr/0001-x.md", unclosedFences: [], adrReferences: Array.from({ length: 40 }, (_, i) => ({ number: i, line: i + 1, text: `ADR-${i}` })) },
    document: {
      kind: "adr",
      path: "docs/adr/0001-x.md",
      title: { value: "X", line: 1 },
      sections: Array.from({ length: 30 }, (_, i) => ({ heading: `Section ${i}`, line: i + 1 })),
      status: null,
      problems: [],
    },
  });

  it("decodes a large field only when it is read, and keeps every key in its place", () => {
    const dir = tempDir();
    const first = openDiskCache(dir, { engineFingerprint: "build-a" });
    first.set("4:adr:abc:docs/adr/0001-x.md", extraction(), { lazyFields: true });
    first.flush();

    const second = openDiskCache(dir, { engineFingerprint: "build-a" });
    const value = second.get("4:adr:abc:docs/adr/0001-x.md") as ReturnType<typeof extraction>;
    expect(value.document.title).toEqual({ value: "X", line: 1 });
    expect(second.stats.lazyFieldsRead).toBe(0);
    expect(value.document.sections[29]).toEqual({ heading: "Section 29", line: 30 });
    expect(second.stats.lazyFieldsRead).toBe(1);
    expect(value.document.sections).toBe(value.document.sections); // decoded once, then a plain field
    expect(second.stats.lazyFieldsRead).toBe(1);
    expect(Object.keys(value.facts)).toEqual(["path", "unclosedFences", "adrReferences"]);
    expect(Object.keys(value.document)).toEqual(["kind", "path", "title", "sections", "status", "problems"]);
    // Equality, cloning and JSON read every field, as for a plain object.
    expect(JSON.parse(JSON.stringify(value))).toEqual(extraction());
    expect(structuredClone(value)).toEqual(extraction());
    expect(second.stats.lazyFieldsRead).toBe(2);
  });

  it("lets a lazy field be assigned before it is read", () => {
    const dir = tempDir();
    const first = openDiskCache(dir, { engineFingerprint: "build-a" });
    first.set("k", extraction(), { lazyFields: true });
    first.flush();
    const value = openDiskCache(dir, { engineFingerprint: "build-a" }).get("k") as { document: { sections: unknown } };
    value.document.sections = ["replaced"];
    expect(value.document.sections).toEqual(["replaced"]);
  });

  it("stores a value without large fields, or one that is not a record, as a whole", () => {
    const dir = tempDir();
    const first = openDiskCache(dir, { engineFingerprint: "build-a" });
    first.set("small", { facts: { path: "a.md", unclosedFences: [] } }, { lazyFields: true });
    first.set("list", Array.from({ length: 300 }, (_, i) => i), { lazyFields: true });
    first.set("text", "x".repeat(2000), { lazyFields: true });
    first.flush();
    const second = openDiskCache(dir, { engineFingerprint: "build-a" });
    expect(second.get("small")).toEqual({ facts: { path: "a.md", unclosedFences: [] } });
    expect(second.get("list")).toEqual(Array.from({ length: 300 }, (_, i) => i));
    expect(second.get("text")).toBe("x".repeat(2000));
    expect(second.stats.lazyFieldsRead).toBe(0);
  });

  it("writes fielded entries it never read back unchanged", () => {
    const dir = tempDir();
    const first = openDiskCache(dir, { engineFingerprint: "build-a" });
    first.set("k", extraction(), { lazyFields: true });
    first.flush();
    const second = openDiskCache(dir, { engineFingerprint: "build-a" });
    second.set("other", 1);
    second.flush();
    const third = openDiskCache(dir, { engineFingerprint: "build-a" });
    expect(third.get("k")).toEqual(extraction());
    expect(third.get("other")).toBe(1);
  });
});

describe("damaged cache files", () => {
  /** Flip one byte `fromEnd` bytes before the end of the file (inside the last packed value). */
  function damage(dir: string, fromEnd: number): void {
    const path = join(dir, CACHE_FILE_NAME);
    const bytes = readFileSync(path);
    bytes[bytes.length - fromEnd] ^= 0x5a;
    writeFileSync(path, bytes);
  }

  it("drops a value whose bytes fail the checksum, and keeps the others", () => {
    const dir = tempDir();
    const first = openDiskCache(dir, { engineFingerprint: "build-a" });
    first.set("a", { sections: Array.from({ length: 100 }, (_, i) => `section ${i}`) });
    first.set("b", { sections: Array.from({ length: 100 }, (_, i) => `other ${i}`) });
    first.flush();
    damage(dir, 20); // inside "b", the last value written
    const second = openDiskCache(dir, { engineFingerprint: "build-a" });
    expect(second.get("b")).toBeUndefined();
    expect(second.stats).toMatchObject({ damaged: 1, misses: 1 });
    expect((second.get("a") as { sections: string[] }).sections[99]).toBe("section 99");
    second.flush();
    const third = openDiskCache(dir, { engineFingerprint: "build-a" });
    expect(third.get("b")).toBeUndefined();
    expect(third.stats.damaged).toBe(0);
  });

  it("checks an extraction whole before handing out any lazy field", () => {
    const dir = tempDir();
    const first = openDiskCache(dir, { engineFingerprint: "build-a" });
    first.set("x", { document: { title: "T", sections: Array.from({ length: 100 }, (_, i) => ({ heading: `H${i}`, line: i })) } }, { lazyFields: true });
    first.flush();
    damage(dir, 10); // inside the lazily decoded `sections`
    const second = openDiskCache(dir, { engineFingerprint: "build-a" });
    expect(second.get("x")).toBeUndefined();
    expect(second.stats.damaged).toBe(1);
  });

  it("treats a damaged index as an unreadable file", () => {
    const dir = tempDir();
    const first = openDiskCache(dir, { engineFingerprint: "build-a" });
    first.set("k", "value");
    first.flush();
    const path = join(dir, CACHE_FILE_NAME);
    const bytes = readFileSync(path);
    bytes[10] ^= 0x5a;
    writeFileSync(path, bytes);
    expect(openDiskCache(dir, { engineFingerprint: "build-a" }).stats.discarded).toBe("unreadable");
  });

  it("gives the engine the same findings from a damaged cache as from a sound one", () => {
    const dir = tempDir();
    const snapshot = new MemorySnapshot({
      "docs/adr/0001-first.md": "# ADR-0001: First\n\n- **Status**: Accepted\n- **Date**: 2026-01-01\n\n## Context\n\nSee ADR-0009.\n" + "Filler line.\n".repeat(80),
      "docs/research/0001-digest.md": "# Research-0001: Digest\n\nText about ADR-0001.\n" + "More text.\n".repeat(80),
    });
    const config = defaultConfig();
    const cold = openDiskCache(dir, { engineFingerprint: "build-a" });
    const expected = runGovernance(snapshot, { config, cache: cold }).findings;
    cold.flush();
    const size = readFileSync(join(dir, CACHE_FILE_NAME)).length;
    for (let fromEnd = 1; fromEnd < size - 200; fromEnd += 97) {
      const copy = tempDir();
      writeFileSync(join(copy, CACHE_FILE_NAME), readFileSync(join(dir, CACHE_FILE_NAME)));
      damage(copy, fromEnd);
      const findings = runGovernance(snapshot, { config, cache: openDiskCache(copy, { engineFingerprint: "build-a" }) }).findings;
      expect(findings).toEqual(expected);
    }
  });
});

describe("defaultCacheDir", () => {
  it("prefers RGOV_CACHE_DIR, then node_modules/.cache, then the user's cache directory", () => {
    const repo = tempDir();
    const other = tempDir();
    expect(defaultCacheDir(repo, { RGOV_CACHE_DIR: join(repo, "x") })).toBe(join(repo, "x"));
    const userDir = defaultCacheDir(repo, { XDG_CACHE_HOME: "/home/u/.cache" });
    expect(userDir).toMatch(/^\/home\/u\/\.cache\/research-governance\/[0-9a-f]{16}$/);
    expect(defaultCacheDir(other, { XDG_CACHE_HOME: "/home/u/.cache" })).not.toBe(userDir);
    expect(defaultCacheDir(repo, { HOME: "/home/v" })).toMatch(/^\/home\/v\/\.cache\/research-governance\//);
    mkdirSync(join(repo, "node_modules"));
    expect(defaultCacheDir(repo, {})).toBe(join(repo, "node_modules", ".cache", "research-governance"));
  });
});

describe("engineFingerprint", () => {
  it("is stable within a build and names the model version", () => {
    expect(engineFingerprint()).toBe(engineFingerprint());
    expect(engineFingerprint()).toMatch(/^\d+-[0-9a-f]{16}$/);
  });
});

describe("the engine with a disk cache", () => {
  it("reuses every extracted document on the second run and finds the same findings", () => {
    const dir = tempDir();
    const snapshot = new MemorySnapshot({
      "docs/adr/0001-first.md": "# ADR-0001: First\n\n- **Status**: Accepted\n- **Date**: 2026-01-01\n\n## Context\n\n```sh\nunclosed\n",
      "docs/research/0001-digest.md": "# Research-0001: Digest\n\nText.\n",
    });
    const config = defaultConfig();
    const cold = openDiskCache(dir, { engineFingerprint: "build-a" });
    const first = runGovernance(snapshot, { config, cache: cold });
    cold.flush();
    const warm = openDiskCache(dir, { engineFingerprint: "build-a" });
    const second = runGovernance(snapshot, { config, cache: warm });
    expect(first.stats.parsedFiles).toBe(2);
    expect(second.stats).toMatchObject({ parsedFiles: 0, cachedFiles: 2 });
    expect(second.findings).toEqual(first.findings);
  });
});
