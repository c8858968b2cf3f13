import { afterEach, describe, expect, it } from "@jest/globals";
import { join } from "node:path";
import {
  loadConfigAtCommit,
  loadConfigFile,
  loadConfigFromDirectory,
  locateConfigurationError,
  resolveConfig,
} from "../../src/adapters/config-loader.js";
import { ConfigurationError } from "../../src/core/config.js";
import { GitFixture, makeTempDir, removeDir, writeFiles } from "../cli/git-fixture.js";

const CONFIG = ".github/research-governance.yml";

function thrown(action: () => unknown): ConfigurationError {
  try {
    action();
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error("expected a ConfigurationError");
}

describe("config loader", () => {
  const dirs: string[] = [];
  const tempDir = (): string => {
    const dir = makeTempDir();
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) removeDir(dir);
  });

  it("uses the defaults when the directory has no configuration", () => {
    const loaded = loadConfigFromDirectory(tempDir());
    expect(loaded.source.kind).toBe("default");
    expect(loaded.config.paths.adrDir).toBe("docs/adr");
  });

  it("reads the directory's configuration file", () => {
    const dir = tempDir();
    writeFiles(dir, { [CONFIG]: "rules:\n  document-parse: warning\n" });
    const loaded = loadConfigFromDirectory(dir);
    expect(loaded.source).toMatchObject({ kind: "directory", label: CONFIG });
    expect(loaded.config.rules["document-parse"]).toBe("warning");
  });

  it("names the file, key and line of an invalid configuration", () => {
    const dir = tempDir();
    writeFiles(dir, { [CONFIG]: "paths:\n  adrDir: docs/adr\n  adrDri: oops\n" });
    const error = thrown(() => loadConfigFromDirectory(dir));
    expect(error.file).toBe(CONFIG);
    expect(error.line).toBe(3);
    expect(error.message).toContain("paths.adrDri");
  });

  it("requires an explicit --config file to exist", () => {
    const missing = join(tempDir(), "nope.yml");
    const error = thrown(() => loadConfigFile(missing));
    expect(error.file).toBe(missing);
    expect(error.message).toMatch(/ENOENT/);
  });

  it("prefers the base commit's configuration, and falls back to the directory's", async () => {
    const repo = new GitFixture();
    try {
      repo.write({ "README.md": "x\n" });
      const withoutConfig = repo.commit("no config");
      repo.write({ [CONFIG]: "rules:\n  document-parse: error\n" });
      const withConfig = repo.commit("config");
      repo.write({ [CONFIG]: "rules:\n  document-parse: off\n" });

      const atBase = await resolveConfig({ dir: repo.dir, baseCommit: withConfig });
      expect(atBase.source.kind).toBe("commit");
      expect(atBase.source.label).toBe(`${withConfig.slice(0, 12)}:${CONFIG}`);
      expect(atBase.config.rules["document-parse"]).toBe("error");

      expect(await loadConfigAtCommit(repo.dir, withoutConfig)).toBeUndefined();
      const fallback = await resolveConfig({ dir: repo.dir, baseCommit: withoutConfig });
      expect(fallback.config.rules["document-parse"]).toBe("off");

      const explicitFile = join(repo.dir, "custom.yml");
      writeFiles(repo.dir, { "custom.yml": "rules:\n  document-parse: notice\n" });
      const explicit = await resolveConfig({ dir: repo.dir, baseCommit: withConfig, configFile: explicitFile });
      expect(explicit.config.rules["document-parse"]).toBe("notice");
    } finally {
      repo.cleanup();
    }
  });

  it("names the file and line of an invalid configuration at a commit", async () => {
    const repo = new GitFixture();
    try {
      repo.write({ [CONFIG]: "report:\n  preset: fancy\n" });
      const commit = repo.commit("bad config");
      await expect(loadConfigAtCommit(repo.dir, commit)).rejects.toThrow(`${commit.slice(0, 12)}:${CONFIG}:2: key \`report.preset\``);
    } finally {
      repo.cleanup();
    }
  });

  it("locates engine configuration errors (unknown rule, bad options) in the source text", () => {
    const source = { kind: "directory" as const, label: CONFIG, text: "paths:\n  ignore: []\nrules:\n  no-such-rule: off\n" };
    const located = locateConfigurationError(new ConfigurationError("unknown key `rules.no-such-rule`: no rule has this id"), source);
    expect(located.file).toBe(CONFIG);
    expect(located.line).toBe(4);
    expect(located.message).toBe(`${CONFIG}:4: unknown key \`rules.no-such-rule\`: no rule has this id`);

    const alreadyLocated = new ConfigurationError("x", "other.yml", 1);
    expect(locateConfigurationError(alreadyLocated, source)).toBe(alreadyLocated);
  });
});
