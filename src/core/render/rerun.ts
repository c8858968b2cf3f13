// The comparison of a LOSO re-run as Markdown: one row per target, then per-fold detail. The app
// puts it in the re-run check run, the Action in its job summary.
import { formatPlcc } from "../evidence/render.js";
import type { RerunOutcome, TargetComparison } from "../rerun/compare.js";
import type { RerunResults } from "../rerun/results.js";
import { escapeCell } from "./markdown.js";

const OUTCOME_WORDS: Record<RerunOutcome, string> = { reproduced: "✅ reproduced", differs: "❌ differs", "no-figures": "❌ no figures", failed: "❌ failed" };

/** A Markdown table of the comparisons, then per-fold detail for each target that has folds. */
export function renderComparisons(results: RerunResults, comparisons: readonly TargetComparison[], tolerance: number): string {
  const show = (value: number | null): string => (value === null ? "—" : formatPlcc(value));
  const lines = [
    `LOSO re-run of \`${results.sha.slice(0, 12)}\`, tolerance ${tolerance} PLCC.`,
    "",
    "| Target | Outcome | Claimed mean | Reproduced mean | Note |",
    "| --- | --- | --- | --- | --- |",
    ...comparisons.map((c) => `| \`${c.target}\` | ${OUTCOME_WORDS[c.outcome]} | ${show(c.mean.claimed)} | ${show(c.mean.reproduced)} | ${escapeCell(c.note)} |`),
  ];
  for (const c of comparisons.filter((c) => c.folds.length > 0)) {
    lines.push("", `<details><summary>${c.target}: ${c.folds.length} folds</summary>`, "", "| Fold | Claimed | Reproduced | Δ |", "| --- | --- | --- | --- |");
    for (const fold of c.folds) {
      const delta = fold.reproduced === null ? "—" : formatPlcc(fold.reproduced - fold.claimed);
      lines.push(`| ${escapeCell(fold.name)} | ${formatPlcc(fold.claimed)} | ${show(fold.reproduced)} | ${delta} |`);
    }
    lines.push("", "</details>");
  }
  return `${lines.join("\n")}\n`;
}
