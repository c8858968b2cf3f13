import { describe, expect, it } from "@jest/globals";
import { registrySchema } from "../../../src/core/rules/registry-schema.js";
import { brief, runRule } from "../../fixtures/gates-labels/run-rule.js";

const SCHEMA = JSON.stringify(
  {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    required: ["schema_version", "models"],
    additionalProperties: false,
    properties: {
      $schema: { type: "string" },
      schema_version: { type: "integer", enum: [0, 1] },
      models: { type: "array", items: { $ref: "#/$defs/entry" } },
    },
    $defs: {
      entry: {
        type: "object",
        required: ["id", "kind", "onnx", "sha256"],
        additionalProperties: false,
        properties: {
          id: { type: "string", pattern: "^[a-z0-9][a-z0-9_-]*$" },
          kind: { enum: ["fr", "nr", "filter"] },
          onnx: { type: "string" },
          sha256: { type: "string", pattern: "^[0-9a-f]{64}$" },
          smoke: { type: "boolean" },
          license_url: { type: "string", format: "uri" },
        },
      },
    },
  },
  null,
  2,
);

const SHA = "a".repeat(64);
const registry = (entry: string): string => `{\n  "schema_version": 1,\n  "models": [\n    {\n${entry}\n    }\n  ]\n}\n`;
const VALID = `      "id": "m_v1",\n      "kind": "fr",\n      "onnx": "m_v1.onnx",\n      "sha256": "${SHA}",\n      "license_url": "https://example.org/LICENSE"`;

function files(registryText: string, schemaText = SCHEMA): Record<string, string> {
  return { "model/tiny/registry.json": registryText, "model/tiny/registry.schema.json": schemaText };
}

describe("registry-schema", () => {
  it("accepts a registry that matches its schema", () => {
    expect(runRule(registrySchema, files(registry(VALID)))).toEqual([]);
  });

  it("names the constant a value must equal", () => {
    const schema = JSON.parse(SCHEMA) as { properties: { schema_version: unknown } };
    schema.properties.schema_version = { const: 0 };
    const findings = runRule(registrySchema, files(registry(VALID), JSON.stringify(schema, null, 2)));
    expect(brief(findings)).toEqual([["registry-schema", "error", "model/tiny/registry.json", 2, 3]]);
    expect(findings[0]!.message).toBe("Unexpected `1` at `/schema_version`, expected it to be `0` (schema `#/properties/schema_version/const`)");
  });

  it("does nothing without a schema or a registry", () => {
    expect(runRule(registrySchema, { "model/tiny/registry.json": registry(VALID) })).toEqual([]);
    expect(runRule(registrySchema, { "model/tiny/registry.schema.json": SCHEMA })).toEqual([]);
  });

  it.each([
    ["a bad enum value at the member's key", VALID.replace('"kind": "fr"', '"kind": "scorer"'), 6, 7, /^Unexpected `"scorer"` at `\/models\/0\/kind`, expected it to be one of `"fr"`, `"nr"`, `"filter"` \(schema/],
    ["a bad sha256 pattern", VALID.replace(SHA, "XYZ"), 8, 7, /^Unexpected `"XYZ"` at `\/models\/0\/sha256`, expected it to match pattern/],
    ["an unknown field at that field", `${VALID},\n      "licence": "MIT"`, 10, 7, /^Unexpected `licence` at `\/models\/0\/licence`, expected it to be absent/],
    ["a missing required field at the entry", VALID.replace(`,\n      "sha256": "${SHA}"`, ""), 4, 5, /^Unexpected `object` at `\/models\/0`, expected it to have required property 'sha256'/],
    ["a format violation", VALID.replace("https://example.org/LICENSE", "not a uri"), 9, 7, /expected it to match format "uri"/],
  ])("reports %s", (_name, entry, line, column, message) => {
    const findings = runRule(registrySchema, files(registry(entry)));
    expect(brief(findings)).toEqual([["registry-schema", "error", "model/tiny/registry.json", line, column]]);
    expect(findings[0]!.message).toMatch(message);
    expect(findings[0]!.related?.[0]?.file).toBe("model/tiny/registry.schema.json");
  });

  it("reports a schema that does not compile", () => {
    const findings = runRule(registrySchema, files(registry(VALID), '{"type": "objekt"}'));
    expect(brief(findings)).toEqual([["registry-schema", "error", "model/tiny/registry.schema.json", 1, 1]]);
    expect(findings[0]!.message).toMatch(/^Unexpected registry schema that does not compile/);
  });

  it("reports a schema that compiles but breaks the draft 2020-12 meta-schema, in ajv's words", () => {
    // ajv compiles a negative minProperties; only the meta-schema says it must be >= 0.
    const findings = runRule(registrySchema, files(registry(VALID), '{"type": "object", "minProperties": -1}'));
    expect(brief(findings)).toEqual([["registry-schema", "error", "model/tiny/registry.schema.json", 1, 1]]);
    expect(findings[0]!.message).toBe("Unexpected registry schema that does not compile: schema is invalid: data/minProperties must be >= 0");
  });

  it("leaves a schema that names another meta-schema to ajv, which knows only draft 2020-12", () => {
    const findings = runRule(registrySchema, files(registry(VALID), '{"$schema": "http://json-schema.org/draft-07/schema#", "type": "object"}'));
    expect(findings.map((f) => f.message)).toEqual([
      'Unexpected registry schema that does not compile: no schema with key or ref "http://json-schema.org/draft-07/schema#"',
    ]);
  });

  it("reports a schema that is not JSON", () => {
    const findings = runRule(registrySchema, files(registry(VALID), "{ nope"));
    expect(findings.map((f) => f.message)).toEqual([expect.stringMatching(/^Unexpected registry schema that is not JSON/)]);
  });

  it("reports a schema that is not JSON even when the registry is not JSON either", () => {
    const findings = runRule(registrySchema, files("{ broken registry", "{ nope"));
    expect(brief(findings)).toEqual([["registry-schema", "error", "model/tiny/registry.schema.json", 1, 1]]);
  });
});
