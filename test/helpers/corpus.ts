// The real corpus snapshot lives beside the project in ../shared/corpus and is never copied in.
// Tests that need it skip, with a message, when it is absent (a user's checkout has no ../shared).
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe } from "@jest/globals";

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const CORPUS_ROOT = resolve(PROJECT_ROOT, "../shared/corpus");
export const CORPUS_DIR = resolve(CORPUS_ROOT, "vmaf-2026-05-12");
export const CORPUS_EXPECTED_REPORT = resolve(CORPUS_ROOT, "expected/vmaf-2026-05-12.discovery-report.md");

export const corpusPresent = existsSync(CORPUS_DIR);

/** `describe` when the corpus is present; otherwise a skipped block that says why. */
export function describeWithCorpus(name: string, body: () => void): void {
  if (corpusPresent) {
    describe(name, body);
  } else {
    describe.skip(`${name} (skipped: ../shared/corpus is absent)`, body);
    // eslint-disable-next-line no-console
    console.warn(`skipping "${name}": ${CORPUS_DIR} is absent`);
  }
}
