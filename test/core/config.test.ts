import { describe, expect, it } from "@jest/globals";
import { ConfigurationError, defaultConfig, parseConfig } from "../../src/core/config.js";

describe("parseConfig", () => {
  it("defaults to the VMAF layout", () => {
    const config = defaultConfig();
    expect(config.paths.adrDir).toBe("docs/adr");
    expect(config.paths.registry).toBe("model/tiny/registry.json");
    expect(parseConfig("")).toEqual(config);
  });

  it("accepts per-rule severity and options", () => {
    const config = parseConfig("rules:\n  adr-header: warning\n  ship-gate-loso:\n    severity: error\n    options:\n      threshold: 0.9\n");
    expect(config.rules["adr-header"]).toBe("warning");
    expect(config.rules["ship-gate-loso"]).toEqual({ severity: "error", options: { threshold: 0.9 } });
  });

  it.each([
    ["rules:\n  adr-header: loud\n", /key `rules.adr-header`/, 2],
    ["paths:\n  adrDir: docs/adr\n  adrDri: x\n", /unknown key `paths.adrDri`/, 3],
    ["report:\n  preset: fancy\n", /key `report.preset`/, 2],
  ])("names the offending key in %j", (text, pattern, line) => {
    let error: unknown;
    try {
      parseConfig(text, "cfg.yml");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).message).toMatch(pattern);
    expect((error as ConfigurationError).line).toBe(line);
  });

  it("reports invalid YAML with its line", () => {
    expect(() => parseConfig("rules:\n  a: [\n", "cfg.yml")).toThrow(/cfg.yml:\d+: invalid YAML/);
  });
});
