// The explicit rule list (no auto-discovery): adding a rule means adding it here and a docs page
// under docs/rules/<id>.md; a test checks both.
import { discoveryReportStale } from "./discovery-report-stale.js";
import { documentParse } from "./document-parse.js";
import { adrHeader } from "./adr-header.js";
import { adrIndexSync } from "./adr-index-sync.js";
import { adrLinkSlug } from "./adr-link-slug.js";
import { adrNumberUnique } from "./adr-number-unique.js";
import { adrReferenceExists } from "./adr-reference-exists.js";
import { adrRequiredSections } from "./adr-required-sections.js";
import { adrSupersession } from "./adr-supersession.js";
import { markdownUnclosedFence } from "./markdown-unclosed-fence.js";
import { datasetLicenseConflict } from "./dataset-license-conflict.js";
import { nonCommercialLabel } from "./non-commercial-label.js";
import { registryConsistency } from "./registry-consistency.js";
import { registrySchema } from "./registry-schema.js";
import { syntheticStubClaim } from "./synthetic-stub-claim.js";
import { syntheticStubLabel } from "./synthetic-stub-label.js";
import type { AnyRule } from "./rule.js";
import { digestHeader } from "./digest-header.js";
import { digestReproducer } from "./digest-reproducer.js";
import { losoArithmetic } from "./loso-arithmetic.js";
import { claimConsistency } from "./claim-consistency.js";
import { codecLift } from "./codec-lift.js";
import { shipGateLoso } from "./ship-gate-loso.js";
import { shipGateVerdict } from "./ship-gate-verdict.js";
import { rerunMismatch, type RerunRule } from "./rerun-mismatch.js";

export const RULES: readonly AnyRule[] = [documentParse, adrHeader, adrRequiredSections, adrNumberUnique, adrReferenceExists, adrLinkSlug, adrSupersession, adrIndexSync, markdownUnclosedFence, digestHeader, digestReproducer, losoArithmetic, discoveryReportStale, shipGateLoso, shipGateVerdict, codecLift, claimConsistency, syntheticStubLabel, syntheticStubClaim, nonCommercialLabel, datasetLicenseConflict, registrySchema, registryConsistency];

/** Rules that judge something other than the repository: configured like the rest, never run by the engine. */
export const RERUN_RULES: readonly RerunRule[] = [rerunMismatch];
