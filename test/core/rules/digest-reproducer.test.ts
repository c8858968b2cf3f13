import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { runGovernance } from "../../../src/core/engine.js";
import { defaultConfig } from "../../../src/core/config.js";
import { digestReproducer } from "../../../src/core/rules/digest-reproducer.js";
import { MemorySnapshot } from "../../../src/core/types.js";
import { PROJECT_ROOT } from "../../helpers/corpus.js";

const TABLE = "| fold | PLCC |\n|---|---|\n| A | 0.91 |\n| B | 0.93 |\n";

function findingsFor(text: string) {
  const snapshot = new MemorySnapshot({ "docs/research/0600-demo.md": text });
  return runGovernance(snapshot, { config: defaultConfig(), rules: [digestReproducer] }).findings;
}

describe("digest-reproducer", () => {
  it.each([
    ["the fixture with a bash reproducer", readFileSync(`${PROJECT_ROOT}/test/fixtures/digest/0101-demo-loso-results.md`, "utf8")],
    ["no stated results", "# R\n\nJust a survey.\n"],
    ["a Reproduction section with an untagged fence in a list", `# R\n\n${TABLE}\n## Reproduction\n\n1. Run:\n\n   \`\`\`\n   make loso\n   \`\`\`\n`],
    ["a digest whose only per-fold tables are planned or quoted", `# R\n\n## Plan\n\nPer-fold expected PLCC (from Research-0101):\n\n${TABLE}\n## Baselines (from Research-0101)\n\n${TABLE}`],
    ["a short Repro heading", `# R\n\n${TABLE}\n## Repro\n\n\`\`\`sh\nmake loso\n\`\`\`\n`],
    ["a nested Reproducibility heading", `# R\n\n**Gate PASS.** LOSO PLCC = 0.97\n\n### 5.2 Reproducibility\n\n~~~sh\nrun.sh\n~~~\n`],
  ])("accepts %s", (_name, text) => {
    expect(findingsFor(text)).toEqual([]);
  });

  it("reports a LOSO table without a Reproducer section at the table", () => {
    const findings = findingsFor(`# R\n\n${TABLE}\n## Notes\n\n\`\`\`bash\nrun.sh\n\`\`\`\n`);
    expect(findings.map((f) => [f.ruleId, f.severity, f.line, f.column])).toEqual([["digest-reproducer", "error", 3, 1]]);
    expect(findings[0]!.message).toBe(
      "Missing `Reproducer` section for the results stated here (1 LOSO table from line 3), expected a `## Reproducer` heading with a fenced command block",
    );
    expect(findings[0]!.related).toEqual([
      { file: "docs/research/0600-demo.md", line: 3, column: 1, message: "Per-fold LOSO table (2 folds)" },
      { file: "docs/research/0600-demo.md", line: 10, column: 1, message: "Nearest fenced command block" },
    ]);
    expect(findings[0]!.details).toMatch(/^The nearest fenced command block \(tagged `bash`\) is at line 10, 7 lines below the first stated result, under `## Notes` \(line 8\)\. Move it/);
  });

  it("reports a verdict whose Reproducer section has only data and indented code, at the heading", () => {
    const text = "# R\n\n**SHIP GATE: FAIL** at LOSO PLCC 0.90.\n\n## Reproducer\n\n    python run.py\n\n```json\n{}\n```\n";
    const findings = findingsFor(text);
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([["digest-reproducer", 5, 1]]);
    expect(findings[0]!.message).toMatch(/^Unexpected `Reproducer` section without a fenced command block/);
    expect(findings[0]!.related?.[0]).toMatchObject({ line: 3, message: "Gate verdict `FAIL`" });
  });

  it("says where the nearest command block is when the digest has no Reproducer section", () => {
    const text = readFileSync(`${PROJECT_ROOT}/test/fixtures/digest/0106-demo-reproducer-label.md`, "utf8");
    const findings = findingsFor(text);
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([["digest-reproducer", 25, 1]]);
    expect(findings[0]!.details).toBe(
      "The nearest fenced command block (tagged `bash`) is at line 18, 7 lines above the first stated result, under `## LOSO sweep` (line 12). " +
        "It is introduced by `Reproducer:` on line 16, a paragraph rather than a heading, so it does not count as a Reproducer section. " +
        "Move it (and any other reproducing commands) under a `## Reproducer` heading. The digest has 2 fenced command blocks in all.",
    );
    expect(findings[0]!.related).toEqual([
      { file: "docs/research/0600-demo.md", line: 25, column: 1, message: "Per-fold LOSO table (2 folds)" },
      { file: "docs/research/0600-demo.md", line: 18, column: 1, message: "Nearest fenced command block" },
    ]);
  });

  it("says so when the digest has no command block at all", () => {
    const findings = findingsFor(`# R\n\n${TABLE}\n\`\`\`json\n{}\n\`\`\`\n`);
    expect(findings[0]!.details).toBe("The digest has no fenced command block anywhere.");
    expect(findings[0]!.related).toHaveLength(1);
  });

  it("still reports a result table next to a planned one", () => {
    const text = `# R\n\n## Plan\n\nPer-fold expected PLCC:\n\n${TABLE}\n## Results\n\n${TABLE}`;
    const findings = findingsFor(text);
    expect(findings.map((f) => f.line)).toEqual([14]);
    expect(findings[0]!.message).toContain("1 LOSO table from line 14");
  });
});
