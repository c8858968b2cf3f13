// The dataset catalogue: which datasets exist, their licence, whether derived weights are
// non-commercial, and where that was stated. Terms that limit use to research ("research-only",
// "free for academic research", "research use") exclude commercial use, so they count as
// non-commercial here: weights trained on such data cannot ship under a permissive licence alone.
// The built-in entries record only what the governed repository's own documents say (the `source`
// field names the document); a licence the documents do not state is `LicenseRef-<name>-unstated`.
// Configuration (`datasets:`) adds or replaces entries.
//
// Also here: finding dataset names and licence expressions in text, the shared vocabulary of the
// `non-commercial-label` and `dataset-license-conflict` rules.
import type { DatasetEntry, GovernanceConfig } from "../config.js";
import { escapeRegExp } from "../types.js";

export const BUILT_IN_DATASETS: readonly DatasetEntry[] = [
  {
    name: "CHUG",
    aliases: ["Crowdsourced User-Generated HDR Video Quality Dataset", "CHUG-HDR"],
    license: "CC-BY-NC-SA-4.0",
    nonCommercial: true,
    // The licence text is CC BY-NC-SA 4.0 while the README badge says CC BY-NC 4.0; the governed
    // repository adopts the stricter terms.
    source: "ADR-0426 (governed repository: CHUG license.txt is CC BY-NC-SA 4.0, README badge CC BY-NC 4.0)",
  },
  {
    name: "KoNViD-1k",
    aliases: ["KonViD-1k", "KoNViD 1k"],
    license: "CC-BY-4.0",
    nonCommercial: false,
    // The governed repository disagrees with itself: the training table, ADR-0249 and the model
    // cards say CC BY 4.0; ADR-0168 found no Creative Commons licence on the official page, and
    // two ingestion notes say research-use (dataset-license-conflict reports those). The entry
    // follows the majority until the repository settles it; configuration can override it.
    source:
      "docs/ai/training.md (Datasets table); docs/adr/0249-fr-regressor-v1.md; disputed by docs/adr/0168-tinyai-konvid-baselines.md (no Creative Commons licence on the official page)",
  },
  {
    name: "KoNViD-150k",
    aliases: ["KonViD-150k", "KoNViD 150k"],
    license: "LicenseRef-KoNViD-150k-research-use",
    nonCommercial: true,
    source: "docs/ai/mos-corpora.md (Research-use, citation required); docs/ai/konvid-150k-ingestion.md",
  },
  {
    name: "LIVE-VQC",
    aliases: ["LIVE VQC"],
    license: "LicenseRef-LIVE-VQC-research-non-commercial",
    nonCommercial: true,
    source: "docs/adr/0413-youtube-ugc-corpus-ingestion.md (redistribution licence is research-only-non-commercial)",
  },
  {
    name: "YouTube-UGC",
    aliases: ["YouTube UGC", "YT-UGC"],
    license: "CC-BY",
    nonCommercial: false,
    source: "docs/adr/0413-youtube-ugc-corpus-ingestion.md (Creative Commons Attribution per the bucket ATTRIBUTION file)",
  },
  {
    name: "LSVQ",
    aliases: ["LIVE Large-Scale Social Video Quality"],
    license: "CC-BY-4.0",
    nonCommercial: false,
    source: "docs/adr/0367-lsvq-corpus-ingestion.md",
  },
  {
    name: "Waterloo IVC 4K-VQA",
    aliases: ["Waterloo IVC 4K", "Waterloo IVC"],
    license: "LicenseRef-Waterloo-IVC-permissive-academic",
    nonCommercial: false,
    source: "docs/ai/waterloo-ivc-4k-ingestion.md (permissive academic, attribution required)",
  },
  {
    name: "BVI-DVC",
    aliases: ["BVI DVC"],
    license: "LicenseRef-BVI-DVC-research-only",
    nonCommercial: true,
    source: "docs/adr/0310-bvi-dvc-corpus-ingestion.md (License is research-only)",
  },
  {
    name: "Netflix Public Dataset",
    aliases: ["Netflix Public", "NFLX Public", "NFLX-Public", "Netflix public dataset"],
    license: "LicenseRef-Netflix-Public-research",
    // The documents say its licence forbids redistributing the videos, not that derived
    // weights are non-commercial; the repository ships derived weights on that reading.
    nonCommercial: false,
    source: "docs/ai/training.md (Netflix research); docs/ai/models/fr_regressor_v1.md (forbids redistribution)",
  },
  {
    name: "DUTS",
    aliases: ["DUTS-TR", "DUTS-TE"],
    license: "LicenseRef-DUTS-free-for-academic-research",
    nonCommercial: true,
    source: "docs/adr/0286-saliency-student-fork-trained-on-duts.md (free for academic research)",
  },
  {
    name: "BVI-CC",
    aliases: [],
    license: "LicenseRef-BVI-CC-unstated",
    nonCommercial: false,
    source: "docs/adr/0388-bristol-bvi-cc-ingest.md (no licence stated for the dataset as a whole)",
  },
  // HDR/UGC datasets audited by the governed repository's Research-0136 (2026-05-15), a digest
  // later than the first snapshot; named so cards and registry entries that use them are traced.
  {
    name: "Beyond8Bits",
    aliases: ["Beyond 8 Bits"],
    license: "LicenseRef-Beyond8Bits-non-commercial-research",
    nonCommercial: true,
    source: "docs/research/0136-hdr-ugc-dataset-license-audit-2026-05-15.md (metadata CC BY-SA 4.0; video payload non-commercial research only)",
  },
  {
    name: "BrightVQ",
    aliases: [],
    license: "CC-BY-NC-4.0",
    nonCommercial: true,
    source: "docs/research/0136-hdr-ugc-dataset-license-audit-2026-05-15.md",
  },
  {
    name: "AVT-VQDB-UHD-2-HDR",
    aliases: [],
    license: "CC-BY-NC-4.0",
    nonCommercial: true,
    source: "docs/research/0136-hdr-ugc-dataset-license-audit-2026-05-15.md",
  },
  {
    name: "SJTU HDR Video Sequences",
    aliases: ["SJTU HDR"],
    license: "CC-BY-NC-ND-4.0",
    nonCommercial: true,
    source: "docs/research/0136-hdr-ugc-dataset-license-audit-2026-05-15.md",
  },
  {
    name: "BVI-AOM",
    aliases: [],
    license: "LicenseRef-BVI-AOM-coding-standards-only",
    nonCommercial: true,
    source: "docs/research/0136-hdr-ugc-dataset-license-audit-2026-05-15.md (only for developing video coding standards and JVET/AOM test models)",
  },
  {
    name: "IPI-MobileHDRVQA",
    aliases: [],
    license: "CC-BY-4.0",
    nonCommercial: false,
    source: "docs/research/0136-hdr-ugc-dataset-license-audit-2026-05-15.md",
  },
  {
    name: "HDR-VDC",
    aliases: [],
    license: "CC-BY-4.0",
    nonCommercial: false,
    source: "docs/research/0136-hdr-ugc-dataset-license-audit-2026-05-15.md",
  },
];

export interface DatasetCatalogue {
  entries: readonly DatasetEntry[];
  /** The entry a name or alias denotes (case-insensitive, `-`/space/`_` equivalent). */
  lookup(name: string): DatasetEntry | undefined;
  /** Every dataset named in `text`, with the offset of each mention, in text order. */
  mentions(text: string): DatasetMention[];
}

export interface DatasetMention {
  dataset: DatasetEntry;
  /** Offset of the mention in the searched text. */
  index: number;
  length: number;
}

/**
 * `text` with link destinations and URLs blanked (same length, so offsets hold): a dataset named
 * only in an address (`[verified](https://…/konvid-1k-database.html)`) is not named in the prose.
 */
function withoutUrls(text: string): string {
  if (!text.includes("](") && !text.includes("://")) return text;
  const blank = (span: string): string => " ".repeat(span.length);
  return text
    .replace(/(\]\()([^)\s]*)/g, (_, open: string, target: string) => open + blank(target))
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s)>\]]+/gi, blank);
}

/** Built-in entries, with configured entries replacing built-ins of the same name. */
export function datasetCatalogue(config: Pick<GovernanceConfig, "datasets">): DatasetCatalogue {
  const byName = new Map<string, DatasetEntry>();
  for (const entry of BUILT_IN_DATASETS) byName.set(normaliseName(entry.name), entry);
  for (const entry of config.datasets) byName.set(normaliseName(entry.name), entry);
  const entries = [...byName.values()];
  const names: Array<{ key: string; entry: DatasetEntry }> = [];
  for (const entry of entries) {
    for (const name of [entry.name, ...entry.aliases]) names.push({ key: normaliseName(name), entry });
  }
  // Longest names first, so `KoNViD-150k` is not read as a shorter alias.
  names.sort((a, b) => b.key.length - a.key.length);
  const pattern = new RegExp(
    `(?<![A-Za-z0-9])(?:${names.map((n) => namePattern(n.key)).join("|")})(?![A-Za-z0-9])`,
    "gi",
  );
  return {
    entries,
    lookup(name) {
      const key = normaliseName(name);
      return names.find((n) => n.key === key)?.entry;
    },
    mentions(text) {
      const found: DatasetMention[] = [];
      for (const match of withoutUrls(text).matchAll(pattern)) {
        const key = normaliseName(match[0]);
        const entry = names.find((n) => n.key === key)?.entry;
        if (entry) found.push({ dataset: entry, index: match.index, length: match[0].length });
      }
      return found;
    },
  };
}

function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, " ").trim();
}

function namePattern(key: string): string {
  return key
    .split(" ")
    .map(escapeRegExp)
    .join("[\\s_-]?");
}

/** A licence as a document states it, normalised so that equal terms compare equal. */
export interface LicenseExpression {
  /** `CC-BY-NC-SA-4.0`, `CC-BY` (unversioned), `MIT`, `LicenseRef-research-only`, ... */
  id: string;
  /** Derived use is restricted to non-commercial / research use. */
  nonCommercial: boolean;
  /** The text as printed. */
  text: string;
  index: number;
}

const CC_SHORT = /\bCC[- ]?BY(?:[- ]?(NC))?(?:[- ]?(SA|ND))?(?:[- ]?v?(\d\.\d))?(?![\w.-]*\d)/gi;
const CC_LONG = /\bCreative Commons Attribution(?:[- ](NonCommercial|Non-Commercial))?(?:[- ](ShareAlike|NoDerivatives|NoDerivs))?(?:\s+(\d\.\d))?/gi;
const OTHER = /\b(MIT|Apache-2\.0|Apache License 2\.0|BSD-[23]-Clause(?:-Plus-Patent)?)\b|\b(research[- ]only[- ]non[- ]commercial|non[- ]commercial(?: research)?(?: use)?(?: only)?|research[- ]only|research[- ]use(?: only)?)\b/gi;

/** Licence expressions in a piece of text, in order. Overlapping forms are read once. */
/**
 * A literal every data-licence pattern above contains (the CC forms, and the non-commercial and
 * research-only terms); MIT, Apache and BSD are software licences. One quick test lets the
 * great majority of files skip the three full scans.
 */
const DATA_LICENSE_HINT = /cc[- ]?by|creative commons|commercial|research[- ](?:only|use)/i;

/** False only when `text` certainly states no data licence (CC or non-commercial terms). */
export function mayStateDataLicense(text: string): boolean {
  return DATA_LICENSE_HINT.test(text);
}

export function findLicenseExpressions(text: string): LicenseExpression[] {
  const found: LicenseExpression[] = [];
  const taken: Array<[number, number]> = [];
  const overlaps = (start: number, end: number): boolean => taken.some(([s, e]) => start < e && end > s);
  const push = (expression: LicenseExpression, length: number): void => {
    if (overlaps(expression.index, expression.index + length)) return;
    taken.push([expression.index, expression.index + length]);
    found.push(expression);
  };
  for (const match of text.matchAll(CC_SHORT)) {
    push(ccExpression(match[1], match[2], match[3], match[0], match.index), match[0].length);
  }
  for (const match of text.matchAll(CC_LONG)) {
    const variant = match[2] ? (/^share/i.test(match[2]) ? "SA" : "ND") : undefined;
    push(ccExpression(match[1] ? "NC" : undefined, variant, match[3], match[0], match.index), match[0].length);
  }
  for (const match of text.matchAll(OTHER)) {
    if (match[1]) {
      const id = /^apache/i.test(match[1]) ? "Apache-2.0" : match[1];
      push({ id, nonCommercial: false, text: match[0], index: match.index }, match[0].length);
    } else {
      const nonCommercial = /commercial/i.test(match[2]!);
      const id = nonCommercial ? "LicenseRef-non-commercial" : "LicenseRef-research-only";
      push({ id, nonCommercial: true, text: match[0], index: match.index }, match[0].length);
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

function ccExpression(nc: string | undefined, variant: string | undefined, version: string | undefined, text: string, index: number): LicenseExpression {
  const parts = ["CC-BY"];
  if (nc) parts.push("NC");
  if (variant) parts.push(variant.toUpperCase());
  if (version) parts.push(version);
  return { id: parts.join("-"), nonCommercial: Boolean(nc), text, index };
}

/**
 * Whether two statements can describe the same terms: equal ids, an unversioned CC id against a
 * versioned one of the same family, or two restrictions that agree on non-commercial use.
 */
export function licensesAgree(a: Pick<LicenseExpression, "id" | "nonCommercial">, b: Pick<LicenseExpression, "id" | "nonCommercial">): boolean {
  if (a.id === b.id) return true;
  const aRef = a.id.startsWith("LicenseRef-");
  const bRef = b.id.startsWith("LicenseRef-");
  // A bare restriction ("research-only") agrees with any licence that restricts the same way.
  if (aRef || bRef) return a.nonCommercial === b.nonCommercial;
  const family = (id: string): string => id.replace(/-\d\.\d$/, "");
  const version = (id: string): string | undefined => /(\d\.\d)$/.exec(id)?.[1];
  return family(a.id) === family(b.id) && (version(a.id) === undefined || version(b.id) === undefined);
}
