// Which models a gate applies to: id patterns and kinds from the rule's options. The default
// scope is the FR regressors that ADR-0235 of the governed repository gates.
import * as z from "zod";
import type { ModelArtefact } from "./types.js";

const Pattern = z.string().refine((source) => {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}, "must be a valid regular expression");

export const GateScope = z
  .object({
    /** Regular expressions over model ids; a model is in scope when one matches. */
    ids: z.array(Pattern).default(["^fr_regressor"]),
    /** Registry or sidecar kinds; empty means any kind. */
    kinds: z.array(z.string()).default([]),
    /** Regular expressions over model ids that are never in scope. */
    exclude: z.array(Pattern).default([]),
  })
  .strict();
export type GateScope = z.infer<typeof GateScope>;

export const DEFAULT_GATE_SCOPE: GateScope = GateScope.parse({});

/**
 * The LOSO ship gate as ship-gate-loso and ship-gate-verdict configure it: one threshold over one
 * scope. Each rule keeps its own copy of the options, so a repository can tune them apart.
 */
export const ShipGateOptions = z
  .object({
    /** Minimum LOSO mean PLCC; verdicts that state no threshold of their own are judged by it. */
    threshold: z.number().min(0).max(1).default(0.95),
    scope: GateScope.default(DEFAULT_GATE_SCOPE),
  })
  .strict();
export type ShipGateOptions = z.infer<typeof ShipGateOptions>;

export function inGateScope(artefact: ModelArtefact, scope: GateScope): boolean {
  if (!idMatches(artefact.id, scope)) return false;
  return scope.kinds.length === 0 || (artefact.kind !== null && scope.kinds.includes(artefact.kind));
}

function idMatches(id: string, scope: GateScope): boolean {
  return scope.ids.some((pattern) => new RegExp(pattern).test(id)) && !scope.exclude.some((pattern) => new RegExp(pattern).test(id));
}

/**
 * Scope for a model id the repository has no artefact for yet (a digest reporting on a model
 * before it is registered): decided by the id patterns alone, and only when the scope does not
 * also require a kind, which an id alone cannot tell.
 */
export function idInGateScope(id: string, scope: GateScope): boolean {
  return scope.kinds.length === 0 && idMatches(id, scope);
}

/** `ids ^fr_regressor`, for messages that say why a model is in scope. */
export function describeScope(scope: GateScope): string {
  const parts = [`ids matching ${scope.ids.map((p) => `\`${p}\``).join(" or ")}`];
  if (scope.kinds.length) parts.push(`kind ${scope.kinds.map((k) => `\`${k}\``).join(" or ")}`);
  if (scope.exclude.length) parts.push(`excluding ${scope.exclude.map((p) => `\`${p}\``).join(", ")}`);
  return parts.join(", ");
}
