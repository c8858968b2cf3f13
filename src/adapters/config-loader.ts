// Finds and parses the governance configuration: an explicit `--config FILE`, the file at a git
// commit (the base of a pull request, so a change cannot weaken its own gates), or the file in a
// directory. Every error is a ConfigurationError naming the file and, when known, the line.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { LineCounter, isMap, isPair, isScalar, parseDocument } from "yaml";
import { ConfigurationError, DEFAULT_CONFIG_PATH, defaultConfig, parseConfig, type GovernanceConfig } from "../core/config.js";
import { readFileAtCommit } from "./git.js";

/** Where the configuration came from; `text` is kept so later errors can be located in it. */
export interface ConfigSource {
  kind: "file" | "directory" | "commit" | "default";
  /** How errors name the file: the path as given, or `<commit>:<path>`. */
  label: string;
  text?: string;
}

export interface LoadedConfig {
  config: GovernanceConfig;
  source: ConfigSource;
}

function parseFrom(source: ConfigSource & { text: string }): LoadedConfig {
  return { config: parseConfig(source.text, source.label), source };
}

/** `--config FILE`: the file must exist. */
export function loadConfigFile(file: string): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ConfigurationError(`cannot read configuration: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, file);
  }
  return parseFrom({ kind: "file", label: file, text });
}

/** `.github/research-governance.yml` in `dir`, or the defaults when it is absent. */
export function loadConfigFromDirectory(dir: string): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(join(dir, DEFAULT_CONFIG_PATH), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { config: defaultConfig(), source: { kind: "default", label: "defaults" } };
    throw new ConfigurationError(`cannot read configuration: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, DEFAULT_CONFIG_PATH);
  }
  return parseFrom({ kind: "directory", label: DEFAULT_CONFIG_PATH, text });
}

/** The configuration file at `commit` (relative to `repoDir`), or undefined when it has none. */
export async function loadConfigAtCommit(repoDir: string, commit: string): Promise<LoadedConfig | undefined> {
  const text = await readFileAtCommit(repoDir, commit, DEFAULT_CONFIG_PATH);
  if (text === undefined) return undefined;
  return parseFrom({ kind: "commit", label: `${commit.slice(0, 12)}:${DEFAULT_CONFIG_PATH}`, text });
}

export interface ResolveConfigOptions {
  dir: string;
  /** `--config FILE`, already resolved to an absolute path; overrides everything else. */
  configFile?: string;
  /** The base commit of a `--base` run: its configuration wins over the directory's. */
  baseCommit?: string;
}

export async function resolveConfig(options: ResolveConfigOptions): Promise<LoadedConfig> {
  if (options.configFile) return loadConfigFile(options.configFile);
  if (options.baseCommit) {
    const atBase = await loadConfigAtCommit(options.dir, options.baseCommit);
    if (atBase) return atBase;
  }
  return loadConfigFromDirectory(options.dir);
}

/**
 * The engine validates rule ids and rule options after parsing, and its errors carry the key path
 * (`rules.x.options.y`) but not the file. Attach the file and the line of the deepest key found.
 */
export function locateConfigurationError(error: ConfigurationError, source: ConfigSource): ConfigurationError {
  if (error.file || source.kind === "default") return error;
  const keyPath = /`([^`]+)`/.exec(error.message)?.[1]?.split(".") ?? [];
  const line = source.text === undefined ? undefined : lineOfKeyPath(source.text, keyPath);
  return new ConfigurationError(error.message, source.label, line);
}

function lineOfKeyPath(text: string, keyPath: readonly string[]): number | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  let node: unknown = doc.contents;
  let line: number | undefined;
  for (const key of keyPath) {
    if (!isMap(node)) break;
    const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === key);
    if (!pair) break;
    if (isScalar(pair.key) && pair.key.range) line = lineCounter.linePos(pair.key.range[0]).line;
    node = pair.value;
  }
  return line;
}
