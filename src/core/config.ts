// `.github/research-governance.yml`, validated with zod. Defaults follow the VMAF layout so an
// empty file (or none) governs a repository shaped like the first one we serve.
import * as z from "zod";
import { parse as parseYaml, LineCounter, isMap, isPair, isScalar, parseDocument } from "yaml";
import type { Severity } from "./types.js";

export class ConfigurationError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
  ) {
    super(file ? `${file}${line ? `:${line}` : ""}: ${message}` : message);
    this.name = "ConfigurationError";
  }
}

export const SeveritySetting = z.enum(["error", "warning", "notice", "off"]);
export type SeveritySetting = z.infer<typeof SeveritySetting>;

/** `rule-id: warning` or `rule-id: { severity: warning, options: {...} }`. */
export const RuleSetting = z.union([
  SeveritySetting,
  z
    .object({
      severity: SeveritySetting.optional(),
      options: z.record(z.string(), z.unknown()).optional(),
    })
    .strict(),
]);
export type RuleSetting = z.infer<typeof RuleSetting>;

export const DatasetEntry = z
  .object({
    name: z.string().min(1),
    aliases: z.array(z.string()).default([]),
    /** SPDX id or `LicenseRef-...`. */
    license: z.string().min(1),
    nonCommercial: z.boolean().default(false),
    /** Where the terms were stated: a document path, ADR id or URL. */
    source: z.string().min(1),
  })
  .strict();
export type DatasetEntry = z.infer<typeof DatasetEntry>;

export const PathsConfig = z
  .object({
    adrDir: z.string().default("docs/adr"),
    adrIndex: z.string().default("docs/adr/README.md"),
    researchDir: z.string().default("docs/research"),
    /** Model cards. */
    cards: z.array(z.string()).default(["model/**/*_card.md", "docs/ai/models/*.md"]),
    /** JSON sidecars (the registry and its schema are excluded automatically). */
    sidecars: z.array(z.string()).default(["model/**/*.json"]),
    registry: z.string().default("model/tiny/registry.json"),
    registrySchema: z.string().default("model/tiny/registry.schema.json"),
    /** Paths never governed, e.g. vendored upstream docs. */
    ignore: z.array(z.string()).default([]),
  })
  .strict();
export type PathsConfig = z.infer<typeof PathsConfig>;

export const ReportConfig = z
  .object({
    /** `auto` picks `vmaf` when the VMAF layout is present, `generic` otherwise. */
    preset: z.enum(["auto", "vmaf", "generic"]).default("auto"),
    /** Committed copies of the generated report that must stay fresh (discovery-report-stale). */
    committedCopies: z.array(z.string()).default([]),
  })
  .strict();
export type ReportConfig = z.infer<typeof ReportConfig>;

export const RerunConfig = z
  .object({
    workflow: z.string().default("rerun-loso.yml"),
    runnerLabels: z.array(z.string()).default(["self-hosted", "gpu"]),
    /** PLCC tolerance between a claim and its re-run. */
    tolerance: z.number().nonnegative().default(0.005),
    timeoutMinutes: z.number().int().positive().default(60),
  })
  .strict();
export type RerunConfig = z.infer<typeof RerunConfig>;

export const GovernanceConfig = z
  .object({
    /** Base of the per-rule docs links: `${docsBaseUrl}/${ruleId}.md`. */
    docsBaseUrl: z
      .string()
      .default("https://github.com/research-governance/research-governance/blob/main/docs/rules"),
    paths: PathsConfig.default(PathsConfig.parse({})),
    rules: z.record(z.string(), RuleSetting).default({}),
    /** Dataset catalogue; entries here replace built-in entries of the same name. */
    datasets: z.array(DatasetEntry).default([]),
    report: ReportConfig.default(ReportConfig.parse({})),
    rerun: RerunConfig.default(RerunConfig.parse({})),
  })
  .strict();
export type GovernanceConfig = z.infer<typeof GovernanceConfig>;

export const DEFAULT_CONFIG_PATH = ".github/research-governance.yml";

export function defaultConfig(): GovernanceConfig {
  return GovernanceConfig.parse({});
}

/**
 * Parse and validate configuration text. Errors name the offending key and, when the YAML says
 * where it is, the line.
 */
export function parseConfig(text: string, file = DEFAULT_CONFIG_PATH): GovernanceConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    const line = lineCounter.linePos(error.pos[0]).line;
    throw new ConfigurationError(`invalid YAML: ${error.message.split("\n")[0]}`, file, line);
  }
  const raw: unknown = doc.toJS() ?? {};
  const result = GovernanceConfig.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const keyPath = issue.path.map(String);
  const shown = describeIssueKey(issue, keyPath);
  const line = lineOfKey(doc, lineCounter, issue.code === "unrecognized_keys" ? [...keyPath, ...issue.keys.slice(0, 1)] : keyPath);
  throw new ConfigurationError(`${shown}: ${issue.message}`, file, line);
}

function describeIssueKey(issue: z.core.$ZodIssue, keyPath: string[]): string {
  if (issue.code === "unrecognized_keys") {
    const prefix = keyPath.length ? `${keyPath.join(".")}.` : "";
    return `unknown key \`${prefix}${issue.keys[0]}\``;
  }
  return keyPath.length ? `key \`${keyPath.join(".")}\`` : "configuration";
}

function lineOfKey(
  doc: ReturnType<typeof parseDocument>,
  lineCounter: LineCounter,
  keyPath: string[],
): number | undefined {
  let node: unknown = doc.contents;
  let line: number | undefined;
  for (const key of keyPath) {
    if (!isMap(node)) break;
    const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === key);
    if (!pair || !isPair(pair)) break;
    const range = isScalar(pair.key) ? pair.key.range : undefined;
    if (range) line = lineCounter.linePos(range[0]).line;
    node = pair.value;
  }
  return line;
}

/** The effective severity of a rule, or `off`. */
export function ruleSeverity(config: GovernanceConfig, ruleId: string, fallback: Severity): SeveritySetting {
  const setting = config.rules[ruleId];
  if (setting === undefined) return fallback;
  if (typeof setting === "string") return setting;
  return setting.severity ?? fallback;
}

export function ruleOptions(config: GovernanceConfig, ruleId: string): Record<string, unknown> {
  const setting = config.rules[ruleId];
  return typeof setting === "object" && setting.options ? setting.options : {};
}

// Re-exported so callers need not depend on `yaml` for the trivial case.
export { parseYaml };
