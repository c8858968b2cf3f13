// src/core is pure: it parses, models, judges and renders, and leaves all I/O to the adapters
// (the file system, git, GitHub, the Action's environment). This test is the rule that keeps it
// so, in place of a lint rule: every import of a core module is another core module or one of
// the pure libraries below, and no core module reaches for `process` or `require`.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "@jest/globals";
import { PROJECT_ROOT } from "../helpers/corpus.js";

const CORE = join(PROJECT_ROOT, "src/core");

/** Packages core may import: parsing, schemas, diffing, globbing. None of them does I/O. */
const PURE_PACKAGES = new Set(["zod", "yaml", "diff", "picomatch", "ajv", "ajv-formats", "mdast", "unist", "mdast-util-from-markdown", "mdast-util-gfm", "micromark-extension-gfm"]);

function coreFiles(dir = CORE): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return coreFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** `ajv/dist/2020.js` → `ajv`; `@scope/name/x` → `@scope/name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

describe("src/core", () => {
  it("imports only core modules and pure libraries, and never reaches for process or require", () => {
    const files = coreFiles();
    expect(files.length).toBeGreaterThan(50);
    const offences: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const specifiers = [...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+"([^"]+)"/gm), ...text.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g)].map((match) => match[1]!);
      for (const specifier of specifiers) {
        const inCore = specifier.startsWith(".") ? join(file, "..", specifier).startsWith(CORE) : PURE_PACKAGES.has(packageOf(specifier));
        if (!inCore) offences.push(`${relative(PROJECT_ROOT, file)} imports ${specifier}`);
      }
      const reach = /\bprocess\.(env|cwd|argv|exit|stdout|stderr)\b|\brequire\(/.exec(text);
      if (reach) offences.push(`${relative(PROJECT_ROOT, file)} uses ${reach[0]}`);
    }
    expect(offences).toEqual([]);
  });
});
