// The text content of an mdast node (like mdast-util-to-string), without markup.
import type { Nodes } from "mdast";

export function plainText(node: Nodes): string {
  if ("value" in node && typeof node.value === "string") return node.value;
  if ("children" in node) return (node.children as Nodes[]).map(plainText).join("");
  return "";
}
