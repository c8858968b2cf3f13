// Python's text conversions, reproduced exactly. The VMAF preset must match a Python script byte
// for byte, and JavaScript disagrees with Python in small but visible ways: `toFixed` rounds
// decimal ties away from zero where Python rounds the exact binary value (ties to even),
// `String(1e-5)` is `0.00001` where Python prints `1e-05`, and Python keeps a `-` on negative
// values that round to zero.
import { PyFloat, PyInt, type PyJson } from "./python-json.js";

/**
 * Characters Python's `str.isspace()` and the `re` module's `\s` accept. JavaScript's `\s` differs
 * (it has U+FEFF and lacks U+001C..U+001F and U+0085), so patterns that must match like Python use
 * this class instead.
 */
export const PY_WHITESPACE_CLASS = "[\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";

const LEADING_PY_WHITESPACE = new RegExp(`^${PY_WHITESPACE_CLASS}+`);
const TRAILING_PY_WHITESPACE = new RegExp(`${PY_WHITESPACE_CLASS}+$`);

/** `str.strip()` with no argument. */
export function pythonStrip(text: string): string {
  return text.replace(LEADING_PY_WHITESPACE, "").replace(TRAILING_PY_WHITESPACE, "");
}

/** Python's text-mode read (universal newlines): `\r\n` and lone `\r` become `\n`. */
export function universalNewlines(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

/**
 * `f"{value:.{digits}f}"` for a float, or `f"{value:+.{digits}f}"` with `sign: true`. Rounds the
 * exact binary value of the double to `digits` places, ties to even, as CPython does.
 */
export function formatFixed(value: number, digits: number, options: { sign?: boolean } = {}): string {
  const negative = value < 0 || Object.is(value, -0);
  const prefix = negative ? "-" : options.sign ? "+" : "";
  if (Number.isNaN(value)) return `${options.sign ? "+" : ""}nan`;
  if (!Number.isFinite(value)) return `${prefix}inf`;
  const { mantissa, exponent } = decomposeDouble(Math.abs(value));
  const scale = 10n ** BigInt(digits);
  let scaled: bigint;
  if (exponent >= 0) {
    scaled = (mantissa << BigInt(exponent)) * scale;
  } else {
    const numerator = mantissa * scale;
    const denominator = 1n << BigInt(-exponent);
    const quotient = numerator / denominator;
    const twiceRemainder = (numerator % denominator) * 2n;
    const roundUp = twiceRemainder > denominator || (twiceRemainder === denominator && quotient % 2n === 1n);
    scaled = roundUp ? quotient + 1n : quotient;
  }
  const text = scaled.toString().padStart(digits + 1, "0");
  const whole = text.slice(0, text.length - digits);
  return digits === 0 ? `${prefix}${whole}` : `${prefix}${whole}.${text.slice(text.length - digits)}`;
}

/** A finite non-negative double as mantissa * 2^exponent, both exact. */
function decomposeDouble(value: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const biasedExponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  if (biasedExponent === 0) return { mantissa: fraction, exponent: -1074 };
  return { mantissa: fraction | (1n << 52n), exponent: biasedExponent - 1075 };
}

/**
 * `repr(float)` (which is also `str(float)`): the shortest digits that round-trip, in fixed
 * notation when the decimal point falls in (-4, 16], otherwise `1e-05` / `1.5e+16` style.
 */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value < 0 ? "-inf" : "inf";
  const sign = value < 0 || Object.is(value, -0) ? "-" : "";
  if (value === 0) return `${sign}0.0`;
  // toExponential() without an argument yields the shortest round-trip digits, like repr.
  const [mantissaText, exponentText] = Math.abs(value).toExponential().split("e") as [string, string];
  const digits = mantissaText.replace(".", "");
  const pointPosition = Number(exponentText) + 1;
  if (pointPosition > -4 && pointPosition <= 16) {
    if (pointPosition <= 0) return `${sign}0.${"0".repeat(-pointPosition)}${digits}`;
    if (pointPosition >= digits.length) return `${sign}${digits}${"0".repeat(pointPosition - digits.length)}.0`;
    return `${sign}${digits.slice(0, pointPosition)}.${digits.slice(pointPosition)}`;
  }
  const exponent = pointPosition - 1;
  const fraction = digits.length > 1 ? `.${digits.slice(1)}` : "";
  const exponentDigits = String(Math.abs(exponent)).padStart(2, "0");
  return `${sign}${digits[0]}${fraction}e${exponent < 0 ? "-" : "+"}${exponentDigits}`;
}

/** `str(value)` of a value `json.loads` produced. */
export function pythonStr(value: PyJson): string {
  if (typeof value === "string") return value;
  return pythonRepr(value);
}

/** `repr(value)` of a value `json.loads` produced. */
export function pythonRepr(value: PyJson): string {
  if (value === null) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "string") return pythonStringRepr(value);
  if (value instanceof PyInt) return value.value.toString();
  if (value instanceof PyFloat) return pythonFloatRepr(value.value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(", ")}]`;
  const entries = [...value.entries()].map(([key, item]) => `${pythonStringRepr(key)}: ${pythonRepr(item)}`);
  return `{${entries.join(", ")}}`;
}

const NON_PRINTABLE = /[\p{C}\p{Z}]/u;

/** `repr(str)`: single quotes unless the text has `'` and no `"`; escapes non-printables. */
export function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    if (char === quote || char === "\\") out += `\\${char}`;
    else if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (char === "\t") out += "\\t";
    else if (char !== " " && NON_PRINTABLE.test(char)) out += escapeCodePoint(char.codePointAt(0)!);
    else out += char;
  }
  return out + quote;
}

function escapeCodePoint(code: number): string {
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, "0")}`;
  if (code < 0x10000) return `\\u${code.toString(16).padStart(4, "0")}`;
  return `\\U${code.toString(16).padStart(8, "0")}`;
}

/**
 * `float(value)` when Python's `isinstance(value, int | float)` holds, else undefined. Booleans
 * count as ints there, so `True` becomes 1.0.
 */
export function pythonNumber(value: PyJson | undefined): number | undefined {
  if (value === true) return 1;
  if (value === false) return 0;
  if (value instanceof PyInt) return Number(value.value);
  if (value instanceof PyFloat) return value.value;
  return undefined;
}
