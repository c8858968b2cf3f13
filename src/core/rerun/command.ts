// The `/rerun-loso [target...] [sha]` command, read from the first line of a pull-request comment
// (SPEC section 5). Its words become workflow inputs, never shell text, and each is checked
// against a strict pattern here, before anything else sees it.
import { isTargetWord } from "./plan.js";

export type RerunCommand = { targets: string[]; sha: string | null } | { error: string };

const COMMAND = /^\/rerun-loso(?=\s|$)/;
const SHA = /^[0-9a-f]{7,40}$/i;
/** More targets than this in one comment is a typo or an attempt to tie up the runners. */
export const MAX_TARGETS = 20;

/** The command in a comment body, null when the first line is not `/rerun-loso …`. */
export function parseRerunCommand(body: string): RerunCommand | null {
  const firstLine = body.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0]!.trim();
  if (!COMMAND.test(firstLine)) return null;
  const words = firstLine.slice("/rerun-loso".length).trim().split(/\s+/).filter(Boolean);
  // A trailing hexadecimal word is the head SHA the author means; a model id always has a letter
  // beyond a–f or a `_`, and a digest path a `/`.
  const sha = words.length > 0 && SHA.test(words[words.length - 1]!) ? words.pop()!.toLowerCase() : null;
  if (words.length > MAX_TARGETS) return { error: `names ${words.length} targets; at most ${MAX_TARGETS} can be re-run at once` };
  const bad = words.find((word) => !isTargetWord(word));
  if (bad !== undefined) return { error: `\`${bad.slice(0, 60).replace(/`/g, "'")}\` is neither a digest path nor a model id` };
  return { targets: [...new Set(words)], sha };
}

/** Whether `sha` (possibly abbreviated) names `headSha`. */
export function namesHead(sha: string, headSha: string): boolean {
  return headSha.toLowerCase().startsWith(sha.toLowerCase());
}
