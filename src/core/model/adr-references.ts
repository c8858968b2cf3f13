// ADR references in Markdown: `ADR-NNNN` mentions, inline links and reference-style definitions
// whose target is a numbered Markdown file (`0123-slug.md`). Read line by line so each reference
// carries the exact line and column of the mention; code blocks and inline code are skipped, since
// examples and placeholders live there.

export interface AdrReference {
  /** The ADR number the reference names. */
  number: number;
  /** `mention` (ADR-0123 in prose), `link` (inline link target), `definition` ([x]: target). */
  form: "mention" | "link" | "definition";
  /** The text as written: `ADR-0123` or the link target. */
  text: string;
  /** Link target resolved against the file's directory (no anchor), or null for mentions. */
  resolved: string | null;
  /** The file name the link names, e.g. `0123-old-slug.md`, or null for mentions. */
  fileName: string | null;
  line: number;
  column: number;
}

const MENTION = /(?<![\w/])ADR[-\u2010\u2011](\d{3,5})(?![\d\w])/g;
const INLINE_LINK_TARGET = /\]\(\s*<?([^)\s>]+)>?/g;
const DEFINITION = /^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?/;
const NUMBERED_FILE = /^(\d{3,5})-[^/]*\.md$/;
const URL_SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

export function extractAdrReferences(path: string, lines: readonly string[], codeLines: ReadonlySet<number>): AdrReference[] {
  const references: AdrReference[] = [];
  const directory = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
  for (let index = 0; index < lines.length; index++) {
    const lineNumber = index + 1;
    const raw = lines[index]!;
    // Most lines name no ADR: test the raw line before the costlier masking.
    if ((!raw.includes("ADR") && !raw.includes(".md")) || codeLines.has(lineNumber)) continue;
    const line = maskInlineCode(raw);
    if (!line.includes("ADR") && !line.includes(".md")) continue;

    // matchAll copies its regular expression: skip the scans a line cannot match.
    const mentions = line.includes("ADR") ? line.matchAll(MENTION) : [];
    for (const m of mentions) {
      references.push({
        number: Number(m[1]),
        form: "mention",
        text: m[0],
        resolved: null,
        fileName: null,
        line: lineNumber,
        column: m.index + 1,
      });
    }
    const definition = DEFINITION.exec(line);
    const targets: Array<{ target: string; column: number; form: "link" | "definition" }> = [];
    if (definition) {
      targets.push({ target: definition[1]!, column: definition.index + definition[0].indexOf(definition[1]!) + 1, form: "definition" });
    } else if (line.includes("](")) {
      for (const m of line.matchAll(INLINE_LINK_TARGET)) {
        targets.push({ target: m[1]!, column: m.index + m[0].indexOf(m[1]!) + 1, form: "link" });
      }
    }
    for (const { target, column, form } of targets) {
      const link = resolveNumberedLink(directory, target);
      if (!link) continue;
      references.push({ number: link.number, form, text: target, resolved: link.resolved, fileName: link.fileName, line: lineNumber, column });
    }
  }
  return references;
}

/** Resolve a relative link whose file name is `NNNN-slug.md`; null for URLs and other files. */
export function resolveNumberedLink(
  directory: string,
  target: string,
): { number: number; resolved: string; fileName: string } | null {
  const resolved = resolveLink(directory, target);
  if (resolved === null) return null;
  // The name as written (`0012-x.md/` names no file), not the normalised path's last part.
  const bare = target.replace(/[#?].*$/, "");
  const fileName = bare.slice(bare.lastIndexOf("/") + 1);
  const m = NUMBERED_FILE.exec(fileName);
  if (!m) return null;
  return { number: Number(m[1]), resolved, fileName };
}

/** A relative link target as a repository path (no anchor or query); null for URLs and anchors. */
export function resolveLink(directory: string, target: string): string | null {
  if (URL_SCHEME.test(target) || target.startsWith("#")) return null;
  const bare = target.replace(/[#?].*$/, "");
  return normalisePath(bare.startsWith("/") ? bare.slice(1) : directory ? `${directory}/${bare}` : bare);
}

/** Collapse `.` and `..` segments; `..` above the root is kept so a broken link stays visible. */
export function normalisePath(path: string): string {
  const out: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === ".." && out.length > 0 && out[out.length - 1] !== "..") out.pop();
    else out.push(segment);
  }
  return out.join("/");
}

/** Replace inline code spans with spaces so columns stay true and code is never read as prose. */
export function maskInlineCode(line: string): string {
  if (!line.includes("`")) return line;
  let out = "";
  let i = 0;
  while (i < line.length) {
    // Copy the text up to the next backtick in one piece, not character by character.
    const tick = line.indexOf("`", i);
    if (tick < 0) {
      out += line.slice(i);
      break;
    }
    out += line.slice(i, tick);
    i = tick;
    const runEnd = endOfRun(line, i);
    const length = runEnd - i;
    // The span closes at the next run of exactly the same length.
    let close = -1;
    for (let j = line.indexOf("`", runEnd); j >= 0; j = line.indexOf("`", endOfRun(line, j))) {
      if (endOfRun(line, j) - j === length) {
        close = j;
        break;
      }
    }
    if (close < 0) {
      out += line.slice(i, runEnd);
      i = runEnd;
      continue;
    }
    out += " ".repeat(close + length - i);
    i = close + length;
  }
  return out;
}

function endOfRun(line: string, start: number): number {
  let end = start;
  while (line[end] === "`") end++;
  return end;
}
