// The workflow's event payload (GITHUB_EVENT_PATH): only the pull request's base SHA is used, as
// the default baseline of check mode. A missing or unreadable payload means "no baseline".
import { readFileSync } from "node:fs";
import type { ActionEnv } from "./inputs.js";

export function pullRequestBaseSha(env: ActionEnv): string | undefined {
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
  const sha = (payload as { pull_request?: { base?: { sha?: unknown } } } | null)?.pull_request?.base?.sha;
  return typeof sha === "string" && /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
}
