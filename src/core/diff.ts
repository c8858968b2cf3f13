// Pull-request semantics: a finding is new when the head has it and the merge base does not.
// Findings are matched by rule, file and message (not by line, which shifts with every edit, nor by
// the line numbers a message cites), as a multiset, so a second copy of an existing problem still
// counts as new.
import { escapeRegExp, type ClassifiedFinding, type Finding } from "./types.js";

export function findingFingerprint(finding: Finding): string {
  return `${finding.ruleId}\u0000${finding.file}\u0000${finding.message.replace(CITED_POSITION, "$1")}`;
}

/**
 * A message that cites where its evidence sits (`as stated in \`docs/ai/training.md:30\``) would
 * otherwise become a new finding whenever a pull request moves that line, even in another file.
 */
const CITED_POSITION = /([\w.-]*[\w-]\.[A-Za-z][\w]*):\d+(?::\d+)?\b/g;

/**
 * `renames` maps base paths to head paths (detectRenames): a renamed file's findings at the base
 * are matched as if they had been found under the new path.
 */
export function classifyFindings(
  head: readonly Finding[],
  base: readonly Finding[] | null,
  renames?: ReadonlyMap<string, string>,
): ClassifiedFinding[] {
  return classifyAgainst(head, base === null ? null : base.map(findingFingerprint), renames);
}

/** classifyFindings with the base given by its findings' fingerprints, all it needs of them. */
export function classifyAgainst(
  head: readonly Finding[],
  baseFingerprints: readonly string[] | null,
  renames?: ReadonlyMap<string, string>,
): ClassifiedFinding[] {
  if (baseFingerprints === null) return head.map((finding) => ({ ...finding, new: true }));
  return compareWithBase(head, baseFingerprints, renames).findings;
}

/**
 * Findings at the merge base that the head no longer has, matched as classifyFindings matches:
 * what the pull request resolved (or, for a renamed file, what it resolved under the new name).
 */
export function resolvedFindings(head: readonly Finding[], base: readonly Finding[], renames?: ReadonlyMap<string, string>): Finding[] {
  const { resolved } = compareWithBase(head, base.map(findingFingerprint), renames);
  return resolved.map((index) => base[index]!);
}

/**
 * Both sides of a comparison in one matching: the head's findings classified, and the indices of
 * the base fingerprints no head finding matched (the findings the change resolved).
 */
export function compareWithBase(
  head: readonly Finding[],
  baseFingerprints: readonly string[],
  renames?: ReadonlyMap<string, string>,
): { findings: ClassifiedFinding[]; resolved: number[] } {
  // Each base finding is one copy in the multiset, reachable under every key it may have at the
  // head; the first head finding to claim it uses it up.
  const claimable = new Map<string, number[]>();
  baseFingerprints.forEach((fingerprint, index) => {
    for (const key of renames?.size ? renamedFingerprints(fingerprint, renames) : [fingerprint]) {
      const copies = claimable.get(key);
      if (copies) copies.push(index);
      else claimable.set(key, [index]);
    }
  });
  const claimed = new Uint8Array(baseFingerprints.length);
  const findings = head.map((finding) => {
    const copies = claimable.get(findingFingerprint(finding)) ?? [];
    const index = copies.find((candidate) => claimed[candidate] === 0);
    if (index === undefined) return { ...finding, new: true };
    claimed[index] = 1;
    return { ...finding, new: false };
  });
  const resolved: number[] = [];
  claimed.forEach((used, index) => {
    if (used === 0) resolved.push(index);
  });
  return { findings, resolved };
}

/**
 * The keys a base finding may have at the head when files were renamed: its file takes the new
 * name, and its message either stays (it quotes text that still names the old file, such as a
 * link) or names the new file wherever it named the old one (it cites the file as evidence).
 */
export function renamedFingerprints(fingerprint: string, renames: ReadonlyMap<string, string>): string[] {
  const [ruleId, file, ...rest] = fingerprint.split("\u0000");
  const message = rest.join("\u0000");
  let rewritten = message;
  for (const { from, to, name, newName } of renameRewrites(renames)) {
    rewritten = rewritten.split(from).join(to);
    if (name) rewritten = rewritten.replace(name, newName);
  }
  const renamedFile = renames.get(file!) ?? file;
  const keys = [`${ruleId}\u0000${renamedFile}\u0000${message}`];
  if (rewritten !== message) keys.push(`${ruleId}\u0000${renamedFile}\u0000${rewritten}`);
  return keys;
}

interface RenameRewrite {
  from: string;
  to: string;
  /** The old file name standing alone, when the rename changed it. */
  name: RegExp | null;
  newName: string;
}

const rewritesOf = new WeakMap<ReadonlyMap<string, string>, RenameRewrite[]>();

/** Built once per rename map: every base fingerprint of a pull request is rewritten with it. */
function renameRewrites(renames: ReadonlyMap<string, string>): RenameRewrite[] {
  let rewrites = rewritesOf.get(renames);
  if (!rewrites) {
    rewrites = [...renames].map(([from, to]) => {
      const fromName = from.slice(from.lastIndexOf("/") + 1);
      const newName = to.slice(to.lastIndexOf("/") + 1);
      const name = fromName === newName ? null : new RegExp(`(?<![\\w.-])${escapeRegExp(fromName)}(?![\\w-])`, "g");
      return { from, to, name, newName };
    });
    rewritesOf.set(renames, rewrites);
  }
  return rewrites;
}

export type Verdict = "pass" | "fail";

/** The verdict counts new errors only; warnings and notices never fail a pull request. */
export function verdictOf(findings: readonly ClassifiedFinding[]): Verdict {
  return findings.some((finding) => finding.new && finding.severity === "error") ? "fail" : "pass";
}
