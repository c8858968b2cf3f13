// Broken documents become findings, never crashes: every governed file of the real corpus is
// damaged the way real edits go wrong (cut off mid-file, a fence opened and never closed, a table
// row torn, a line lost) and the whole engine must still finish, reporting what it cannot read.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, it } from "@jest/globals";
import { defaultConfig } from "../../src/core/config.js";
import { runGovernance } from "../../src/core/engine.js";
import { MemorySnapshot } from "../../src/core/types.js";
import { CORPUS_DIR, describeWithCorpus } from "../helpers/corpus.js";
// @ts-expect-error -- a plain ESM script without type declarations; its seeded PRNG makes damage reproducible
import { prng } from "../../scripts/train-demo-model.mjs";

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

const DAMAGE: Array<(text: string, random: () => number) => string> = [
  (text, random) => text.slice(0, Math.floor(random() * text.length)),
  (text, random) => {
    const lines = text.split("\n");
    lines.splice(Math.floor(random() * lines.length), 0, "```python");
    return lines.join("\n");
  },
  (text, random) => {
    const lines = text.split("\n");
    const at = Math.floor(random() * lines.length);
    lines[at] = `| ${lines[at]!.replace(/\|/g, "\\|")} | | ±− **`;
    return lines.join("\n");
  },
  (text, random) => {
    const lines = text.split("\n");
    lines.splice(Math.floor(random() * lines.length), 1);
    return lines.join("\n");
  },
];

describeWithCorpus("engine on damaged real documents", () => {
  const originals = new Map(
    listFiles(CORPUS_DIR)
      .filter((file) => /\.(md|json)$/.test(file))
      .map((file) => [relative(CORPUS_DIR, file).split("\\").join("/"), readFileSync(file, "utf8")] as const),
  );

  it.each([1, 2, 3])("finishes and reports unreadable JSON as errors (seed %i)", (seed) => {
    const random = prng(seed) as () => number;
    const damaged = new Map<string, string>();
    for (const [path, text] of originals) damaged.set(path, DAMAGE[Math.floor(random() * DAMAGE.length)]!(text, random));

    const run = runGovernance(new MemorySnapshot(damaged), { config: defaultConfig() });

    expect(run.stats.governedFiles).toBeGreaterThan(800);
    // Every governed JSON file that no longer parses is reported (document-parse for sidecars and
    // the registry, registry-schema for the schema), and every finding has a real position.
    const brokenJson = [...damaged]
      .filter(([path, text]) => path.endsWith(".json") && run.model.governed.some((g) => g.path === path) && !parses(text))
      .map(([path]) => path);
    const reported = new Set(run.findings.filter((f) => f.severity === "error").map((f) => f.file));
    for (const path of brokenJson) expect({ path, reported: reported.has(path) }).toEqual({ path, reported: true });
    for (const finding of run.findings) {
      expect(finding.line).toBeGreaterThanOrEqual(1);
      expect(finding.column).toBeGreaterThanOrEqual(1);
    }
  });
});

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
