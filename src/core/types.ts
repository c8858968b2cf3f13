// The shared vocabulary of the engine: findings, severities and the repository snapshot that every
// rule reads. Nothing here does I/O; adapters implement `RepositorySnapshot` over a directory or a
// git tree.

export type Severity = "error" | "warning" | "notice";

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, notice: 2 };

/**
 * Errors first, then warnings, then notices, each in its given order (the sort is stable). Lists
 * cut at a size limit use it, so what fails the verdict is never the part left out.
 */
export function mostSevereFirst<T extends { severity: Severity }>(findings: readonly T[]): T[] {
  return [...findings].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}

/** A place in a file, 1-based like unist positions. */
export interface Location {
  file: string;
  line: number;
  column: number;
}

/** One problem a rule found. Every output (CLI text, JSON, comment, annotations) renders this. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Path relative to the repository root, forward slashes. */
  file: string;
  line: number;
  column: number;
  docsUrl: string;
  /** Other places the reader needs, e.g. the reciprocal ADR or the sidecar a digest contradicts. */
  related?: Array<Location & { message: string }>;
  /** Longer explanation: evidence chain, unified diff. Rendered collapsed. */
  details?: string;
}

/** A finding as a pull-request verdict sees it: new at the head, or debt already at the base. */
export interface ClassifiedFinding extends Finding {
  new: boolean;
}

/**
 * Read-only view of a repository state. Paths are relative, forward slashes, no leading `./`.
 * `hash` is a content id (git blob id or a sha1 of the bytes) so parse results can be cached.
 */
export interface RepositorySnapshot {
  /** Every file path in the snapshot, sorted. */
  paths(): readonly string[];
  /** The file's text, or undefined when it does not exist. */
  read(path: string): string | undefined;
  /** A content id for the file, or undefined when it does not exist. */
  hash(path: string): string | undefined;
  /**
   * Optional: lowercase hex sha256 of the file's exact bytes (binary files such as ONNX included),
   * or, for a Git LFS pointer, the sha256 it names; undefined when the file does not exist. Rules that compare recorded digests with the bytes skip
   * that check when a snapshot does not implement it.
   */
  sha256?(path: string): string | undefined;
}

/** Snapshot over an in-memory map: tests, fixtures, and states assembled from git objects. */
export class MemorySnapshot implements RepositorySnapshot {
  private readonly files: Map<string, string>;
  private readonly sortedPaths: string[];
  private readonly hashes = new Map<string, string>();

  constructor(files: Record<string, string> | Map<string, string>, hashes?: Map<string, string>) {
    this.files = files instanceof Map ? new Map(files) : new Map(Object.entries(files));
    this.sortedPaths = [...this.files.keys()].sort(compareStrings);
    if (hashes) for (const [path, id] of hashes) this.hashes.set(path, id);
  }

  paths(): readonly string[] {
    return this.sortedPaths;
  }

  read(path: string): string | undefined {
    return this.files.get(path);
  }

  hash(path: string): string | undefined {
    const text = this.files.get(path);
    if (text === undefined) return undefined;
    let id = this.hashes.get(path);
    if (id === undefined) {
      id = contentId(text);
      this.hashes.set(path, id);
    }
    return id;
  }
}

/** Lines of a text split at LF or CRLF: a plain string split when there is no CR (about 2× faster). */
export function splitLines(text: string): string[] {
  return text.includes("\r") ? text.split(/\r?\n/) : text.split("\n");
}

/** `text` as a regular expression that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Code-unit order, like Python's sorted() on str: locale-independent and deterministic. */
/**
 * Structural equality of plain data (what extractions and memos hold): primitives, arrays and
 * objects compared key by key, in any key order. Reading a property of a lazily decoded value
 * decodes it.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, index) => sameData(item, other[index]));
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Deterministic order for every output: file, line, column, rule id, then message. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.message, b.message)
  );
}

/** FNV-1a 64-bit over UTF-16 code units: a cheap, pure content id for in-memory snapshots. */
export function contentId(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0xcbf29ce4;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ (c + i), 0x01000193) >>> 0;
  }
  return `m${text.length.toString(16)}-${h1.toString(16)}${h2.toString(16)}`;
}
