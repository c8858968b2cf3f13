// The naive baseline the targets are relative to: parse every Markdown file of a directory with
// unified + remark-parse + remark-gfm, one after another. Prints {"files", "bytes", "parseMs"}.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";

function markdownFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...markdownFiles(path));
    else if (entry.name.endsWith(".md")) out.push(path);
  }
  return out;
}

const dir = process.argv[2];
const files = markdownFiles(dir);
const processor = unified().use(remarkParse).use(remarkGfm);
let bytes = 0;
const start = performance.now();
for (const file of files) {
  const text = readFileSync(file, "utf8");
  bytes += text.length;
  processor.parse(text);
}
const parseMs = performance.now() - start;
process.stdout.write(JSON.stringify({ files: files.length, bytes, parseMs }) + "\n");
