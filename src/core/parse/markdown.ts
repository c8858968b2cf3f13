// Markdown to mdast. Every extractor and rule reads documents through `parseMarkdown`, so the
// implementation behind it can change (a faster block scanner) without touching them.
import type { Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";

/** Parse with the reference CommonMark + GFM tokenizer (micromark). */
export function parseMarkdownReference(text: string): Root {
  return fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

export function parseMarkdown(text: string): Root {
  return parseMarkdownReference(text);
}
