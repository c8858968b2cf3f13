// Builds the repository model every rule reads: each governed file classified by kind and turned
// into a small JSON-serialisable document model. Extraction is the expensive step, so its results
// are cached by content id; rules then run over the small models only.
import picomatch from "picomatch";
import type { GovernanceConfig } from "../config.js";
import type { RepositorySnapshot } from "../types.js";
import { extractAdr, type AdrDocument } from "./adr.js";
import { extractAdrIndex, type AdrIndex } from "./adr-index.js";
import { extractCard, type CardDocument } from "./card.js";
import { DIGEST_FILE_NAME, extractDigest, type DigestDocument } from "./digest.js";
import { readMarkdownFile, type MarkdownFile } from "./markdown-file.js";
import { extractMarkdownFacts, type MarkdownFacts } from "./markdown-facts.js";
import { readRegistry, type RegistryDocument } from "./registry.js";
import { readSidecar, type SidecarDocument } from "./sidecar.js";

export type DocumentKind = "adr" | "adr-index" | "digest" | "card" | "sidecar" | "registry" | "registry-schema" | "markdown";

/** How a cache may store a value. */
export interface CacheSetOptions {
  /**
   * The value is a record of records (an extraction: `{facts, document}`) whose fields rules read
   * selectively. A persisted cache may store its large fields apart and decode each on first
   * read, so a run that reuses a rule's per-file result never decodes what that rule read.
   */
  lazyFields?: boolean;
}

/** A cache of extracted models keyed by kind, path and content id. Values are plain JSON. */
export interface DocumentCache {
  get(key: string): unknown;
  set(key: string, value: unknown, options?: CacheSetOptions): void;
  /** Mark an entry as used without reading it (a cache that evicts idle entries keeps it). */
  touch?(key: string): void;
  /** Whether the cache holds the key, without decoding its value. */
  has?(key: string): boolean;
}

export class MemoryDocumentCache implements DocumentCache {
  private readonly entries = new Map<string, unknown>();
  get(key: string): unknown {
    return this.entries.get(key);
  }
  set(key: string, value: unknown): void {
    this.entries.set(key, value);
  }
  has(key: string): boolean {
    return this.entries.has(key);
  }
  get size(): number {
    return this.entries.size;
  }
}

export interface RepositoryModel {
  snapshot: RepositorySnapshot;
  config: GovernanceConfig;
  /** Every governed path with its kind, sorted by path. */
  governed: Array<{ path: string; kind: DocumentKind }>;
  adrs: AdrDocument[];
  adrIndex: AdrIndex | null;
  digests: DigestDocument[];
  cards: CardDocument[];
  sidecars: SidecarDocument[];
  registry: RegistryDocument | null;
  /** Text of the registry's JSON Schema, when present. */
  registrySchemaText: string | null;
  /** Facts every governed Markdown file shares (fences), whatever its kind. */
  markdown: MarkdownFacts[];
  stats: { parsed: number; cached: number };
}

export interface Classifier {
  classify(path: string): DocumentKind | null;
}

const NUMBERED_MD = /^(\d{3,5})-[^/]+\.md$/;

/** Decides which paths are governed and as what, from the configured layout. */
export function createClassifier(config: GovernanceConfig): Classifier {
  const paths = config.paths;
  const isCard = picomatch(paths.cards, { dot: false });
  const isSidecar = picomatch(paths.sidecars, { dot: false });
  const isIgnored = paths.ignore.length ? picomatch(paths.ignore) : () => false;
  const adrDir = trimSlash(paths.adrDir);
  const researchDir = trimSlash(paths.researchDir);
  return {
    classify(path) {
      if (isIgnored(path)) return null;
      if (path === paths.registry) return "registry";
      if (path === paths.registrySchema) return "registry-schema";
      if (path === paths.adrIndex) return "adr-index";
      const dir = dirname(path);
      const base = path.slice(dir.length ? dir.length + 1 : 0);
      if (path.endsWith(".md")) {
        if (dir === adrDir && NUMBERED_MD.test(base) && !isTemplate(base)) return "adr";
        if (dir === researchDir && DIGEST_FILE_NAME.test(base) && !isTemplate(base)) return "digest";
        if (isCard(path)) return "card";
        if (isUnder(path, adrDir) || isUnder(path, researchDir) || isSidecar(path.replace(/\.md$/, ".json"))) return "markdown";
        return null;
      }
      if (path.endsWith(".json") && isSidecar(path)) return "sidecar";
      return null;
    },
  };
}

function isTemplate(base: string): boolean {
  return /^0+-template\.md$/.test(base);
}

function trimSlash(path: string): string {
  return path.replace(/^\.\//, "").replace(/\/+$/, "");
}

function dirname(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

function isUnder(path: string, dir: string): boolean {
  return dir === "" || path.startsWith(`${dir}/`);
}

/**
 * Bump when an extractor's output changes shape or meaning, so persisted caches written by an
 * older engine are not reused.
 */
export const MODEL_VERSION = 12;

export interface BuildOptions {
  cache?: DocumentCache;
}

export function buildRepositoryModel(
  snapshot: RepositorySnapshot,
  config: GovernanceConfig,
  options: BuildOptions = {},
): RepositoryModel {
  const classifier = createClassifier(config);
  const cache = options.cache;
  const model: RepositoryModel = {
    snapshot,
    config,
    governed: [],
    adrs: [],
    adrIndex: null,
    digests: [],
    cards: [],
    sidecars: [],
    registry: null,
    registrySchemaText: null,
    markdown: [],
    stats: { parsed: 0, cached: 0 },
  };

  for (const path of snapshot.paths()) {
    const kind = classifier.classify(path);
    if (kind === null) continue;
    model.governed.push({ path, kind });
    if (kind === "registry-schema") {
      model.registrySchemaText = snapshot.read(path) ?? null;
      continue;
    }
    const extracted = extractCached(snapshot, path, kind, cache, model.stats);
    if (!extracted) continue;
    if (extracted.facts) model.markdown.push(extracted.facts);
    const doc = extracted.document;
    switch (doc?.kind) {
      case "adr":
        model.adrs.push(doc);
        break;
      case "adr-index":
        model.adrIndex = doc;
        break;
      case "digest":
        model.digests.push(doc);
        break;
      case "card":
        model.cards.push(doc);
        break;
      case "sidecar":
        model.sidecars.push(doc);
        break;
      case "registry":
        model.registry = doc;
        break;
    }
  }
  return model;
}

type ExtractedDocument = AdrDocument | AdrIndex | DigestDocument | CardDocument | SidecarDocument | RegistryDocument;

export interface Extracted {
  facts?: MarkdownFacts;
  document?: ExtractedDocument;
}

/** Where the extraction of one version of a file is cached. */
export function extractionKey(kind: DocumentKind, id: string, path: string): string {
  return `${MODEL_VERSION}:${kind}:${id}:${path}`;
}

/** The file's extraction: from the cache when this version was extracted before, else parsed and cached. */
export function extractCached(
  snapshot: RepositorySnapshot,
  path: string,
  kind: DocumentKind,
  cache: DocumentCache | undefined,
  stats: RepositoryModel["stats"],
): Extracted | undefined {
  const id = snapshot.hash(path);
  const key = id === undefined ? undefined : extractionKey(kind, id, path);
  if (cache && key) {
    const hit = cache.get(key) as Extracted | undefined;
    if (hit) {
      stats.cached++;
      return hit;
    }
  }
  const text = snapshot.read(path);
  if (text === undefined) return undefined;
  const extracted = extract(path, text, kind);
  stats.parsed++;
  if (cache && key) cache.set(key, extracted, { lazyFields: true });
  return extracted;
}

function extract(path: string, text: string, kind: DocumentKind): Extracted {
  if (kind === "sidecar") return { document: readSidecar(path, text) };
  if (kind === "registry") return { document: readRegistry(path, text) };
  const file: MarkdownFile = readMarkdownFile(path, text);
  const facts = extractMarkdownFacts(file, { trainingBlocks: kind === "adr" || kind === "digest" });
  switch (kind) {
    case "adr":
      return { facts, document: extractAdr(file) };
    case "adr-index":
      return { facts, document: extractAdrIndex(file) };
    case "digest":
      return { facts, document: extractDigest(file) };
    case "card":
      return { facts, document: extractCard(file) };
    default:
      return { facts };
  }
}
