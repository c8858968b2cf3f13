// The two card facts the report reads, matched exactly as the reference does. Its patterns use
// Python's `\s`, which crosses newlines, so `- **Corpus kind**:` with an empty value takes the
// next line; that quirk is part of the output contract and is kept. `^` means start of text or
// after `\n` only (JavaScript's multiline `^` also fires after `\r` and U+2028).
import { escapeRegExp } from "../types.js";
import { PY_WHITESPACE_CLASS, pythonStrip } from "./python-format.js";

const LINE_START = "(?<![^\\n])";

/** `- **Label**: value` (value optionally in backticks), stripped; undefined when absent. */
export function extractBoldField(text: string, label: string): string | undefined {
  const ws = PY_WHITESPACE_CLASS;
  const pattern = new RegExp(`${LINE_START}- \\*\\*${escapeRegExp(label)}\\*\\*:${ws}*\`?([^\`\\n]+)\`?`);
  const match = pattern.exec(text);
  return match ? pythonStrip(match[1]!) : undefined;
}

/** The number text of the first `| METRIC | value` table row; undefined when absent. */
export function extractMetricText(text: string, metric: string): string | undefined {
  const ws = PY_WHITESPACE_CLASS;
  const pattern = new RegExp(`${LINE_START}\\|${ws}*${escapeRegExp(metric)}${ws}*\\|${ws}*([0-9.]+)`);
  return pattern.exec(text)?.[1];
}

/**
 * Python's `float()` of a `[0-9.]+` match: `1.`, `.5` and `007` are numbers, `.` and `1.2.3` are
 * not (undefined).
 */
export function parseDecimalText(text: string): number | undefined {
  if (!/^(?:\d+\.?\d*|\.\d+)$/.test(text)) return undefined;
  return Number(text);
}

/** The reference's synthetic test: the banner text anywhere in the card. */
export const SYNTHETIC_BANNER = "synthetic-stub model";
