// The explicit rule list (no auto-discovery): adding a rule means adding it here and a docs page
// under docs/rules/<id>.md; a test checks both.
import { discoveryReportStale } from "./discovery-report-stale.js";
import { documentParse } from "./document-parse.js";
import type { AnyRule } from "./rule.js";

export const RULES: readonly AnyRule[] = [documentParse, discoveryReportStale];
