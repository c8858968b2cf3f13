import { describe, expect, it } from "@jest/globals";
import { parseConfig } from "../../../src/core/config.js";
import { extractDigest } from "../../../src/core/model/digest.js";
import { readMarkdownFile } from "../../../src/core/model/markdown-file.js";
import { createClassifier } from "../../../src/core/model/repository.js";

const classifier = createClassifier(parseConfig(""));

describe("createClassifier with the default layout", () => {
  it("governs the digest file names the governed repository uses", () => {
    expect(classifier.classify("docs/research/0042-tiny-loso.md")).toBe("digest");
    expect(classifier.classify("docs/research/research-0743-cuda-perf.md")).toBe("digest");
    expect(classifier.classify("docs/research/2026-09-05-gpu-parity-drift.md")).toBe("digest");
  });

  it("leaves templates, indexes and other names as plain Markdown", () => {
    expect(classifier.classify("docs/research/0000-template.md")).toBe("markdown");
    expect(classifier.classify("docs/research/README.md")).toBe("markdown");
    expect(classifier.classify("docs/research/notes-0743-cuda.md")).toBe("markdown");
    // Only digests take the `research-` prefix; an ADR named so is not an ADR.
    expect(classifier.classify("docs/adr/research-0743-cuda.md")).toBe("markdown");
    expect(classifier.classify("docs/adr/0743-cuda.md")).toBe("adr");
  });
});

describe("extractDigest: the number in the file name", () => {
  const numberOf = (path: string) => extractDigest(readMarkdownFile(path, "# A digest\n")).number;

  it("reads it with or without the `research-` prefix, and gives a dated name none", () => {
    expect(numberOf("docs/research/0042-tiny-loso.md")).toBe(42);
    expect(numberOf("docs/research/research-0743-cuda-perf.md")).toBe(743);
    expect(numberOf("docs/research/2026-09-05-gpu-parity-drift.md")).toBeNull();
  });
});
