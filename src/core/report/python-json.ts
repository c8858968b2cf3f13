// JSON read the way Python's `json.loads` reads it. The reference report prints JSON values with
// `str()`, which tells ints from floats (`216` vs `216.0`), so the number's lexical form must
// survive parsing; `JSON.parse` loses it. Python also accepts `NaN`/`Infinity` and keeps the last
// of duplicate keys. No JavaScript parser does all three, hence this small recursive-descent one.

/** A JSON integer (Python `int`): exact, arbitrary precision. */
export class PyInt {
  constructor(readonly value: bigint) {}
}

/** A JSON number with a fraction or exponent (Python `float`). */
export class PyFloat {
  constructor(readonly value: number) {}
}

export type PyDict = Map<string, PyJson>;
export type PyJson = null | boolean | string | PyInt | PyFloat | PyJson[] | PyDict;

export class PythonJsonError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${message}: line ${line} column ${column}`);
    this.name = "PythonJsonError";
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;
const PLAIN_RUN = /[^"\\\x00-\x1f]+/y;

export function parsePythonJson(text: string): PyJson {
  const parser = new Parser(text);
  if (text.startsWith("\ufeff")) parser.fail("Unexpected UTF-8 BOM", 0);
  parser.skipWhitespace();
  const value = parser.value();
  parser.skipWhitespace();
  if (parser.position < text.length) parser.fail("Extra data", parser.position);
  return value;
}

export function isPyDict(value: PyJson | undefined): value is PyDict {
  return value instanceof Map;
}

class Parser {
  position = 0;
  constructor(private readonly text: string) {}

  fail(message: string, at: number): never {
    const before = this.text.slice(0, at);
    const line = before.split("\n").length;
    const column = at - before.lastIndexOf("\n");
    throw new PythonJsonError(message, line, column);
  }

  skipWhitespace(): void {
    WHITESPACE.lastIndex = this.position;
    WHITESPACE.exec(this.text);
    this.position = WHITESPACE.lastIndex;
  }

  value(): PyJson {
    const char = this.text[this.position];
    if (char === "{") return this.object();
    if (char === "[") return this.array();
    if (char === '"') return this.string();
    for (const [word, value] of LITERALS) {
      if (this.text.startsWith(word, this.position)) {
        this.position += word.length;
        return value;
      }
    }
    NUMBER.lastIndex = this.position;
    const match = NUMBER.exec(this.text);
    if (!match) this.fail("Expecting value", this.position);
    this.position = NUMBER.lastIndex;
    if (match[1] === undefined && match[2] === undefined) return new PyInt(BigInt(match[0]));
    return new PyFloat(Number(match[0]));
  }

  private object(): PyDict {
    const dict: PyDict = new Map();
    this.position++;
    this.skipWhitespace();
    if (this.text[this.position] === "}") {
      this.position++;
      return dict;
    }
    for (;;) {
      if (this.text[this.position] !== '"') this.fail("Expecting property name enclosed in double quotes", this.position);
      const key = this.string();
      this.skipWhitespace();
      if (this.text[this.position] !== ":") this.fail("Expecting ':' delimiter", this.position);
      this.position++;
      this.skipWhitespace();
      dict.set(key, this.value());
      this.skipWhitespace();
      const next = this.text[this.position];
      this.position++;
      if (next === "}") return dict;
      if (next !== ",") this.fail("Expecting ',' delimiter", this.position - 1);
      this.skipWhitespace();
    }
  }

  private array(): PyJson[] {
    const items: PyJson[] = [];
    this.position++;
    this.skipWhitespace();
    if (this.text[this.position] === "]") {
      this.position++;
      return items;
    }
    for (;;) {
      items.push(this.value());
      this.skipWhitespace();
      const next = this.text[this.position];
      this.position++;
      if (next === "]") return items;
      if (next !== ",") this.fail("Expecting ',' delimiter", this.position - 1);
      this.skipWhitespace();
    }
  }

  private string(): string {
    const start = this.position;
    this.position++;
    let out = "";
    for (;;) {
      const char = this.text[this.position];
      if (char === undefined) this.fail("Unterminated string starting at", start);
      if (char === '"') {
        this.position++;
        return out;
      }
      if (char < " ") this.fail("Invalid control character at", this.position);
      if (char !== "\\") {
        // Copy the run of plain characters in one slice; char-by-char appends are slow on the
        // multi-megabyte legacy model files.
        PLAIN_RUN.lastIndex = this.position;
        PLAIN_RUN.exec(this.text);
        out += this.text.slice(this.position, PLAIN_RUN.lastIndex);
        this.position = PLAIN_RUN.lastIndex;
        continue;
      }
      const escape = this.text[this.position + 1];
      if (escape === "u") {
        const hex = this.text.slice(this.position + 2, this.position + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail("Invalid \\uXXXX escape", this.position);
        out += String.fromCharCode(parseInt(hex, 16));
        this.position += 6;
        continue;
      }
      const simple = escape === undefined ? undefined : SIMPLE_ESCAPES[escape];
      if (simple === undefined) this.fail("Invalid \\escape", this.position);
      out += simple;
      this.position += 2;
    }
  }
}

const LITERALS: ReadonlyArray<[string, PyJson]> = [
  ["null", null],
  ["true", true],
  ["false", false],
  ["NaN", new PyFloat(Number.NaN)],
  ["Infinity", new PyFloat(Number.POSITIVE_INFINITY)],
  ["-Infinity", new PyFloat(Number.NEGATIVE_INFINITY)],
];

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};
