// Which governed files a change renamed. A renamed file's findings are the ones it had before, so
// the pull-request classification matches them under the old path instead of calling them new.
// Detected from the two snapshots themselves, the same way for every front end: the app's partial
// clones hold no blobs outside the governed files, and git's own rename detection would fetch
// whatever it compares (model weights included).
import { compareStrings, type RepositorySnapshot } from "./types.js";

/** Share of lines two versions must have in common to count as one file renamed, as git's default 50%. */
export const RENAME_SIMILARITY = 0.5;

/** Above this many (removed × added) pairs only exact renames are looked for: the comparison is quadratic. */
const MAX_COMPARED_PAIRS = 40_000;

/**
 * Base path -> head path for each governed file that is absent at the head and whose content
 * reappears under a new path of the same kind: exactly (same content id) or with at least
 * RENAME_SIMILARITY of its non-blank lines. Each file pairs at most once, best match first.
 */
export function detectRenames(
  base: RepositorySnapshot,
  head: RepositorySnapshot,
  kindOf: (path: string) => string | null,
): Map<string, string> {
  const renames = new Map<string, string>();
  const headPaths = new Set(head.paths());
  const basePaths = new Set(base.paths());
  const removed = base.paths().filter((path) => !headPaths.has(path) && kindOf(path) !== null);
  if (removed.length === 0) return renames;
  const added = head.paths().filter((path) => !basePaths.has(path) && kindOf(path) !== null);
  if (added.length === 0) return renames;

  const addedById = new Map<string, string[]>();
  for (const path of added) {
    const id = head.hash(path);
    if (id !== undefined) addedById.set(id, [...(addedById.get(id) ?? []), path]);
  }
  const taken = new Set<string>();
  for (const path of removed) {
    const id = base.hash(path);
    const candidates = (id === undefined ? [] : (addedById.get(id) ?? [])).filter((candidate) => !taken.has(candidate) && kindOf(candidate) === kindOf(path));
    if (candidates.length === 0) continue;
    // Identical copies: the one kept under the same name or in the same directory is the rename.
    const match = candidates.reduce((best, candidate) => (nameAffinity(path, candidate) > nameAffinity(path, best) ? candidate : best));
    renames.set(path, match);
    taken.add(match);
  }

  const sources = removed.filter((path) => !renames.has(path));
  const targets = added.filter((path) => !taken.has(path));
  if (sources.length === 0 || targets.length === 0 || sources.length * targets.length > MAX_COMPARED_PAIRS) return renames;
  const sourceLines = new Map(sources.map((path) => [path, lineCounts(base.read(path))]));
  const targetLines = new Map(targets.map((path) => [path, lineCounts(head.read(path))]));
  const pairs: Array<{ from: string; to: string; score: number }> = [];
  for (const from of sources) {
    for (const to of targets) {
      if (kindOf(from) !== kindOf(to)) continue;
      const score = similarity(sourceLines.get(from)!, targetLines.get(to)!);
      if (score >= RENAME_SIMILARITY) pairs.push({ from, to, score });
    }
  }
  // Best score first; ties in path order, so the result never depends on listing order.
  pairs.sort((a, b) => b.score - a.score || nameAffinity(b.from, b.to) - nameAffinity(a.from, a.to) || compareStrings(a.from, b.from) || compareStrings(a.to, b.to));
  for (const { from, to } of pairs) {
    if (renames.has(from) || taken.has(to)) continue;
    renames.set(from, to);
    taken.add(to);
  }
  return renames;
}

/** 2 when a move keeps the file name, 1 when a rename keeps the directory, else 0. */
function nameAffinity(from: string, to: string): number {
  const split = (path: string) => [path.slice(0, path.lastIndexOf("/") + 1), path.slice(path.lastIndexOf("/") + 1)];
  const [fromDir, fromName] = split(from);
  const [toDir, toName] = split(to);
  return fromName === toName ? 2 : fromDir === toDir ? 1 : 0;
}

interface LineCounts {
  counts: Map<string, number>;
  total: number;
}

function lineCounts(text: string | undefined): LineCounts {
  const counts = new Map<string, number>();
  let total = 0;
  for (const raw of (text ?? "").split("\n")) {
    const line = raw.trim();
    if (line === "") continue;
    counts.set(line, (counts.get(line) ?? 0) + 1);
    total++;
  }
  return { counts, total };
}

/** Lines in common (as multisets) over the longer version's line count. */
function similarity(a: LineCounts, b: LineCounts): number {
  const longer = Math.max(a.total, b.total);
  if (longer === 0) return 0;
  const [small, large] = a.counts.size <= b.counts.size ? [a.counts, b.counts] : [b.counts, a.counts];
  let common = 0;
  for (const [line, count] of small) common += Math.min(count, large.get(line) ?? 0);
  return common / longer;
}
