// `results.json`, the contract between a re-run workflow and the app (SPEC section 5): what each
// target claimed, what its reproducer printed, and how the run went. Written by the Action in
// `rerun` mode, read back by the app from the run's artifact, so both sides validate it the same way.
import * as z from "zod";

export const RERUN_RESULTS_SCHEMA = 1;

/** LOSO figures: the mean PLCC (null when not stated) and PLCC per fold, by fold name. */
export const LosoFigures = z.object({
  meanPlcc: z.number().nullable(),
  folds: z.record(z.string(), z.number()),
});
export type LosoFigures = z.infer<typeof LosoFigures>;

export const RerunTargetResult = z.object({
  target: z.string(),
  kind: z.enum(["digest", "model"]),
  /** The script that ran (the Reproducer blocks), empty when nothing could run. */
  command: z.string(),
  /** Null when the command never ran or was killed at the timeout. */
  exitCode: z.number().int().nullable(),
  durationSeconds: z.number().nonnegative(),
  claimed: LosoFigures,
  /** Null when the run produced no figures. */
  reproduced: LosoFigures.nullable(),
  logTail: z.string(),
  // Beyond SPEC's fields, so a reader can act without opening the run's logs.
  /** `file:line` of the claimed figures. */
  claimedFrom: z.string().optional(),
  /** Where the reproduced figures were read: `output` (a LOSO line or table) or the sidecar path. */
  reproducedFrom: z.string().optional(),
  timedOut: z.boolean().optional(),
  /** Why the target could not run (unknown target, no reproducer, no claimed figures). */
  error: z.string().optional(),
});
export type RerunTargetResult = z.infer<typeof RerunTargetResult>;

export const RerunResults = z.object({
  schema: z.literal(RERUN_RESULTS_SCHEMA),
  sha: z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/, "a full commit id"),
  targets: z.array(RerunTargetResult),
});
export type RerunResults = z.infer<typeof RerunResults>;

/** Parse and validate a results.json text; the message names the first problem. */
export function parseRerunResults(text: string): { ok: true; results: RerunResults } | { ok: false; message: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `results.json is not JSON: ${(error as Error).message}` };
  }
  const parsed = RerunResults.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, message: `results.json: \`${issue.path.join(".") || "(root)"}\`: ${issue.message}` };
  }
  return { ok: true, results: parsed.data };
}
