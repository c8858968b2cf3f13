// Numbers as documents print them. Digests write `0.9681`, `**0.9681 ± 0.0207**`, `−0.012` (U+2212),
// `1 500` (thin or plain spaces between digit groups), `12.4922 VMAF`, `9.5 \times 10^{-4}` and
// `9.5e-4`. Arithmetic checks need the value AND the printed precision, so every parse keeps the
// number of decimals as written (for scientific forms: the decimals of the expanded value).
import type { PrintedNumber } from "./located.js";

/** Minus signs seen in documents: ASCII hyphen-minus, U+2212 minus, en dash used as minus. */
const MINUS = "[-\u2212\u2013]";
/** Digits, optionally grouped by single (thin/no-break) spaces in threes: `1 500`, `33 840`. */
const GROUPED_DIGITS = "\\d{1,3}(?:[ \u2009\u202f\u00a0]\\d{3})+(?!\\d)";
const MANTISSA = `(?:${GROUPED_DIGITS}|\\d+)(?:\\.\\d+)?|\\.\\d+`;
/** `e-4`, `E+03`, ` \times 10^{-4}`, `×10^-4`, `· 10⁻⁴` is too rare to bother with. */
const EXPONENT = `(?:[eE][-+]?\\d+|\\s*(?:\\\\times|\\\\cdot|×|x)\\s*10\\^\\{?${MINUS}?\\d+\\}?)`;
const NUMBER_SOURCE = `(?<![\\w.])(${MINUS}|\\+)?(${MANTISSA})(${EXPONENT})?(?![\\w.]*\\d)`;

/** A fresh global regex over every number in a text (callers iterate `exec`). */
function numberPattern(): RegExp {
  return new RegExp(NUMBER_SOURCE, "g");
}

export interface NumberMatch {
  number: PrintedNumber;
  /** Offset of the match in the scanned text (0-based), and its length. */
  index: number;
  length: number;
}

/**
 * Every number in `text`, in order. `line`/`column` are where `text` starts in its file; multi-line
 * texts are not expected (callers scan one line at a time).
 */
export function findNumbers(text: string, line: number, column: number): NumberMatch[] {
  const found: NumberMatch[] = [];
  const pattern = numberPattern();
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) {
    const number = toPrintedNumber(match[0], match[1], match[2]!, match[3], line, column + match.index);
    if (number) found.push({ number, index: match.index, length: match[0].length });
  }
  return found;
}

/** The first number in `text`, or null. */
export function parsePrintedNumber(text: string, line = 1, column = 1): PrintedNumber | null {
  return findNumbers(text, line, column)[0]?.number ?? null;
}

export interface MeanWithSpread {
  value: PrintedNumber;
  /** The `± x` part, when printed. */
  spread?: PrintedNumber;
}

/**
 * A table cell or fragment that states one value, possibly with `± spread`: `**0.9681 ± 0.0207**`,
 * `0.9808 +/- 0.0214`, `14.907`. Returns null for cells with no number (`—`, `n/a`).
 */
export function parseValueWithSpread(text: string, line = 1, column = 1): MeanWithSpread | null {
  const numbers = findNumbers(text, line, column);
  const first = numbers[0];
  if (!first) return null;
  const afterFirst = text.slice(first.index + first.length);
  const spreadMatch = /^[\s*_]*(?:±|\+\/-|\+-)[\s*_]*/.exec(afterFirst);
  const second = numbers[1];
  if (spreadMatch && second && second.index === first.index + first.length + spreadMatch[0].length) {
    return { value: first.number, spread: second.number };
  }
  return { value: first.number };
}

/** Decimals of the shortest round-trip representation of a JSON number (`0.25` -> 2, `1e-7` -> 7). */
export function shortestDecimals(value: number): number {
  if (!Number.isFinite(value)) return 0;
  const text = String(Math.abs(value));
  const exp = /e([-+]\d+)$/.exec(text);
  const mantissa = exp ? text.slice(0, exp.index) : text;
  const dot = mantissa.indexOf(".");
  const mantissaDecimals = dot < 0 ? 0 : mantissa.length - dot - 1;
  return Math.max(0, mantissaDecimals - (exp ? Number(exp[1]) : 0));
}

/** A PrintedNumber for a JSON value: its own text, shortest-representation decimals. */
export function printedFromJson(value: number, line: number, column: number): PrintedNumber {
  return { value, text: String(value), decimals: shortestDecimals(value), line, column };
}

/** Half a unit in the last printed digit: the widest rounding error the printed text allows. */
/** A correlation (which lies in [-1, 1]) printed above 1 can only be a percentage. */
export function isPercentCorrelation(value: number): boolean {
  return value > 1 && value <= 100;
}

/**
 * A correlation printed as a percentage (`96.81`, `96.81%`) as the fraction it stands for, two
 * more decimals and printed that way (`0.9681`), so gates and arithmetic compare like with like.
 */
export function percentToFraction(number: PrintedNumber): PrintedNumber {
  const decimals = number.decimals + 2;
  const value = Number((number.value / 100).toFixed(decimals));
  return { ...number, value, decimals, text: value.toFixed(decimals) };
}

export function halfUnit(decimals: number): number {
  return 0.5 * 10 ** -decimals;
}

function toPrintedNumber(
  text: string,
  sign: string | undefined,
  mantissa: string,
  exponent: string | undefined,
  line: number,
  column: number,
): PrintedNumber | null {
  const digits = mantissa.replace(/[ \u2009\u202f\u00a0]/g, "");
  const dot = digits.indexOf(".");
  let decimals = dot < 0 ? 0 : digits.length - dot - 1;
  let value = Number(digits);
  if (exponent) {
    const power = /([-\u2212\u2013+]?)\{?(\d+)\}?\s*$/.exec(exponent);
    if (!power) return null;
    const shift = (power[1] && power[1] !== "+" ? -1 : 1) * Number(power[2]);
    value *= 10 ** shift;
    decimals = Math.max(0, decimals - shift);
  }
  if (sign && sign !== "+") value = -value;
  if (!Number.isFinite(value)) return null;
  return { value, text, decimals, line, column };
}
