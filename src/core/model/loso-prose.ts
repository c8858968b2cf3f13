// LOSO PLCC figures stated in prose ("LOSO mean PLCC 0.97", "PLCC = 0.95 on LOSO"). Found once at
// extraction and cached with the document, so the gate rules never rescan a file's raw text.

export interface ProseFigure {
  value: number;
  /** As printed. */
  text: string;
  /** 0-based offset in the text searched. */
  offset: number;
}

/** A line that states at least one LOSO PLCC figure. */
export interface ProseLosoLine {
  /** 1-based. */
  line: number;
  /** The line itself, so a rule can tell which model it names. */
  text: string;
  figures: ProseFigure[];
}

const LOSO_THEN_PLCC = /LOSO\b[^\n;]{0,40}?\bPLCC\b\s*(?:=|:|of|is)?\s*\**\s*(\d\.\d+)/gi;
const PLCC_THEN_LOSO = /\bPLCC\b\s*(?:=|:)?\s*\**\s*(\d\.\d+)\**\s*(?:(?:±|\+\/-)\s*\d\.\d+\s*)?(?:on\s+)?(?:[A-Za-z-]+\s+){0,2}LOSO\b/gi;

/** LOSO PLCC figures stated in one piece of prose, with their offsets. */
export function proseLosoFigures(text: string): ProseFigure[] {
  const found: ProseFigure[] = [];
  for (const pattern of [LOSO_THEN_PLCC, PLCC_THEN_LOSO]) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      const number = match[1]!;
      const offset = match.index + match[0].indexOf(number);
      if (!found.some((item) => item.offset === offset)) found.push({ value: Number(number), text: number, offset });
    }
  }
  return found.sort((a, b) => a.offset - b.offset);
}

/** The lines (`lines[0]` is line 1) that state LOSO PLCC figures, in order. */
export function proseLosoLines(lines: readonly string[]): ProseLosoLine[] {
  const out: ProseLosoLine[] = [];
  lines.forEach((text, index) => {
    // Both patterns need both words; most lines have neither.
    if (!/loso/i.test(text) || !/plcc/i.test(text)) return;
    const figures = proseLosoFigures(text);
    if (figures.length) out.push({ line: index + 1, text, figures });
  });
  return out;
}
