// Sections of the sticky comment that another job owns. The verdict job rewrites the comment on
// every push; the `/rerun-loso` completion writes its own section. Each section sits between two
// hidden markers, and a rewrite carries over the sections the new body does not have.

export const RERUN_SECTION = "loso-rerun";

function markers(name: string): { start: string; end: string } {
  return { start: `<!-- research-governance:section:${name} -->`, end: `<!-- research-governance:section-end:${name} -->` };
}

/** `body` with section `name` set to `content` (appended when absent). */
export function replaceSection(body: string, name: string, content: string): string {
  const { start, end } = markers(name);
  const block = `${start}\n${content.trimEnd()}\n${end}`;
  const from = body.indexOf(start);
  const to = from < 0 ? -1 : body.indexOf(end, from);
  if (from >= 0 && to >= 0) return `${body.slice(0, from)}${block}${body.slice(to + end.length)}`;
  return `${body.trimEnd()}\n\n${block}\n`;
}

/** Every section of `body`, by name. */
export function readSections(body: string): Map<string, string> {
  const sections = new Map<string, string>();
  for (const match of body.matchAll(/<!-- research-governance:section:([a-z0-9-]+) -->\n([\s\S]*?)\n<!-- research-governance:section-end:\1 -->/g)) {
    sections.set(match[1]!, match[2]!);
  }
  return sections;
}

/** `next` with the sections of `previous` that it lacks, so a rewrite never drops another job's part. */
export function keepSections(next: string, previous: string): string {
  const have = readSections(next);
  let body = next;
  for (const [name, content] of readSections(previous)) if (!have.has(name)) body = replaceSection(body, name, content);
  return body;
}
