import { describe, expect, it } from "@jest/globals";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readZipEntry, ZipError } from "../../src/adapters/zip.js";
import { writeZip } from "../helpers/zip-writer.js";

describe("readZipEntry", () => {
  it("reads a deflated or stored entry by name, at any depth", () => {
    const text = JSON.stringify({ schema: 1, targets: [] });
    expect(readZipEntry(writeZip({ "results.json": text }), "results.json", 1 << 20)?.toString("utf8")).toBe(text);
    expect(readZipEntry(writeZip({ "a.txt": "a", "rerun-results/results.json": text }, { store: true }), "results.json", 1 << 20)?.toString("utf8")).toBe(text);
    expect(readZipEntry(writeZip({ "other.json": "{}" }), "results.json", 1 << 20)).toBeUndefined();
  });

  it("reads an archive made by Python's zipfile, as another producer would write it", () => {
    const dir = mkdtempSync(join(tmpdir(), "rgov-zip-"));
    try {
      const archive = join(dir, "artifact.zip");
      writeFileSync(join(dir, "results.json"), '{"schema": 1}\n');
      execFileSync("python3", ["-c", "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED); z.write(sys.argv[2], 'results.json'); z.close()", archive, join(dir, "results.json")]);
      expect(readZipEntry(readFileSync(archive), "results.json", 1024)?.toString("utf8")).toBe('{"schema": 1}\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses entries over the size limit, damaged data and non-archives with a clear error", () => {
    expect(() => readZipEntry(writeZip({ "results.json": "x".repeat(5000) }), "results.json", 1000)).toThrow(/5000 bytes, more than the 1000 accepted/);
    const damaged = writeZip({ "results.json": "hello hello hello" }, { store: true });
    damaged[30 + "results.json".length + 2] ^= 0xff; // a byte of the stored data, after the local header and name
    expect(() => readZipEntry(damaged, "results.json", 1000)).toThrow(/CRC-32/);
    expect(() => readZipEntry(Buffer.from("not a zip at all, just text that is long enough"), "results.json", 1000)).toThrow(ZipError);
  });
});
