// The text content of an mdast node (like mdast-util-to-string), without markup.
import type { Nodes } from "mdast";

export function plainText(node: Nodes): string {
  if ("value" in node && typeof node.value === "string") return node.value;
  if (!("children" in node)) return "";
  // Concatenated in place rather than through an array per node for `join`: extraction flattens
  // every paragraph of every digest.
  let text = "";
  for (const child of node.children as Nodes[]) text += plainText(child);
  return text;
}
