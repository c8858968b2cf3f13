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
  const plan: RerunPlan = { target, kind, claimed: empty, claimedFrom: null, reproducer: null, sidecarPath: null, problem: null };
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
  const withClaim = { ...plan, claimed, claimedFrom: `${digest.path}:${table.line}` };
  const reproducer = digestReproducer(digest);
  return reproducer ? { ...withClaim, reproducer } : { ...withClaim, problem: "has no Reproducer section with a fenced command block" };
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
  const withClaim = { ...plan, sidecarPath, claimed: figuresOf(chosen), claimedFrom: `${chosen.mean.source.file}:${chosen.mean.source.line}` };
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

/** The digest's Reproducer blocks as one script, each headed by where it was read. */
function digestReproducer(digest: DigestDocument): { script: string; from: string } | null {
  const blocks = digest.reproducer?.commands ?? [];
  if (blocks.length === 0) return null;
  const script = blocks.map((block) => `# ${digest.path}:${block.line}\n${block.value}`).join("\n\n");
  return { script: `${script}\n`, from: `${digest.path}:${blocks[0]!.line}` };
}
