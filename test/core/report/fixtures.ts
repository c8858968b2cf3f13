// Fixture repositories for the report tests live in test/fixtures/report/<name>/repo, with the
// hand-derived expected output beside them.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { DirectorySnapshot } from "../../../src/adapters/fs-snapshot.js";
import { PROJECT_ROOT } from "../../helpers/corpus.js";

export const REPORT_FIXTURES = resolve(PROJECT_ROOT, "test/fixtures/report");

export function fixtureSnapshot(name: string): DirectorySnapshot {
  return new DirectorySnapshot(resolve(REPORT_FIXTURES, name, "repo"));
}

export function fixtureText(name: string, file: string): string {
  return readFileSync(resolve(REPORT_FIXTURES, name, file), "utf8");
}
