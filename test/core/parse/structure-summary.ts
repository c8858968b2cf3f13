// What the differential tests compare between our parser and micromark: the structures the
// extractors read, each with its line(s). Differences elsewhere (spread, html values, columns of
// container nodes) are deliberately out of scope.
import type { Nodes, Root } from "mdast";

export interface StructureSummary {
  headings: string[];
  code: string[];
  tables: string[];
  links: string[];
  strong: string[];
  definitions: string[];
}

export function plainText(node: Nodes): string {
  if ("value" in node && node.type !== "html") return node.value;
  if ("children" in node) return (node.children as Nodes[]).map(plainText).join("");
  return "";
}

export function summarize(root: Root): StructureSummary {
  const summary: StructureSummary = { headings: [], code: [], tables: [], links: [], strong: [], definitions: [] };
  const urls = new Map<string, string>();
  const visit = (node: Nodes): void => {
    if (node.type === "definition" && !urls.has(node.identifier)) urls.set(node.identifier, node.url);
    if ("children" in node) for (const child of node.children as Nodes[]) visit(child);
  };
  visit(root);
  const line = (node: Nodes): number => node.position?.start.line ?? -1;
  const endLine = (node: Nodes): number => node.position?.end.line ?? -1;
  const walk = (node: Nodes): void => {
    switch (node.type) {
      case "heading":
        summary.headings.push(`${node.depth}|${plainText(node)}|L${line(node)}`);
        break;
      case "code":
        summary.code.push(`${node.lang}|${node.meta}|L${line(node)}-${endLine(node)}|${node.value}`);
        break;
      case "table":
        summary.tables.push(
          `L${line(node)}|rows=${node.children.length}|` +
            node.children.map((row) => `L${line(row)}:` + row.children.map((cell) => plainText(cell)).join("¦")).join("\n"),
        );
        break;
      case "link":
        summary.links.push(`${node.url}|L${line(node)}`);
        break;
      case "linkReference":
        summary.links.push(`${urls.get(node.identifier)}|L${line(node)}`);
        break;
      case "strong":
        summary.strong.push(`${plainText(node)}|L${line(node)}`);
        break;
      case "definition":
        summary.definitions.push(`${node.identifier}|${node.label}|${node.url}|L${line(node)}`);
        break;
    }
    if ("children" in node) for (const child of node.children as Nodes[]) walk(child);
  };
  walk(root);
  return summary;
}

/** Keys of the summary that differ, with the first differing entry of each. */
export function compareSummaries(actual: StructureSummary, expected: StructureSummary): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(expected) as Array<keyof StructureSummary>) {
    const a = actual[key];
    const e = expected[key];
    const length = Math.max(a.length, e.length);
    for (let i = 0; i < length; i++) {
      if (a[i] !== e[i]) {
        problems.push(`${key}[${i}]: got ${JSON.stringify(a[i])?.slice(0, 300)} expected ${JSON.stringify(e[i])?.slice(0, 300)}`);
        break;
      }
    }
  }
  return problems;
}
