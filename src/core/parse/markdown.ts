// Markdown to mdast. Every extractor and rule reads documents through `parseMarkdown`, so the
// implementation behind it can change without touching them. `parseMarkdown` is our own
// line-oriented block scanner plus inline tokenizer (see mdast-builder.ts): it produces the same
// mdast as micromark + GFM for the structures the extractors read, about 20 times faster.
// `parseMarkdownReference` keeps micromark for differential tests.
import type { Root } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { buildMdast } from "./mdast-builder.js";

/** Parse with the reference CommonMark + GFM tokenizer (micromark). */
export function parseMarkdownReference(text: string): Root {
  return fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

/** Parse with the fast scanner. */
export function parseMarkdownFast(text: string): Root {
  return buildMdast(text);
}

export function parseMarkdown(text: string): Root {
  return buildMdast(text);
}
