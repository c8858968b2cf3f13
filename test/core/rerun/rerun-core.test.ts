import { describe, expect, it } from "@jest/globals";
import { GovernanceConfig } from "../../../src/core/config.js";
import { buildRepositoryModel } from "../../../src/core/model/repository.js";
import { namesHead, parseRerunCommand } from "../../../src/core/rerun/command.js";
import { allReproduced, compareTarget } from "../../../src/core/rerun/compare.js";
import { renderComparisons } from "../../../src/core/render/rerun.js";
import { figuresFromOutput, figuresFromSidecar } from "../../../src/core/rerun/figures.js";
import { planRerun } from "../../../src/core/rerun/plan.js";
import { parseRerunResults, type RerunTargetResult } from "../../../src/core/rerun/results.js";
import { MemorySnapshot } from "../../../src/core/types.js";
import { losoDigest } from "../../fixtures/rerun/digest.js";

const DIGEST = losoDigest({
  number: "0067",
  model: "fr_regressor_v2",
  folds: [
    ["BigBuckBunny", "0.9712"],
    ["FoxBird", "0.9401"],
    ["Tennis", "0.9650"],
  ],
  mean: "0.9588",
  reproducer: "python3 ai/scripts/train_fr_regressor_v2.py --loso",
});

function model(files: Record<string, string>) {
  return buildRepositoryModel(new MemorySnapshot(files), GovernanceConfig.parse({}));
}

describe("parseRerunCommand", () => {
  it("reads targets and a trailing head SHA from the first line only", () => {
    expect(parseRerunCommand("/rerun-loso docs/research/0067-x.md fr_regressor_v2 ABCDEF1\nsecond line /rerun-loso other")).toEqual({
      targets: ["docs/research/0067-x.md", "fr_regressor_v2"],
      sha: "abcdef1",
    });
    expect(parseRerunCommand("/rerun-loso")).toEqual({ targets: [], sha: null });
    expect(parseRerunCommand("  /rerun-loso   fr_regressor_v2  ")).toEqual({ targets: ["fr_regressor_v2"], sha: null });
  });

  it("ignores comments whose first line is not the command", () => {
    for (const body of ["please /rerun-loso x", "/rerun-losox", "> /rerun-loso x", "", "thanks\n/rerun-loso x"]) expect(parseRerunCommand(body)).toBeNull();
  });

  it("refuses words that are neither digest paths nor model ids, so nothing else reaches the workflow", () => {
    for (const word of ["x;rm", "$(id)", "../../etc/passwd", "docs/../x.md", "`x`", "-rf", "a|b"]) {
      expect(parseRerunCommand(`/rerun-loso ${word}`)).toMatchObject({ error: expect.stringContaining("neither a digest path nor a model id") });
    }
    expect(parseRerunCommand(`/rerun-loso ${Array.from({ length: 21 }, (_, i) => `m${i}`).join(" ")}`)).toMatchObject({ error: expect.stringContaining("at most 20") });
  });

  it("matches a full or abbreviated SHA against the head", () => {
    expect(namesHead("abcdef1", "abcdef1234567890abcdef1234567890abcdef12")).toBe(true);
    expect(namesHead("abcdef2", "abcdef1234567890abcdef1234567890abcdef12")).toBe(false);
  });
});

describe("figures", () => {
  it("reads a LOSO line, and a per-fold table printed in the digest's format", () => {
    expect(figuresFromOutput("epoch 30 done\nLOSO PLCC = 0.9581 ± 0.0123\n")).toEqual({ meanPlcc: 0.9581, folds: {} });
    const table = "training...\n\n| Fold | PLCC |\n| --- | --- |\n| BigBuckBunny | 0.9700 |\n| FoxBird | 0.9390 |\n\nLOSO PLCC = 0.9545 +/- 0.02\n";
    expect(figuresFromOutput(table)).toEqual({ meanPlcc: 0.9545, folds: { BigBuckBunny: 0.97, FoxBird: 0.939 } });
    expect(figuresFromOutput("| Held-out source | PLCC |\n| --- | --- |\n| A | 0.9 |\n| B | 0.8 |\n")).toEqual({ meanPlcc: expect.closeTo(0.85, 10), folds: { A: 0.9, B: 0.8 } });
    expect(figuresFromOutput("no figures here\nPLCC 0.97 in sample\n")).toBeNull();
  });

  it("reads the tagged per-fold and mean lines the governed repository's LOSO scripts print", () => {
    // The shape of `ai/scripts/eval_loso_*.py` output: a tag, one line per held-out source, an aggregate.
    const output = [
      "[loso-v3] sources=['BigBuckBunny_25fps', 'FoxBird_25fps', 'Tennis_24fps'] total_rows=2700",
      "[loso-v3] fold=BigBuckBunny_25fps  train_rows=1800  val_rows=900",
      "[loso-v3]   BigBuckBunny_25fps n= 900 PLCC=0.9911 SROCC=0.9874 RMSE=1.812 (11.2s)",
      "[loso-v3] fold=FoxBird_25fps  train_rows=1800  val_rows=900",
      "[loso-v3]   FoxBird_25fps  n= 900 PLCC=0.9403 SROCC=0.9350 RMSE=4.020 (10.9s)",
      "[loso-v3]   Tennis_24fps   n= 900 PLCC=0.9649 SROCC=0.9601 RMSE=2.733 (11.0s)",
      "[loso-v3] baseline vmaf_v0.6.1 mean PLCC=0.9100",
      "[loso-v3] === aggregate over 3 folds ===",
      "[loso-v3]  mean PLCC=0.9654 ± 0.0254",
      "[loso-v3]  mean SROCC=0.9608 ± 0.0262",
    ].join("\n");
    // Claimed fold names as the digest table prints them: without the frame-rate suffix.
    expect(figuresFromOutput(output, { folds: ["BigBuckBunny", "FoxBird", "Tennis"], names: [] })).toEqual({ meanPlcc: 0.9654, folds: { BigBuckBunny: 0.9911, FoxBird: 0.9403, Tennis: 0.9649 } });
    // Without claimed folds only the mean is read; a line naming two claimed folds names neither.
    expect(figuresFromOutput(output)).toEqual({ meanPlcc: 0.9654, folds: {} });
    expect(figuresFromOutput("BigBuckBunny vs FoxBird PLCC=0.5\n", { folds: ["BigBuckBunny", "FoxBird"], names: [] })).toBeNull();
    // A strict `LOSO PLCC =` line outranks a tagged mean; a baseline's tagged mean is never read.
    expect(figuresFromOutput(`${output}\nLOSO PLCC = 0.9650 ± 0.02\n`)?.meanPlcc).toBe(0.965);
    expect(figuresFromOutput("[loso] baseline mean PLCC=0.91\n")).toBeNull();
  });

  it("leaves out tables under a baselines heading, as an eval script's Markdown report prints them last", () => {
    // The shape of `eval_loso_mlp_small.py` followed by `cat` of its Markdown report.
    const output = [
      "[eval] === LOSO per-fold (each fold's mlp_small on its held-out clip) ===",
      "[eval]   fold=BigBuckBunny   n= 300 PLCC=0.9767 SROCC=0.9700 RMSE=2.100",
      "[eval]   fold=FoxBird        n= 300 PLCC=0.9266 SROCC=0.9100 RMSE=5.300",
      "[eval]   LOSO mean    PLCC=0.9517 SROCC=0.9400 RMSE=3.700",
      "[eval]   LOSO std     PLCC=0.0354 SROCC=0.0424 RMSE=2.263",
      "[eval]   baseline=mlp_small_v1   all-concat n=  600 PLCC=0.9000 SROCC=0.8900 RMSE=6.000",
      "# LOSO evaluation",
      "",
      "## Per-fold",
      "",
      "| fold | n | PLCC | SROCC | RMSE |",
      "|---|---:|---:|---:|---:|",
      "| BigBuckBunny | 300 | 0.9767 | 0.9700 | 2.100 |",
      "| FoxBird | 300 | 0.9266 | 0.9100 | 5.300 |",
      "| **LOSO mean ± std** | — | 0.9517 ± 0.0354 | 0.9400 ± 0.0424 | 3.700 ± 2.263 |",
      "",
      "## Baselines (single-split models, evaluated on every clip)",
      "",
      "### `mlp_small_v1`",
      "",
      "| split | n | PLCC | SROCC | RMSE |",
      "|---|---:|---:|---:|---:|",
      "| BigBuckBunny | 300 | 0.9100 | 0.9000 | 6.000 |",
      "| FoxBird | 300 | 0.8800 | 0.8700 | 7.000 |",
      "",
    ].join("\n");
    expect(figuresFromOutput(output, { folds: ["BigBuckBunny", "FoxBird"], names: [] })).toEqual({ meanPlcc: 0.9517, folds: { BigBuckBunny: 0.9767, FoxBird: 0.9266 } });
    // A baseline table headed like the model's own is still the baseline's.
    const foldHeaded = output.replace("| split | n |", "| fold | n |");
    expect(figuresFromOutput(foldHeaded, { folds: ["BigBuckBunny", "FoxBird"], names: [] })).toEqual({ meanPlcc: 0.9517, folds: { BigBuckBunny: 0.9767, FoxBird: 0.9266 } });
    // With the baselines section alone, no table is the model's: the per-fold lines are read.
    const baselinesOnly = foldHeaded.replace(/## Per-fold[\s\S]*?(?=## Baselines)/, "");
    expect(figuresFromOutput(baselinesOnly, { folds: ["BigBuckBunny", "FoxBird"], names: [] })).toEqual({ meanPlcc: 0.9517, folds: { BigBuckBunny: 0.9767, FoxBird: 0.9266 } });
  });

  it("reads the table of the claim's model when the output has one per architecture", () => {
    // The shape of a 3-architecture eval report: an aggregate table, then one per-fold table each.
    const perFold = (arch: string, a: string, b: string) => [`## ${arch} per-fold`, "", "| fold | n | PLCC |", "|---|---:|---:|", `| BigBuckBunny | 300 | ${a} |`, `| FoxBird | 300 | ${b} |`, ""];
    const output = [
      "# 3-arch LOSO evaluation",
      "",
      "## Aggregate (mean ± std across 2 folds)",
      "",
      "| arch | mean PLCC |",
      "|---|---:|",
      "| mlp_small | 0.9517 ± 0.0354 |",
      "| mlp_medium | 0.9512 ± 0.0320 |",
      "",
      ...perFold("mlp_small", "0.9767", "0.9266"),
      ...perFold("mlp_medium", "0.9738", "0.9286"),
      ...perFold("linear", "0.3596", "0.2773"),
    ].join("\n");
    const small = figuresFromOutput(output, { folds: ["BigBuckBunny", "FoxBird"], names: ["mlp_small"] });
    expect(small?.folds).toEqual({ BigBuckBunny: 0.9767, FoxBird: 0.9266 });
    expect(figuresFromOutput(output, { folds: [], names: ["mlp_medium"] })?.folds).toEqual({ BigBuckBunny: 0.9738, FoxBird: 0.9286 });
    // No heading names the claim's model: the last table, as before.
    expect(figuresFromOutput(output, { folds: [], names: ["vmaf_tiny_v9"] })?.folds).toEqual({ BigBuckBunny: 0.3596, FoxBird: 0.2773 });
  });

  it("reads a rewritten sidecar's folds and stated mean", () => {
    const data = { training: { loso_folds: [{ held_out: "A", plcc: 0.96 }, { held_out: "B", plcc: 0.94 }], loso_mean_plcc: 0.95 } };
    expect(figuresFromSidecar(data)).toEqual({ meanPlcc: 0.95, folds: { A: 0.96, B: 0.94 } });
    expect(figuresFromSidecar({ loso_folds: [{ source: "A", plcc: 0.9 }] })).toEqual({ meanPlcc: 0.9, folds: { A: 0.9 } });
    expect(figuresFromSidecar({ in_sample_plcc: 0.99 })).toBeNull();
  });
});

describe("planRerun", () => {
  const files = {
    "docs/research/0067-fr-regressor-v2-prod-loso.md": DIGEST,
    "model/tiny/fr_regressor_v2.json": '{\n  "id": "fr_regressor_v2",\n  "kind": "fr"\n}\n',
    "docs/research/0068-no-repro.md": losoDigest({ number: "0068", reproducer: null }),
  };

  it("plans a digest: its result table is the claim and its Reproducer blocks the script", () => {
    const plan = planRerun(model(files), "docs/research/0067-fr-regressor-v2-prod-loso.md");
    expect(plan).toMatchObject({
      kind: "digest",
      problem: null,
      claimed: { meanPlcc: 0.9588, folds: { BigBuckBunny: 0.9712, FoxBird: 0.9401, Tennis: 0.965 } },
      claimedFrom: "docs/research/0067-fr-regressor-v2-prod-loso.md:10",
      reproducer: { from: "docs/research/0067-fr-regressor-v2-prod-loso.md:19" },
    });
    expect(plan.reproducer!.script).toBe("# docs/research/0067-fr-regressor-v2-prod-loso.md:19\npython3 ai/scripts/train_fr_regressor_v2.py --loso\n");
  });

  it("plans a model through the digest table that names it, and keeps its sidecar to watch", () => {
    const plan = planRerun(model(files), "fr_regressor_v2");
    expect(plan).toMatchObject({ kind: "model", problem: null, sidecarPath: "model/tiny/fr_regressor_v2.json", claimed: { meanPlcc: 0.9588 } });
    expect(plan.reproducer!.from).toBe("docs/research/0067-fr-regressor-v2-prod-loso.md:19");
  });

  it("runs shell blocks as written, Python blocks through python3 and a transcript's commands, and leaves other languages out", () => {
    const reproducer = (blocks: Array<[string, string]>) =>
      losoDigest({ number: "0069", reproducer: null }) + ["## Reproducer", "", ...blocks.flatMap(([lang, code]) => [`\`\`\`${lang}`, code, "```", ""])].join("\n");
    const digest = reproducer([
      ["sh", "make features"],
      ["python", "import json\nprint('LOSO PLCC = 0.9557')"],
      ["console", "$ ./train --loso \\\n    --epochs 30\nepoch 1/30 ...\n$ cat runs/loso.md\n| Fold | PLCC |"],
      ["c", "int main(void) { return 0; }"],
    ]);
    const plan = planRerun(model({ "docs/research/0069-mixed.md": digest }), "docs/research/0069-mixed.md");
    expect(plan.problem).toBeNull();
    const script = plan.reproducer!.script;
    expect(script).toContain("make features\n");
    expect(script).toContain("python3 - <<'RGOV_PYTHON'\nimport json\nprint('LOSO PLCC = 0.9557')\nRGOV_PYTHON\n");
    expect(script).toContain("./train --loso \\\n    --epochs 30\ncat runs/loso.md\n");
    expect(script).not.toContain("epoch 1/30");
    expect(script).toMatch(/# docs\/research\/0069-mixed\.md:\d+: a `c` block, left out \(not a shell or Python block\)/);
    expect(script).not.toContain("int main");
    // Only blocks that cannot run: nothing to run.
    const onlyC = planRerun(model({ "docs/research/0069-mixed.md": reproducer([["c", "int main(void) { return 0; }"]]) }), "docs/research/0069-mixed.md");
    expect(onlyC.problem).toBe("has no Reproducer section with a shell or Python block to run");
  });

  it("ends a Python block's here-document with a marker that is not a line of its code", () => {
    const code = "print('a')\nRGOV_PYTHON\nprint('b')";
    const digest = losoDigest({ number: "0070", reproducer: null }) + ["## Reproducer", "", "```python", code, "```", ""].join("\n");
    const script = planRerun(model({ "docs/research/0070-x.md": digest }), "docs/research/0070-x.md").reproducer!.script;
    expect(script).toContain(`python3 - <<'RGOV_PYTHON_'\n${code}\nRGOV_PYTHON_\n`);
  });

  it("names what a claim is about: the claimed table's model or architecture, or the model target", () => {
    const threeArch = [
      "# Research-0071: three architectures",
      "",
      "- **Status**: Closed",
      "- **Date**: 2026-05-10",
      "",
      "## Per-fold tables",
      "",
      "### `mlp_small`",
      "",
      "| fold | PLCC |",
      "| --- | --- |",
      "| BigBuckBunny | 0.9767 |",
      "| FoxBird | 0.9266 |",
      "",
      "### `linear`",
      "",
      "| fold | PLCC |",
      "| --- | --- |",
      "| BigBuckBunny | 0.3596 |",
      "| FoxBird | 0.2773 |",
      "",
      "## Reproducer",
      "",
      "```bash",
      "python3 ai/scripts/eval_loso_3arch.py",
      "```",
      "",
    ].join("\n");
    const plan = planRerun(model({ ...files, "docs/research/0071-three-arch.md": threeArch }), "docs/research/0071-three-arch.md");
    expect(plan).toMatchObject({ claimed: { folds: { BigBuckBunny: 0.9767, FoxBird: 0.9266 } }, claimedNames: ["mlp_small"] });
    expect(planRerun(model(files), "fr_regressor_v2").claimedNames).toEqual(["fr_regressor_v2"]);
  });

  it("says why a target cannot run", () => {
    const m = model(files);
    expect(planRerun(m, "docs/research/0068-no-repro.md").problem).toMatch(/no Reproducer section/);
    expect(planRerun(m, "docs/research/9999-missing.md").problem).toMatch(/not a research digest/);
    expect(planRerun(m, "vmaf_tiny_v9").problem).toMatch(/not the id of a model/);
    expect(planRerun(m, "../x.md").problem).toMatch(/neither a digest path nor a model id/);
  });
});

describe("compareTarget", () => {
  const result = (reproduced: RerunTargetResult["reproduced"], extra: Partial<RerunTargetResult> = {}): RerunTargetResult => ({
    target: "docs/research/0067-x.md",
    kind: "digest",
    command: "python3 x.py",
    exitCode: 0,
    durationSeconds: 12.5,
    claimed: { meanPlcc: 0.9588, folds: { BigBuckBunny: 0.9712, FoxBird_25fps: 0.9401 } },
    reproduced,
    logTail: "",
    ...extra,
  });

  it("passes figures within the tolerance, per fold and in the mean, matching fold names loosely", () => {
    const c = compareTarget(result({ meanPlcc: 0.9570, folds: { bigbuckbunny: 0.9701, FoxBird: 0.9430 } }), 0.005);
    expect(c.outcome).toBe("reproduced");
    expect(c.largestDifference).toBeCloseTo(0.0029, 6);
    expect(allReproduced([c])).toBe(true);
  });

  it("reports figures outside the tolerance, folds that were not reproduced, failures and silence", () => {
    expect(compareTarget(result({ meanPlcc: 0.9400, folds: {} }), 0.005)).toMatchObject({ outcome: "differs", note: expect.stringContaining("more than the tolerance 0.005") });
    expect(compareTarget(result({ meanPlcc: 0.9588, folds: { BigBuckBunny: 0.9712 } }), 0.005)).toMatchObject({ outcome: "differs", note: expect.stringContaining("not reproduced: FoxBird_25fps") });
    expect(compareTarget(result(null, { exitCode: 2 }), 0.005)).toMatchObject({ outcome: "failed", note: "the reproducer exited with status 2" });
    expect(compareTarget(result(null, { exitCode: null, timedOut: true }), 0.005).outcome).toBe("failed");
    expect(compareTarget(result(null), 0.005).outcome).toBe("no-figures");
    expect(compareTarget(result(null, { error: "has no Reproducer section" }), 0.005)).toMatchObject({ outcome: "failed", note: "has no Reproducer section" });
    expect(allReproduced([])).toBe(false);
  });

  it("renders a table with per-fold detail", () => {
    const r = result({ meanPlcc: 0.9570, folds: { BigBuckBunny: 0.9701 } });
    const text = renderComparisons({ schema: 1, sha: "a".repeat(40), targets: [r] }, [compareTarget(r, 0.005)], 0.005);
    expect(text).toContain("| `docs/research/0067-x.md` | ❌ differs | 0.9588 | 0.9570 |");
    expect(text).toContain("| FoxBird_25fps | 0.9401 | — | — |");
  });
});

describe("parseRerunResults", () => {
  it("accepts SPEC's shape and names the first problem otherwise", () => {
    const ok = { schema: 1, sha: "b".repeat(40), targets: [{ target: "m", kind: "model", command: "", exitCode: null, durationSeconds: 0, claimed: { meanPlcc: null, folds: {} }, reproduced: null, logTail: "", error: "x" }] };
    expect(parseRerunResults(JSON.stringify(ok))).toMatchObject({ ok: true });
    expect(parseRerunResults("{")).toMatchObject({ ok: false, message: expect.stringContaining("not JSON") });
    expect(parseRerunResults(JSON.stringify({ ...ok, schema: 2 }))).toMatchObject({ ok: false, message: expect.stringContaining("`schema`") });
    expect(parseRerunResults(JSON.stringify({ ...ok, sha: "main" }))).toMatchObject({ ok: false, message: expect.stringContaining("a full commit id") });
  });
});
