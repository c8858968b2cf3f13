import { describe, expect, it } from "@jest/globals";
import { runRule, where } from "./adr-rules.helpers.js";

const file = "docs/research/0001-d.md";

describe("markdown-unclosed-fence", () => {
  const valid: Array<[string, string]> = [
    ["a closed fence", "```bash\nrun\n```\n"],
    ["a longer closing fence", "````\n```\nnested\n````\n"],
    ["a tilde fence with backticks inside", "~~~\n```\n~~~\n"],
    ["a fence inside a list item", "1. Run:\n   ```bash\n   make\n   ```\n2. Next\n"],
    ["a fence inside a block quote", "> ```\n> code\n> ```\n"],
    ["an inline triple backtick", "Use ```x``` inline.\n"],
  ];
  it.each(valid)("accepts %s", (_name, text) => {
    expect(runRule("markdown-unclosed-fence", { [file]: text })).toEqual([]);
  });

  const invalid: Array<[string, string, string]> = [
    ["a fence that runs to the end", "# T\n\n```python\nprint(1)\n", "markdown-unclosed-fence:error:docs/research/0001-d.md:3:1"],
    ["a shorter closing fence", "````\ncode\n```\n", "markdown-unclosed-fence:error:docs/research/0001-d.md:1:1"],
    // The closing fence at column 1 ends the list item, so it opens a new fence instead.
    ["a list-item fence closed outside the item", "- Run:\n  ```bash\n  make\n```\n\nMore text.\n", "markdown-unclosed-fence:error:docs/research/0001-d.md:4:1"],
    ["a fence in a list item at column 4", "- step\n\n  ~~~\n  code\n", "markdown-unclosed-fence:error:docs/research/0001-d.md:3:3"],
  ];
  it.each(invalid)("reports %s", (_name, text, expected) => {
    const findings = runRule("markdown-unclosed-fence", { [file]: text });
    expect(findings.map(where)).toEqual([expected]);
    expect(findings[0]!.message).toMatch(/^Unexpected unclosed code fence `[`~]+`, expected a closing `[`~]+` before the end of the file$/);
  });
});
