import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "@jest/globals";
import Ajv2020Module from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
// @ts-expect-error -- a plain ESM script without type declarations
import { OUTPUT, generateMetaValidator } from "../../scripts/generate-meta-validator.mjs";
import { validateMetaSchema2020 } from "../../src/core/parse/json-schema-2020-meta.generated.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as typeof Ajv2020Module.default;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as typeof addFormatsModule.default;

/** ajv's own meta-schema check, with the options registry-schema compiles with. */
function ajvVerdict(schema: unknown): { valid: boolean; errors: unknown } {
  const ajv = new Ajv2020({ allErrors: true, strict: false, code: { optimize: false } });
  addFormats(ajv);
  const valid = ajv.validateSchema(schema as object) as boolean;
  return { valid, errors: ajv.errors ?? null };
}

describe("scripts/generate-meta-validator.mjs", () => {
  it("the committed validator is what the script generates for the installed ajv", () => {
    // Fails after an ajv upgrade until `npm run generate` is run and its output committed.
    expect(readFileSync(resolve(root, OUTPUT as string), "utf8")).toBe((generateMetaValidator as () => string)());
  });

  it("accepts and refuses schemas exactly as ajv's meta-schema check does, errors included", () => {
    const schemas: unknown[] = [
      true,
      {},
      { enum: [] },
      { $schema: "https://json-schema.org/draft/2020-12/schema", type: "object", properties: { id: { type: "string", pattern: "^[a-z]+$" } } },
      { type: "objekt" },
      { type: ["string", "string"] },
      { minProperties: -1 },
      { required: "id" },
      { required: ["id", "id"] },
      { properties: { a: 5 } },
      { $defs: { entry: { type: "object", additionalProperties: "no" } }, items: { $ref: "#/$defs/entry" } },
      { prefixItems: {}, items: [{}] },
      { $id: 5, $anchor: "1bad", $ref: 7 },
      { dependentRequired: { a: ["b", "b"] }, multipleOf: 0 },
      { allOf: [], anyOf: [{ type: "integer" }, { minimum: "1" }], not: { uniqueItems: "yes" } },
      [],
    ];
    const corpusSchema = resolve(root, "../shared/corpus/vmaf-2026-05-12/model/tiny/registry.schema.json");
    try {
      schemas.push(JSON.parse(readFileSync(corpusSchema, "utf8")));
    } catch {
      // The corpus is optional here; the schemas above cover both outcomes.
    }
    const outcomes = schemas.map((schema) => {
      const valid = validateMetaSchema2020(schema);
      return { schema, valid, errors: validateMetaSchema2020.errors ?? null };
    });
    expect(outcomes).toEqual(schemas.map((schema) => ({ schema, ...ajvVerdict(schema) })));
    // Both outcomes occur: the first four schemas (and the corpus's) are valid, the rest are not.
    expect(outcomes.map((outcome) => outcome.valid)).toEqual(schemas.map((_, index) => index < 4 || index >= 16));
  });
});
