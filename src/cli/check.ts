// `rgov check [DIR] [--base REF] [--format F] [--config FILE] [--no-cache] [--explain RULE FILE]`
//
// Head = the working tree of DIR (uncommitted edits count). With --base, the merge base of REF and
// HEAD is checked too, with the same configuration and cache, and only findings absent there count
// in the verdict. Configuration: --config FILE, else the base commit's file, else DIR's file.
import { resolve } from "node:path";
import { classifyAgainst, compareWithBase, verdictOf } from "../core/diff.js";
import type { GovernanceRun } from "../core/engine.js";
import { explain } from "../core/explain.js";
import { renderGithub } from "../core/render/github.js";
import { renderJson } from "../core/render/json.js";
import { renderMarkdown } from "../core/render/markdown.js";
import { renderText } from "../core/render/text.js";
import type { VerdictInput } from "../core/render/verdict-input.js";
import { RULES } from "../core/rules/index.js";
import { resolveConfig } from "../adapters/config-loader.js";
import { governCommit, governWithConfig } from "../adapters/governed-run.js";
import { DirectorySnapshot } from "../adapters/fs-snapshot.js";
import { findMergeBase, listCommitTree, workTreePrefix, type TreeEntry } from "../adapters/git.js";
import { parseArgs } from "node:util";
import { existingDirectory, withUsageErrors } from "./args.js";
import { openCliCache } from "./cache.js";
import { describeAgainstBase, resolveExplainTarget } from "./explain.js";
import { EXIT_FAIL, EXIT_PASS, UsageError, type CliIO } from "./io.js";

export const CHECK_HELP = `Usage: rgov check [DIR] [options]

Check the governed files of DIR (default: the current directory).

Options:
  --base REF           count only findings new since the merge base of REF and HEAD
  --format FORMAT      text (default), json, markdown or github
  --config FILE        configuration file (default: .github/research-governance.yml at the
                       base commit with --base, else in DIR)
  --no-cache           do not read or write the persistent extraction cache
                       (default location: $RGOV_CACHE_DIR, DIR/node_modules/.cache/research-governance,
                       else ~/.cache/research-governance/<repository key>)
  --explain RULE FILE  show the findings of RULE in FILE with their evidence
  -h, --help           show this help

Exit status: 0 the verdict passes, 1 it fails, 2 usage or configuration error.
`;

const RENDERERS = { text: renderText, json: renderJson, markdown: renderMarkdown, github: renderGithub } as const;
export type CheckFormat = keyof typeof RENDERERS;

export async function runCheck(args: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = withUsageErrors("check", () =>
    parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        base: { type: "string" },
        format: { type: "string", short: "f" },
        config: { type: "string", short: "c" },
        "no-cache": { type: "boolean" },
        explain: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }),
  );
  if (values.help) {
    io.stdout.write(CHECK_HELP);
    return EXIT_PASS;
  }
  const format = parseFormat(values.format);
  const explainRule = values.explain;
  // With --explain the last positional is FILE: `check [DIR] --explain RULE FILE`.
  const maxPositionals = explainRule === undefined ? 1 : 2;
  if (explainRule !== undefined && positionals.length === 0) throw new UsageError("check: --explain RULE needs a FILE");
  if (positionals.length > maxPositionals) throw new UsageError(`check: unexpected argument \`${positionals[maxPositionals]}\``);
  const dirArg = explainRule === undefined || positionals.length === 2 ? positionals[0] : undefined;
  const dir = existingDirectory(io.cwd, dirArg);
  const explainTarget = explainRule === undefined ? undefined : resolveExplainTarget(explainRule, positionals.at(-1)!, dir, io.cwd, RULES);

  let base: VerdictInput["base"];
  let baseTree: Promise<Map<string, TreeEntry>> | undefined;
  // git answers both questions at once; the merge base is awaited after the work-tree check.
  const mergeBase = values.base === undefined ? undefined : findMergeBase(dir, values.base);
  mergeBase?.catch(() => {}); // handled where awaited; not unhandled if the check below throws
  const inWorkTree = values.base === undefined ? undefined : workTreePrefix(dir);
  inWorkTree?.catch(() => {});
  // While git works: read the cache and list the head's files.
  const cliCache = openCliCache(dir, { enabled: !values["no-cache"], env: io.env ?? process.env });
  const head = new DirectorySnapshot(dir, cliCache.snapshotOptions);
  if (values.base !== undefined && mergeBase && inWorkTree) {
    const prefix = await inWorkTree;
    if (prefix === undefined) throw new UsageError(`check: --base needs a git repository, and ${dir} is not in one`);
    base = { ref: values.base, commit: await mergeBase };
    // Listed while the configuration is read and the head is checked.
    baseTree = listCommitTree(dir, base.commit, prefix);
    baseTree.catch(() => {}); // likewise, if the configuration turns out to be invalid
  }
  const loaded = await resolveConfig({
    dir,
    configFile: values.config === undefined ? undefined : resolve(io.cwd, values.config),
    baseCommit: base?.commit,
  });

  let input: VerdictInput;
  let headModel: GovernanceRun["model"] | undefined;
  try {
    const headRun = governWithConfig(head, loaded, cliCache.cache);
    // Only --explain reads the model; a reused run builds it only when asked.
    if (explainTarget) headModel = headRun.model;
    const baseRun = base ? await governCommit(head, base.commit, loaded, cliCache.cache, baseTree) : null;
    const comparison = baseRun ? compareWithBase(headRun.findings, baseRun.fingerprints, baseRun.renames) : null;
    const findings = comparison?.findings ?? classifyAgainst(headRun.findings, null);
    input = { verdict: verdictOf(findings), findings, stats: headRun.stats, base };
    if (comparison) input.resolvedFindings = comparison.resolved.length;
  } finally {
    cliCache.flush();
  }

  if (explainTarget) {
    const relevant = input.findings.filter((f) => f.ruleId === explainTarget.rule.id && f.file === explainTarget.file);
    io.stdout.write(
      format === "json"
        ? renderJson({ ...input, findings: relevant, verdict: verdictOf(relevant) })
        : explain(headModel!, explainTarget.rule.id, explainTarget.file) + describeAgainstBase(relevant, input.base),
    );
    return EXIT_PASS;
  }
  io.stdout.write(RENDERERS[format](input));
  return input.verdict === "pass" ? EXIT_PASS : EXIT_FAIL;
}

function parseFormat(value: string | undefined): CheckFormat {
  if (value === undefined) return "text";
  if (value in RENDERERS) return value as CheckFormat;
  throw new UsageError(`check: unknown format \`${value}\`, expected one of ${Object.keys(RENDERERS).join(", ")}`);
}
