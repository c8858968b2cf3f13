// What a run's findings depend on, file by file, so a later run can tell whether it may reuse
// them (ADR-0018). A run uses a file in one of three ways:
//
// - extracted: the model was built from the file's extraction. A change that leaves the
//   extraction as it was (a line of prose added at the end) cannot change a finding.
// - read: a rule read the file's text or bytes. Any change may change a finding.
// - keyed: a rule only asked for the file's content id, to key a memo. Rules never derive a
//   finding from a content id (RuleContext), so only the file's existence matters.
//
// A memo hit skips the computation that read files, so each memoised value carries the paths its
// computation read, and a hit counts them as read again (`capture`, `replay`).
import { compareStrings, type RepositorySnapshot } from "./types.js";

const EXTRACTED = "e";
const READ = "r";
const KEYED = "k";

/** Passes every call through and notes how the run used each path. */
export class RecordingSnapshot implements RepositorySnapshot {
  /** Path to its uses, as flag letters. */
  private readonly uses = new Map<string, string>();
  /** While the model is built, every read and content id serves an extraction. */
  private buildingModel = true;
  private readonly captures: Array<Set<string>> = [];
  readonly sha256?: (path: string) => string | undefined;

  constructor(private readonly inner: RepositorySnapshot) {
    if (inner.sha256) {
      const digest = inner.sha256.bind(inner);
      this.sha256 = (path) => (this.note(path, READ), digest(path));
    }
  }

  /** From now on the rules run: reads are theirs. */
  modelBuilt(): void {
    this.buildingModel = false;
  }

  paths(): readonly string[] {
    return this.inner.paths();
  }

  read(path: string): string | undefined {
    this.note(path, this.buildingModel ? EXTRACTED : READ);
    return this.inner.read(path);
  }

  hash(path: string): string | undefined {
    this.note(path, this.buildingModel ? EXTRACTED : KEYED);
    return this.inner.hash(path);
  }

  /** Run `compute` and return the paths it read, for a memo to replay when it is reused. */
  capture<T>(compute: () => T): [T, string[]] {
    const reads = new Set<string>();
    this.captures.push(reads);
    try {
      return [compute(), [...reads].sort(compareStrings)];
    } finally {
      this.captures.pop();
    }
  }

  /** A memo was reused: the paths its computation read count as read by this run. */
  replay(reads: readonly string[]): void {
    for (const path of reads) this.note(path, READ);
  }

  /** Every path used, sorted, as `path NUL content id NUL flags` joined by NUL. */
  serialize(): string {
    return [...this.uses.keys()]
      .sort(compareStrings)
      .map((path) => `${path}${NUL}${this.inner.hash(path) ?? ABSENT}${NUL}${this.uses.get(path)}`)
      .join(NUL);
  }

  private note(path: string, flag: string): void {
    const flags = this.uses.get(path) ?? "";
    if (!flags.includes(flag)) this.uses.set(path, flags + flag);
    if (flag === READ) for (const capture of this.captures) capture.add(path);
  }
}

// Paths and content ids never contain NUL; one long string decodes far faster than many short ones.
const NUL = "\u0000";
const ABSENT = "-";

export interface UsedFile {
  path: string;
  /** The content id the run saw, "-" for a file that did not exist. */
  id: string;
  extracted: boolean;
  read: boolean;
}

export function parseUses(serialized: string): UsedFile[] {
  if (serialized === "") return [];
  const parts = serialized.split(NUL);
  const files: UsedFile[] = [];
  for (let index = 0; index + 2 < parts.length; index += 3) {
    const flags = parts[index + 2]!;
    files.push({ path: parts[index]!, id: parts[index + 1]!, extracted: flags.includes(EXTRACTED), read: flags.includes(READ) });
  }
  return files;
}

/** Whether every used file has the content id the run saw. */
export function sameContent(serialized: string, snapshot: RepositorySnapshot): boolean {
  if (serialized === "") return true;
  const parts = serialized.split(NUL);
  for (let index = 0; index + 2 < parts.length; index += 3) {
    if ((snapshot.hash(parts[index]!) ?? ABSENT) !== parts[index + 1]) return false;
  }
  return true;
}

/**
 * Whether a run that used `serialized` gives the same findings on `snapshot`: every file that
 * changed since was only keyed (and still exists) or only extracted, with an extraction equal to
 * the one the run used (`sameExtraction`, which may parse the new content). Read files must not
 * have changed. Checks the cheap conditions of every file before comparing any extraction.
 */
export function sameFindings(serialized: string, snapshot: RepositorySnapshot, sameExtraction: (path: string, id: string) => boolean): boolean {
  const changed = parseUses(serialized).filter((file) => (snapshot.hash(file.path) ?? ABSENT) !== file.id);
  for (const file of changed) {
    if (file.read || file.id === ABSENT || snapshot.hash(file.path) === undefined) return false;
  }
  return changed.every((file) => !file.extracted || sameExtraction(file.path, file.id));
}

/** `serialized` with each file's content id as `snapshot` has it now. */
export function withCurrentContent(serialized: string, snapshot: RepositorySnapshot): string {
  return parseUses(serialized)
    .map((file) => `${file.path}${NUL}${snapshot.hash(file.path) ?? ABSENT}${NUL}${file.extracted ? EXTRACTED : ""}${file.read ? READ : ""}${!file.extracted && !file.read ? KEYED : ""}`)
    .join(NUL);
}
