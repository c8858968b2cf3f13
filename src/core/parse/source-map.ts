// Maps offsets inside a block's content (the text the inline tokenizer sees, with container
// prefixes and leading indentation removed) back to unist points in the original document.
import type { Point } from "unist";

/** One stretch of content copied verbatim from one source line. */
export interface ContentSegment {
  /** Index in the content string where this stretch starts. */
  contentStart: number;
  line: number;
  /** 1-based column of the stretch's first character in the source line. */
  column: number;
  /** Offset of the stretch's first character in the whole document. */
  offset: number;
}

export class SourceMap {
  constructor(private readonly segments: readonly ContentSegment[]) {}

  /** The point of content index `index` (an index one past the end maps to the end of its line). */
  point(index: number): Point {
    const segments = this.segments;
    let low = 0;
    let high = segments.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (segments[middle]!.contentStart <= index) low = middle;
      else high = middle - 1;
    }
    const segment = segments[low]!;
    const delta = index - segment.contentStart;
    return { line: segment.line, column: segment.column + delta, offset: segment.offset + delta };
  }
}

/** A map for content copied from a single stretch of one line. */
export function singleLineMap(line: number, column: number, offset: number): SourceMap {
  return new SourceMap([{ contentStart: 0, line, column, offset }]);
}
