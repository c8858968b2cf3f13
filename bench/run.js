// `npm run bench`: how long `rgov` takes on the real corpus, relative to a naive parse of every
// Markdown file with unified + remark-parse + remark-gfm measured in the same run.
//
// Every step runs as its own child process (node start-up counts, peak RSS is per process) and
// is repeated BENCH_RUNS times (default 3), the steps interleaved round-robin; the median is
// reported. The corpus is copied to a temporary git repository first, so nothing (caches
// included) is ever written into it.
//
// Environment: BENCH_RUNS, BENCH_CORPUS (default ../shared/corpus/vmaf-2026-05-12),
// BENCH_REFERENCE_SCRIPT (the governed repo's scripts/dev/training_discovery_report.py).
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CLI = join(PROJECT_ROOT, "dist/cli/main.js");
const NAIVE = join(PROJECT_ROOT, "bench/naive-parse.js");
const CORPUS = resolve(process.env.BENCH_CORPUS ?? join(PROJECT_ROOT, "../shared/corpus/vmaf-2026-05-12"));
const RUNS = Math.max(1, Number.parseInt(process.env.BENCH_RUNS ?? "3", 10) || 3);
const REFERENCE_SCRIPT = process.env.BENCH_REFERENCE_SCRIPT;
const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;
const CHANGED_FILES = 10;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Run a command once: wall time (ms), peak RSS (MB), exit status and output. */
function measure(command, args, options = {}) {
  const env = { ...process.env, ...options.env };
  const wrapped = TIME ? [TIME, ["-f", "__BENCH_RSS_KB=%M", command, ...args]] : [command, args];
  const start = performance.now();
  const child = spawnSync(wrapped[0], wrapped[1], { cwd: options.cwd ?? PROJECT_ROOT, env, encoding: "utf8", maxBuffer: 1 << 28 });
  const ms = performance.now() - start;
  let stderr = child.stderr ?? "";
  let rssMb = null;
  const rss = /__BENCH_RSS_KB=(\d+)/.exec(stderr);
  if (rss) {
    rssMb = Number(rss[1]) / 1024;
    stderr = stderr.replace(rss[0], "");
  }
  return { ms, rssMb, status: child.status, stdout: child.stdout ?? "", stderr: stderr.trim(), error: child.error };
}

/**
 * Run every step BENCH_RUNS times, round-robin: one run of each step per round, so a slow phase
 * of a shared machine slows every step alike instead of skewing one step's ratio to the baseline.
 * A step's `prepare` runs before each of its runs and is not timed.
 */
function interleave(definitions) {
  const samples = new Map(definitions.map((step) => [step.key, []]));
  const failed = new Map();
  for (let round = 0; round < RUNS; round++) {
    for (const step of definitions) {
      if (failed.has(step.key)) continue;
      step.prepare?.();
      const { command, args, env, cwd } = step.build();
      const result = measure(command, args, { env, cwd });
      if (result.error || !(step.okStatus ?? [0]).includes(result.status)) {
        failed.set(step.key, `exit ${result.status ?? result.error?.message}: ${result.stderr.split("\n").slice(-3).join(" | ")}`);
        continue;
      }
      samples.get(step.key).push(result);
    }
  }
  const steps = {};
  for (const step of definitions) {
    const runs = samples.get(step.key);
    steps[step.key] = failed.has(step.key)
      ? { name: step.name, failed: failed.get(step.key) }
      : {
          name: step.name,
          medianMs: median(runs.map((s) => s.ms)),
          peakRssMb: runs.every((s) => s.rssMb !== null) ? Math.max(...runs.map((s) => s.rssMb)) : null,
          samplesMs: runs.map((s) => Math.round(s.ms)),
          last: runs[runs.length - 1],
        };
  }
  return steps;
}

function git(cwd, ...args) {
  const result = spawnSync("git", args, { cwd, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
  return result.stdout;
}

/** Ten governed Markdown files spread over ADRs, digests and cards, chosen deterministically. */
function pickChangedFiles(repo) {
  const pick = (dir, count) => {
    const full = join(repo, dir);
    if (!existsSync(full)) return [];
    const names = readdirSync(full).filter((name) => /^\d{4}-.*\.md$/.test(name)).sort();
    const step = Math.max(1, Math.floor(names.length / count));
    return names.filter((_, index) => index % step === 0).slice(0, count).map((name) => `${dir}/${name}`);
  };
  const cards = readdirSync(join(repo, "docs/ai/models"), { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".md"))
    .map((entry) => `docs/ai/models/${entry.name}`)
    .sort()
    .slice(0, 2);
  return [...pick("docs/adr", 4), ...pick("docs/research", 4), ...cards].slice(0, CHANGED_FILES);
}

function formatLine(step, baselineMs, target) {
  if (step.failed) return `${step.name.padEnd(40)} FAILED (${step.failed})`;
  if (step.skipped) return `${step.name.padEnd(40)} not measured (${step.skipped})`;
  const ratio = baselineMs ? step.medianMs / baselineMs : null;
  step.ratio = ratio;
  const rss = step.peakRssMb === null ? "n/a" : `${step.peakRssMb.toFixed(0)} MB`;
  let verdict = "";
  if (target?.ratio !== undefined && ratio !== null) {
    step.target = `<= ${target.ratio}`;
    step.pass = ratio <= target.ratio;
    verdict = `target <= ${target.ratio}  ${step.pass ? "PASS" : "FAIL"}`;
  } else if (target?.label) {
    step.target = target.label;
    verdict = `target ${target.label}${target.pass === undefined ? "" : target.pass ? "  PASS" : "  FAIL"}`;
    if (target.pass !== undefined) step.pass = target.pass;
  }
  return `${step.name.padEnd(40)} ${step.medianMs.toFixed(0).padStart(7)} ms  peak RSS ${rss.padStart(7)}  ratio ${ratio === null ? "n/a" : ratio.toFixed(3)}  ${verdict}`;
}

function main() {
  if (!existsSync(CORPUS)) {
    console.log(`bench: corpus not found at ${CORPUS}; nothing measured (set BENCH_CORPUS).`);
    return;
  }
  if (!existsSync(CLI)) {
    console.log(`bench: ${CLI} is missing; run \`npm run build\` first.`);
    process.exitCode = 1;
    return;
  }
  const work = mkdtempSync(join(tmpdir(), "rgov-bench-"));
  try {
    run(work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function run(work) {
  const repo = join(work, "repo");
  const prTree = join(work, "pull-request");
  const caches = { cold: join(work, "cache-cold"), warm: join(work, "cache-warm"), base: join(work, "cache-base"), pr: join(work, "cache-pr") };
  console.log(`bench: corpus ${CORPUS}, ${RUNS} run(s) per step, interleaved, node ${process.version}`);

  // A throwaway git repository holding a copy of the corpus, and a second work tree of it where
  // a commit changes 10 governed files: the pull request. Cold, warm and report runs read the
  // corpus as it is; the pull-request run checks the work tree against its parent commit.
  cpSync(CORPUS, repo, { recursive: true });
  const commit = (cwd, ...args) => git(cwd, "-c", "user.email=bench@example.invalid", "-c", "user.name=bench", ...args);
  git(repo, "init", "-q");
  commit(repo, "add", "-A");
  commit(repo, "commit", "-q", "-m", "corpus");
  git(repo, "worktree", "add", "-q", "-b", "pull-request", prTree);
  const changed = pickChangedFiles(prTree);
  for (const [index, file] of changed.entries()) appendFileSync(join(prTree, file), `\nBenchmark edit ${index}: one more line of prose.\n`);
  commit(prTree, "commit", "-q", "-am", `change ${changed.length} governed files`);

  const cli = (target, cache, extra = []) => () => ({
    command: process.execPath,
    args: [CLI, "check", target, "--format", "json", ...extra],
    env: { RGOV_CACHE_DIR: cache },
  });
  const reset = (dir, from) => {
    rmSync(dir, { recursive: true, force: true });
    if (from && existsSync(from)) cpSync(from, dir, { recursive: true });
  };
  // Untimed set-up: the warm cache; the cache as the base commit leaves it, which every
  // pull-request run starts from (as a CI job restoring the main branch's cache does); and one
  // run of each kind, so the compiled-code caches exist as they do on a developer's machine.
  const untimed = (target, cache, extra = []) => {
    const { command, args, env } = cli(target, cache, extra)();
    measure(command, args, { env });
  };
  for (let run = 0; run < 2; run++) untimed(repo, caches.warm);
  git(prTree, "checkout", "-q", "--detach", "HEAD~1");
  for (let run = 0; run < 2; run++) untimed(prTree, caches.base);
  git(prTree, "checkout", "-q", "pull-request");
  reset(caches.pr, caches.base);
  untimed(prTree, caches.pr, ["--base", "HEAD~1"]);

  const definitions = [
    { key: "naive", name: "naive remark parse (baseline)", build: () => ({ command: process.execPath, args: [NAIVE, repo] }) },
    { key: "cold", name: "rgov check, cold cache", build: cli(repo, caches.cold), prepare: () => reset(caches.cold), okStatus: [0, 1] },
    { key: "warm", name: "rgov check, warm cache", build: cli(repo, caches.warm), okStatus: [0, 1] },
    {
      key: "pr",
      name: `rgov check --base HEAD~1 (${changed.length} changed)`,
      build: cli(prTree, caches.pr, ["--base", "HEAD~1"]),
      prepare: () => reset(caches.pr, caches.base),
      okStatus: [0, 1],
    },
    { key: "report", name: "rgov report", build: () => ({ command: process.execPath, args: [CLI, "report", repo], env: { RGOV_CACHE_DIR: caches.warm } }) },
  ];
  if (REFERENCE_SCRIPT) {
    definitions.push({ key: "reference", name: "reference python report script", build: () => ({ command: "python3", args: [REFERENCE_SCRIPT, "--repo-root", repo] }) });
  }
  const steps = interleave(definitions);
  if (!REFERENCE_SCRIPT) steps.reference = { name: "reference python report script", skipped: "set BENCH_REFERENCE_SCRIPT to its path" };
  const naive = steps.naive.last ? JSON.parse(steps.naive.last.stdout) : null;
  const baselineMs = steps.naive.medianMs;

  const reportVsReference =
    steps.report.medianMs !== undefined && steps.reference.medianMs !== undefined
      ? { label: `<= reference (${steps.reference.medianMs.toFixed(0)} ms)`, pass: steps.report.medianMs <= steps.reference.medianMs }
      : { label: "<= reference (reference not measured)" };
  console.log(
    naive ? `baseline: ${naive.files} Markdown files, ${(naive.bytes / 1e6).toFixed(1)} MB, in-process parse ${naive.parseMs.toFixed(0)} ms` : "",
  );
  const lines = [
    formatLine(steps.naive, baselineMs, { label: "= 1 (baseline)" }),
    formatLine(steps.cold, baselineMs, { ratio: 0.15 }),
    formatLine(steps.warm, baselineMs, { ratio: 0.03 }),
    formatLine(steps.pr, baselineMs, { ratio: 0.03 }),
    formatLine(steps.report, baselineMs, reportVsReference),
    formatLine(steps.reference, baselineMs),
  ];
  for (const line of lines) console.log(line);

  const stats = (() => {
    try {
      return JSON.parse(steps.warm.last?.stdout ?? "null")?.stats ?? null;
    } catch {
      return null;
    }
  })();
  if (stats) console.log(`warm check stats: ${JSON.stringify(stats)}`);
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    runs: RUNS,
    corpus: CORPUS,
    naive,
    changedFiles: changed,
    steps: Object.fromEntries(Object.entries(steps).map(([key, step]) => [key, { ...step, last: undefined }])),
  };
  mkdirSync(join(PROJECT_ROOT, "bench/results"), { recursive: true });
  writeFileSync(join(PROJECT_ROOT, "bench/results/latest.json"), JSON.stringify(results, null, 2) + "\n");
  console.log("results written to bench/results/latest.json");
}

main();
