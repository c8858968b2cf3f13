// Action inputs, read the way the runner passes them: `INPUT_<NAME>` with the name upper-cased and
// spaces replaced by `_` (hyphens are kept, so `results-path` is `INPUT_RESULTS-PATH`). The runner
// applies action.yml's defaults; the same defaults are repeated here for runs outside a runner.

export type ActionEnv = Readonly<Record<string, string | undefined>>;

export const MODES = ["check", "rerun"] as const;
export type ActionMode = (typeof MODES)[number];

export const DEFAULT_RESULTS_PATH = "rerun-results/results.json";

export interface ActionInputs {
  mode: ActionMode;
  /** Digest paths or model ids (rerun mode). */
  targets: string[];
  /** Check mode: the ref whose merge base with HEAD is the baseline. */
  base?: string;
  /** A configuration file relative to the workspace; default: the base commit's. */
  config?: string;
  resultsPath: string;
  timeoutMinutes?: number;
  token?: string;
}

/** An input the user can fix: reported as an error annotation. */
export class ActionInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ActionInputError";
  }
}

export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;
}

/** The trimmed input, or undefined when it is unset or empty (GitHub passes unset inputs as ""). */
export function getInput(env: ActionEnv, name: string): string | undefined {
  const value = env[inputEnvName(name)]?.trim();
  return value ? value : undefined;
}

export function readInputs(env: ActionEnv): ActionInputs {
  const mode = getInput(env, "mode") ?? "check";
  if (!(MODES as readonly string[]).includes(mode)) {
    throw new ActionInputError(`Unexpected input \`mode: ${mode}\`, expected one of ${MODES.map((m) => `\`${m}\``).join(", ")}`);
  }
  const inputs: ActionInputs = {
    mode: mode as ActionMode,
    targets: (getInput(env, "targets") ?? "").split(/\s+/).filter(Boolean),
    resultsPath: getInput(env, "results-path") ?? DEFAULT_RESULTS_PATH,
  };
  const base = getInput(env, "base");
  if (base !== undefined) inputs.base = base;
  const config = getInput(env, "config");
  if (config !== undefined) inputs.config = config;
  const token = getInput(env, "token");
  if (token !== undefined) inputs.token = token;
  const timeout = getInput(env, "timeout-minutes");
  if (timeout !== undefined) {
    const minutes = Number(timeout);
    if (!Number.isFinite(minutes) || minutes <= 0) {
      throw new ActionInputError(`Unexpected input \`timeout-minutes: ${timeout}\`, expected a positive number`);
    }
    inputs.timeoutMinutes = minutes;
  }
  return inputs;
}
