// What a `/rerun-loso` target means in a repository: the figures it claims and the Reproducer that
// should produce them again. A target is a digest path (`docs/research/0067-….md`) or a model id.
// Pure: the Action runs the plan, the app only ever sees the results.
import { evidenceContext, tableFolds, tableMean } from "../evidence/index.js";
import type { LosoEvidence } from "../evidence/types.js";
import type { DigestDocument } from "../model/digest.js";
import type { RepositoryModel } from "../model/repository.js";
import { stringAt } from "../evidence/json-fields.js";
import type { LosoFigures } from "./results.js";

export interface RerunPlan {
  target: string;
  kind: "digest" | "model";
  claimed: LosoFigures;
  /** `file:line` of the claimed figures. */
  claimedFrom: string | null;
  /** Model or architecture names the claimed figures are about, to find them in the output. */
  claimedNames: string[];
  /** The script to run, with where it came from; null when there is none (see `problem`). */
  reproducer: { script: string; from: string } | null;
  /** The model's sidecar, whose rewrite by the reproducer also counts as its output. */
  sidecarPath: string | null;
  /** Why the target cannot be re-run. */
  problem: string | null;
}

/** Digest paths and model ids only: targets come from a comment and are passed as workflow inputs. */
const TARGET_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/;

/** A word that may name a target: the pattern above, and no `..` path segment. */
export function isTargetWord(word: string): boolean {
  return TARGET_PATTERN.test(word) && !word.split("/").includes("..");
}

export function isDigestTarget(target: string): boolean {
  return target.includes("/") || target.endsWith(".md");
}

export function planRerun(model: RepositoryModel, target: string): RerunPlan {
  const empty: LosoFigures = { meanPlcc: null, folds: {} };
  const kind = isDigestTarget(target) ? "digest" : "model";
  const plan: RerunPlan = { target, kind, claimed: empty, claimedFrom: null, claimedNames: [], reproducer: null, sidecarPath: null, problem: null };
  if (!isTargetWord(target)) return { ...plan, problem: "is neither a digest path nor a model id" };
  return kind === "digest" ? planDigest(model, plan) : planModel(model, plan);
}

function planDigest(model: RepositoryModel, plan: RerunPlan): RerunPlan {
  const path = plan.target.replace(/^\.\//, "");
  const digest = model.digests.find((d) => d.path === path);
  if (!digest) return { ...plan, problem: `is not a research digest of this repository (digests live in \`${model.config.paths.researchDir}\`)` };
  const table = digest.losoTables.find((t) => t.folds.some((fold) => fold.values.plcc) || t.summaries.some((s) => s.kind === "mean" && s.values.plcc));
  if (!table) return { ...plan, problem: "states no per-fold LOSO result table to compare with" };
  const folds = Object.fromEntries(tableFolds(table, digest.path).map((fold) => [fold.name, fold.plcc]));
  const claimed = { meanPlcc: tableMean(table, digest.path)?.value ?? null, folds };
  const withClaim = { ...plan, claimed, claimedFrom: `${digest.path}:${table.line}`, claimedNames: [...new Set([...table.modelIds, ...(table.mentions ?? [])])] };
  const reproducer = digestReproducer(digest);
  return reproducer ? { ...withClaim, reproducer } : { ...withClaim, problem: "has no Reproducer section with a shell or Python block to run" };
}

function planModel(model: RepositoryModel, plan: RerunPlan): RerunPlan {
  const context = evidenceContext(model);
  const artefact = context.byId.get(plan.target);
  if (!artefact) return { ...plan, problem: "is not the id of a model in the registry, a sidecar or a card" };
  const sidecarPath = artefact.sidecar?.path ?? null;
  const evidence = context.losoEvidence(artefact).filter((e) => e.structured && (e.kind === "sidecar-folds" || e.kind === "sidecar-mean" || e.kind === "digest-table"));
  // Per-fold figures first: a re-run is compared fold by fold where it can be.
  const chosen = evidence.find((e) => e.folds?.length) ?? evidence[0];
  if (!chosen) return { ...plan, sidecarPath, problem: "has no LOSO figures in its sidecar or in a digest table to compare with" };
  const withClaim = { ...plan, sidecarPath, claimed: figuresOf(chosen), claimedFrom: `${chosen.mean.source.file}:${chosen.mean.source.line}`, claimedNames: [plan.target] };
  // The reproducer of the digest the figures come from, else one the sidecar declares, else that
  // of any digest whose LOSO table names the model.
  const source = model.digests.find((d) => d.path === chosen.mean.source.file);
  const declared = artefact.sidecar ? (stringAt(artefact.sidecar.data, ["reproducer"]) ?? stringAt(artefact.sidecar.data, ["training", "reproducer"])) : undefined;
  const naming = model.digests.find((d) => d.losoTables.some((t) => t.modelIds.includes(plan.target)) && digestReproducer(d));
  const reproducer =
    (source && digestReproducer(source)) ??
    (declared && artefact.sidecar ? { script: declared, from: `${artefact.sidecar.path} (\`reproducer\`)` } : null) ??
    (naming ? digestReproducer(naming) : null);
  return reproducer ? { ...withClaim, reproducer } : { ...withClaim, problem: "has no reproducer: no digest with its LOSO table has a Reproducer block, and its sidecar declares none" };
}

function figuresOf(evidence: LosoEvidence): LosoFigures {
  return { meanPlcc: evidence.mean.value, folds: Object.fromEntries((evidence.folds ?? []).map((fold) => [fold.name, fold.plcc])) };
}

/** Fence languages run as they are by bash; a block without a language is taken as shell too. */
const SHELL_LANGS = new Set(["bash", "sh", "shell"]);
/** Fence languages run by python3, fed on standard input. */
const PYTHON_LANGS = new Set(["python", "python3", "py"]);
/** Transcripts: `$ ` lines are the commands, the rest is their output. */
const TRANSCRIPT_LANGS = new Set(["console", "shell-session", "shellsession"]);

/**
 * The digest's Reproducer blocks as one bash script, each headed by where it was read. Shell
 * blocks run as written, Python blocks through python3, a console transcript's `$ ` commands
 * without their output; blocks in other languages (C, CUDA, batch files) cannot run here and are
 * left out with a comment saying so. Null when no block can run.
 */
function digestReproducer(digest: DigestDocument): { script: string; from: string } | null {
  const blocks = digest.reproducer?.commands ?? [];
  const parts: string[] = [];
  let first: number | null = null;
  for (const block of blocks) {
    const where = `# ${digest.path}:${block.line}`;
    const script = blockScript(block.lang?.toLowerCase() ?? null, block.value);
    if (script === null) {
      parts.push(`${where}: a \`${block.lang}\` block, left out (not a shell or Python block)`);
      continue;
    }
    first ??= block.line;
    parts.push(`${where}\n${script}`);
  }
  if (first === null) return null;
  return { script: `${parts.join("\n\n")}\n`, from: `${digest.path}:${first}` };
}

function blockScript(lang: string | null, code: string): string | null {
  if (lang === null || SHELL_LANGS.has(lang)) return code;
  if (PYTHON_LANGS.has(lang)) {
    // A quoted here-document: bash expands nothing in it. Its end marker must not be a line of the code.
    let marker = "RGOV_PYTHON";
    while (code.split("\n").includes(marker)) marker += "_";
    return `python3 - <<'${marker}'\n${code}\n${marker}`;
  }
  if (TRANSCRIPT_LANGS.has(lang)) return transcriptCommands(code);
  return null;
}

/** The commands of a console transcript: `$ ` lines and the lines their trailing `\` continues. */
function transcriptCommands(code: string): string | null {
  const commands: string[] = [];
  let continued = false;
  for (const line of code.split("\n")) {
    if (continued) commands.push(line);
    else if (line.startsWith("$ ")) commands.push(line.slice(2));
    else continue;
    continued = line.endsWith("\\");
  }
  return commands.length ? commands.join("\n") : null;
}
