#!/usr/bin/env node
// `rgov`: loads the bundled CLI (rgov.cjs beside this file) with a V8 code cache, like Node 22's
// module.enableCompileCache(), which Node 20 lacks. Parsing and compiling the 1.4 MB bundle costs
// every run about 40 ms, and the functions a run compiles lazily cost as much again; with the
// cache, V8 deserializes the code it compiled last time. The cache is keyed by the bundle's size
// and mtime, V8 rejects data from another build or V8 version, and any cache I/O failure only
// costs speed. V8 does not check the data's integrity, and damaged code cache data crashes the
// process (measured: SIGSEGV or a V8 fatal error), so the file carries a CRC-32 of the data and
// is used only when it matches. Copied to dist/cli/main.js by scripts/bundle-cli.mjs.
//
// CommonJS (dist/cli/package.json says so): Node starts a CommonJS entry about 5 ms sooner than
// an ES module one. The bundle is pure ASCII (the build checks), so it is read as latin1, which
// skips UTF-8 decoding (measured: 1.7 against 4.8 ms for the 1.5 MB file).
"use strict";
const { createHash } = require("node:crypto");
const { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require("node:fs");
const { createRequire } = require("node:module");
const { homedir } = require("node:os");
const { dirname, join } = require("node:path");
const { pathToFileURL } = require("node:url");
const { Script } = require("node:vm");
const zlib = require("node:zlib");

const bundle = join(__dirname, "rgov.cjs");
const source = readFileSync(bundle, "latin1");
const stats = statSync(bundle);
const cacheDir = join(process.env.XDG_CACHE_HOME || join(process.env.HOME || homedir(), ".cache"), "research-governance", "compile");
// One cache per installed copy (keyed by its path), so two installs do not evict each other.
const install = createHash("sha1").update(bundle).digest("hex").slice(0, 12);
const build = `rgov-${install}-${stats.size}-${Math.trunc(stats.mtimeMs)}`;
// One cache per kind of run: a `check --base` compiles the git and diff code a plain check never
// runs, and the cache only holds what the run that wrote it compiled.
const args = process.argv.slice(2);
const doesWork = (args[0] === "check" || args[0] === "report") && !args.includes("-h") && !args.includes("--help");
const mode = !doesWork ? "other" : args[0] === "check" && args.some((arg) => arg === "--base" || arg.startsWith("--base=")) ? "check-base" : args[0];
const cacheFile = join(cacheDir, `${build}-${mode}.v8code`);
// File layout: "RGC1", the data's CRC-32 (u32 little-endian), the data. Without zlib.crc32
// (Node before 20.15) there is no cheap check, so no code cache is used at all.
const MAGIC = "RGC1";
const canCheck = typeof zlib.crc32 === "function";
let cachedData;
try {
  const file = canCheck ? readFileSync(cacheFile) : undefined;
  if (file && file.length > 8 && file.toString("latin1", 0, 4) === MAGIC) {
    const data = file.subarray(8);
    if (zlib.crc32(data) === file.readUInt32LE(4)) cachedData = data;
  }
} catch {
  // No cache yet: compile from source and write one at exit.
}

// The CommonJS module wrapper, plus the URL the bundle uses for `import.meta.url`: this file's, so
// the bundle finds package.json and knows it is the executed binary exactly as before.
const script = new Script(`(function (exports, require, module, __filename, __dirname, __rgovEntryUrl) {${source.replace(/^#!.*/, "")}\n})`, {
  filename: bundle,
  cachedData,
});
// Written from a run that does real work, so the code its commands compile lazily is included
// (a first `rgov --version` would cache little more than the top level).
if ((cachedData === undefined || script.cachedDataRejected) && doesWork && canCheck) {
  process.once("exit", () => {
    try {
      mkdirSync(cacheDir, { recursive: true });
      // After the run, so the functions it compiled lazily are cached too; write then rename.
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      const data = script.createCachedData();
      const header = Buffer.alloc(8);
      header.write(MAGIC, 0, "latin1");
      header.writeUInt32LE(zlib.crc32(data), 4);
      writeFileSync(temporary, Buffer.concat([header, data]));
      renameSync(temporary, cacheFile);
      // Caches of this install's earlier builds are never read again.
      for (const name of readdirSync(cacheDir)) {
        if (name.startsWith(`rgov-${install}-`) && !name.startsWith(`${build}-`)) rmSync(join(cacheDir, name), { force: true });
      }
    } catch {
      // A read-only home costs speed, not correctness.
    }
  });
}
const bundleModule = { exports: {} };
script.runInThisContext()(bundleModule.exports, createRequire(bundle), bundleModule, bundle, dirname(bundle), pathToFileURL(__filename).href);
