// The workflow's event payload (GITHUB_EVENT_PATH): only the base SHA of a pull request or of a
// merge-queue group is used, as the default baseline of check mode. A missing or unreadable
// payload means "no baseline".
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
  const event = payload as { pull_request?: { base?: { sha?: unknown } }; merge_group?: { base_sha?: unknown } } | null;
  // A merge group is the base branch plus queued pull requests: judged, like them, against its base.
  const sha = event?.pull_request?.base?.sha ?? event?.merge_group?.base_sha;
  return typeof sha === "string" && /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
}
