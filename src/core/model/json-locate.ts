// Maps JSON pointers (RFC 6901) to 1-based line/column positions in the JSON text, so a finding
// about a field (a schema violation, a sha256 mismatch) points at the line that holds it.
// JSON.parse gives values but no positions; this small scanner walks the same grammar and records
// where each node starts. It never throws: on malformed input it returns what it located so far.

export interface JsonPosition {
  line: number;
  column: number;
}

export interface JsonNodeLocation extends JsonPosition {
  /** Where the member's key starts, for object members. Findings about a field point here. */
  key?: JsonPosition;
}

export interface LocateOptions {
  /**
   * Record scalar elements of arrays (`/feature_mean/3`). Off by default for cached documents:
   * large numeric arrays (libvmaf SVM models) would bloat the cache for no rule's benefit.
   */
  scalarsInArrays?: boolean;
}

/** Escape one reference token: `~` -> `~0`, `/` -> `~1`. */
export function escapePointerToken(token: string | number): string {
  return String(token).replace(/~/g, "~0").replace(/\//g, "~1");
}

/** `["training", "loso_folds", 2]` -> `/training/loso_folds/2`; `[]` -> `` (the root). */
export function toPointer(path: ReadonlyArray<string | number | symbol>): string {
  return path.map((token) => `/${escapePointerToken(String(token))}`).join("");
}

/** The pointer of the parent node, or null for the root. */
export function parentPointer(pointer: string): string | null {
  if (pointer === "") return null;
  return pointer.slice(0, pointer.lastIndexOf("/"));
}

/** Locate every object member and container (and optionally every scalar) of a JSON text. */
export function locateJson(text: string, options: LocateOptions = {}): Map<string, JsonNodeLocation> {
  const scanner = new JsonScanner(text, options.scalarsInArrays ?? true);
  try {
    scanner.skipWhitespace();
    scanner.value("", undefined, true);
  } catch {
    // Malformed JSON: keep what was located before the error. JSON.parse reports the error.
  }
  return scanner.locations;
}

/**
 * The position a finding about `pointer` should use: the member's key when it is an object
 * member, else the value; falls back to the nearest located ancestor, then to line 1.
 */
export function positionOf(locations: ReadonlyMap<string, JsonNodeLocation>, pointer: string): JsonPosition {
  let current: string | null = pointer;
  while (current !== null) {
    const found = locations.get(current);
    if (found) return found.key ?? { line: found.line, column: found.column };
    current = parentPointer(current);
  }
  return { line: 1, column: 1 };
}

/** Compact, JSON-serialisable form for cached documents: pointer -> [line, column]. */
export type CompactLocations = Record<string, [number, number]>;

export function compactLocations(locations: ReadonlyMap<string, JsonNodeLocation>): CompactLocations {
  const out: CompactLocations = {};
  for (const [pointer, location] of locations) {
    const at = location.key ?? location;
    out[pointer] = [at.line, at.column];
  }
  return out;
}

/** `positionOf` over the compact form. */
export function compactPositionOf(locations: CompactLocations, pointer: string): JsonPosition {
  let current: string | null = pointer;
  while (current !== null) {
    const found = locations[current];
    if (found) return { line: found[0], column: found[1] };
    current = parentPointer(current);
  }
  return { line: 1, column: 1 };
}

class JsonScanner {
  readonly locations = new Map<string, JsonNodeLocation>();
  private index = 0;
  private line = 1;
  private lineStart = 0;

  constructor(
    private readonly text: string,
    private readonly scalarsInArrays: boolean,
  ) {
    // A byte-order mark is not part of the JSON value.
    if (text.charCodeAt(0) === 0xfeff) {
      this.index = 1;
      this.lineStart = 1;
    }
  }

  private position(): JsonPosition {
    return { line: this.line, column: this.index - this.lineStart + 1 };
  }

  skipWhitespace(): void {
    const text = this.text;
    while (this.index < text.length) {
      const c = text.charCodeAt(this.index);
      if (c === 0x0a) {
        this.index++;
        this.line++;
        this.lineStart = this.index;
      } else if (c === 0x20 || c === 0x09 || c === 0x0d) {
        this.index++;
      } else {
        break;
      }
    }
  }

  value(pointer: string, key: JsonPosition | undefined, record: boolean): void {
    const start = this.position();
    const c = this.text[this.index];
    if (c === "{") {
      this.locations.set(pointer, key ? { ...start, key } : start);
      this.object(pointer);
    } else if (c === "[") {
      this.locations.set(pointer, key ? { ...start, key } : start);
      this.array(pointer);
    } else {
      if (record) this.locations.set(pointer, key ? { ...start, key } : start);
      this.scalar();
    }
  }

  private object(pointer: string): void {
    this.index++; // {
    this.skipWhitespace();
    if (this.text[this.index] === "}") {
      this.index++;
      return;
    }
    for (;;) {
      this.skipWhitespace();
      const keyPosition = this.position();
      const name = this.string();
      this.skipWhitespace();
      this.expect(":");
      this.skipWhitespace();
      this.value(`${pointer}/${escapePointerToken(name)}`, keyPosition, true);
      this.skipWhitespace();
      const next = this.text[this.index];
      this.index++;
      if (next === "}") return;
      if (next !== ",") throw new Error("expected , or }");
    }
  }

  private array(pointer: string): void {
    this.index++; // [
    this.skipWhitespace();
    if (this.text[this.index] === "]") {
      this.index++;
      return;
    }
    for (let i = 0; ; i++) {
      this.skipWhitespace();
      const c = this.text[this.index];
      // Unrecorded scalars need no pointer: libvmaf's SVM models hold arrays of thousands.
      if (this.scalarsInArrays || c === "{" || c === "[") this.value(`${pointer}/${i}`, undefined, this.scalarsInArrays);
      else this.scalar();
      this.skipWhitespace();
      const next = this.text[this.index];
      this.index++;
      if (next === "]") return;
      if (next !== ",") throw new Error("expected , or ]");
    }
  }

  private expect(char: string): void {
    if (this.text[this.index] !== char) throw new Error(`expected ${char}`);
    this.index++;
  }

  private string(): string {
    this.expect('"');
    const begin = this.index;
    let escaped = false;
    for (;;) {
      // Skip the run of plain characters in one step; stop at a quote, a backslash or a newline.
      // (Checked first: a sticky regex past the end resets lastIndex to 0.)
      if (this.index >= this.text.length) throw new Error("unterminated string");
      PLAIN_STRING_RUN.lastIndex = this.index;
      PLAIN_STRING_RUN.test(this.text);
      this.index = PLAIN_STRING_RUN.lastIndex;
      if (this.index >= this.text.length) throw new Error("unterminated string");
      const c = this.text[this.index]!;
      if (c === "\n") throw new Error("newline in string");
      if (c === "\\") {
        escaped = true;
        this.index += 2;
        continue;
      }
      const raw = this.text.slice(begin, this.index);
      this.index++;
      return escaped ? (JSON.parse(`"${raw}"`) as string) : raw;
    }
  }

  private scalar(): void {
    if (this.text[this.index] === '"') {
      this.string();
      return;
    }
    SCALAR.lastIndex = this.index;
    if (!SCALAR.test(this.text)) throw new Error("unexpected token");
    this.index = SCALAR.lastIndex;
  }
}

// Sticky: matched at `lastIndex` only, without slicing the text.
const PLAIN_STRING_RUN = /[^"\\\n]*/y;
const SCALAR = /true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Where JSON.parse stopped. V8 says `... in JSON at position 123 (line 4 column 5)` for some errors
 * and only the position for others (e.g. a missing comma), so the line is computed from the position.
 */
export function jsonErrorPosition(text: string, error: Error): JsonPosition {
  const lineColumn = /line (\d+) column (\d+)/.exec(error.message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /position (\d+)/.exec(error.message)?.[1] ?? (/end of JSON input/.test(error.message) ? text.length : undefined);
  if (position === undefined) return { line: 1, column: 1 };
  const before = text.slice(0, Number(position));
  const line = before.split("\n").length;
  return { line, column: before.length - before.lastIndexOf("\n") };
}

/**
 * JSON text without a leading UTF-8 byte order mark, and the problem to report when it had one:
 * Python's `json.load` (what the governed repository's scripts use) rejects such a file, so it
 * is an error, but the rest of the file is still read so the other rules see its content. The
 * mark becomes a space (JSON whitespace), keeping every position the same.
 */
export function withoutByteOrderMark(text: string): { text: string; problem?: { message: string; line: number; column: number } } {
  if (!text.startsWith("\uFEFF")) return { text };
  return {
    text: ` ${text.slice(1)}`,
    problem: {
      message: "Unexpected UTF-8 byte order mark (U+FEFF) at the start of the file, expected plain UTF-8: Python's json.load rejects it",
      line: 1,
      column: 1,
    },
  };
}
