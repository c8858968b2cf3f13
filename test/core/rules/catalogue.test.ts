// The rule catalogue is a contract: stable ids, one docs page each, wording conventions.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "@jest/globals";
import { RERUN_RULES, RULES } from "../../../src/core/rules/index.js";
import { PROJECT_ROOT } from "../../helpers/corpus.js";

// Every id SPEC section 2 names, plus the engine's own `document-parse`.
const CATALOGUE = [
  "document-parse",
  "adr-header",
  "adr-required-sections",
  "adr-number-unique",
  "adr-reference-exists",
  "adr-link-slug",
  "adr-supersession",
  "adr-index-sync",
  "digest-header",
  "digest-reproducer",
  "markdown-unclosed-fence",
  "loso-arithmetic",
  "ship-gate-loso",
  "ship-gate-verdict",
  "codec-lift",
  "claim-consistency",
  "synthetic-stub-label",
  "synthetic-stub-claim",
  "non-commercial-label",
  "dataset-license-conflict",
  "registry-schema",
  "registry-consistency",
  "discovery-report-stale",
  "rerun-mismatch",
];

describe("rule catalogue", () => {
  const all = [...RULES, ...RERUN_RULES];
  const ids = all.map((rule) => rule.id);

  it("registers every catalogued rule exactly once", () => {
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...CATALOGUE].sort());
  });

  it("leaves the rule that judges re-runs out of the engine's list", () => {
    expect(RERUN_RULES.map((rule) => rule.id)).toEqual(["rerun-mismatch"]);
    expect(RULES.map((rule) => rule.id)).not.toContain("rerun-mismatch");
  });

  it.each(all.map((rule) => [rule.id, rule] as const))("%s has a docs page, defaults and conventional messages", (id, rule) => {
    const page = join(PROJECT_ROOT, "docs/rules", `${id}.md`);
    expect(existsSync(page)).toBe(true);
    expect(readFileSync(page, "utf8")).toContain(id);
    expect(["error", "warning", "notice"]).toContain(rule.defaultSeverity);
    expect(() => rule.options.parse({})).not.toThrow();
    for (const template of Object.values(rule.messages)) {
      expect(template).not.toMatch(/\.\s*$/);
    }
  });
});
