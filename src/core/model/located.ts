// Values extracted from documents keep where they were found, so every finding can point at the
// exact line and column, and evidence chains can cite their sources.

export interface Located<T> {
  value: T;
  line: number;
  column: number;
}

/** A number as printed in a document: its value, its text and its printed precision. */
export interface PrintedNumber {
  value: number;
  /** The text as printed, e.g. `0.9681`, `−0.012`, `**0.95**`. */
  text: string;
  /** Digits after the decimal point as printed (0 for integers). */
  decimals: number;
  line: number;
  column: number;
}
