// registry-schema: the registry is the trust root of the shipped models, and it carries its own
// JSON Schema (draft 2020-12). Validate it with that schema and report each violation at the line
// of the offending JSON node. A schema that does not compile is itself a finding.
import Ajv2020Module from "ajv/dist/2020.js";
import type { ErrorObject } from "ajv";
import addFormatsModule from "ajv-formats";
import * as z from "zod";
import { validateMetaSchema2020 } from "../parse/json-schema-2020-meta.generated.js";
import { locateJson, positionOf, withoutByteOrderMark } from "../model/json-locate.js";
import type { RegistryDocument } from "../model/registry.js";
import { defineRule, type RuleReport } from "./rule.js";

const META_SCHEMA_2020 = "https://json-schema.org/draft/2020-12/schema";

// Both packages are CommonJS; under ESM the constructor sits on `default`.
const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as typeof Ajv2020Module.default;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as typeof addFormatsModule.default;

export const registrySchema = defineRule({
  id: "registry-schema",
  defaultSeverity: "error",
  description: "The model registry violates its own JSON Schema (draft 2020-12).",
  messages: {
    violation: "Unexpected `{value}` at `{pointer}`, expected it to {expectation} (schema `{schemaPath}`)",
    schemaInvalid: "Unexpected registry schema that does not compile: {error}",
    schemaNotJson: "Unexpected registry schema that is not JSON: {error}",
  },
  options: z.object({ maxFindings: z.number().int().positive().default(200) }).strict(),
  check({ model, options, report, memo }) {
    const schemaText = model.registrySchemaText;
    if (schemaText === null) return;
    // A registry that is not JSON is document-parse's finding; its schema is still checked.
    const registry = model.registry?.data === null ? null : model.registry;
    const schemaPath = model.config.paths.registrySchema;
    // Compiling the schema dominates this rule's time; the result depends only on the two files.
    const key = `${registry ? model.snapshot.hash(registry.path) : "-"}:${model.snapshot.hash(schemaPath)}:${options.maxFindings}`;
    const validation = memo(key, () =>
      validateRegistry(registry, registry ? (model.snapshot.read(registry.path) ?? "") : "", schemaText, schemaPath, options.maxFindings),
    );
    for (const found of validation) report(found);
  },
});

function validateRegistry(
  registry: RegistryDocument | null,
  registryFileText: string,
  schemaFileText: string,
  schemaPath: string,
  maxFindings: number,
): RuleReport[] {
  // A byte order mark is reported with the file's parse problems; positions stay the same.
  const registryText = withoutByteOrderMark(registryFileText).text;
  const schemaText = withoutByteOrderMark(schemaFileText).text;
  const reports: RuleReport[] = [];
  let schema: unknown;
  try {
    schema = JSON.parse(schemaText);
  } catch (error) {
    reports.push({ messageId: "schemaNotJson", data: { error: (error as Error).message }, file: schemaPath, line: 1 });
    return reports;
  }
  // One schema and one document per run: ajv's code optimisation passes cost more than they save.
  // The schema is checked against its meta-schema before compile (assertValidSchema), not by it.
  const ajv = new Ajv2020({ allErrors: true, strict: false, code: { optimize: false }, validateSchema: false });
  addFormats(ajv);
  let validate;
  try {
    assertValidSchema(ajv, schema);
    validate = ajv.compile(schema as object);
  } catch (error) {
    reports.push({ messageId: "schemaInvalid", data: { error: (error as Error).message }, file: schemaPath, line: 1 });
    return reports;
  }
  if (registry === null || validate(registry.data)) return reports;
  const locations = locateJson(registryText);
  const schemaLocations = locateJson(schemaText);
  let reported = 0;
  for (const error of validate.errors ?? []) {
    if (reported >= maxFindings) break;
    // additionalProperties names the extra key: point at that member, not its parent object.
    const extra = error.keyword === "additionalProperties" ? (error.params as { additionalProperty?: string }).additionalProperty : undefined;
    const pointer = extra !== undefined ? `${error.instancePath}/${extra.replace(/~/g, "~0").replace(/\//g, "~1")}` : error.instancePath;
    const at = positionOf(locations, pointer);
    const schemaPointer = error.schemaPath.replace(/^#/, "");
    const schemaAt = positionOf(schemaLocations, schemaPointer);
    reports.push({
      messageId: "violation",
      data: {
        value: extra !== undefined ? extra : describeValue(valueAt(registry.data, error.instancePath)),
        pointer: pointer || "/",
        expectation: extra !== undefined ? "be absent (additionalProperties is false)" : expectationOf(error),
        schemaPath: error.schemaPath,
      },
      file: registry.path,
      line: at.line,
      column: at.column,
      related: [{ file: schemaPath, line: schemaAt.line, column: schemaAt.column, message: `schema rule \`${error.schemaPath}\`` }],
    });
    reported++;
  }
  return reports;
}

/**
 * What ajv's compile does first with validateSchema on: check the schema against the meta-schema
 * its `$schema` names, throwing `schema is invalid: ...` with ajv's own wording. Draft 2020-12, the
 * default, uses the validator compiled ahead of time (scripts/generate-meta-validator.mjs), which
 * saves compiling the meta-schema on every cold run; any other `$schema` is left to ajv.
 */
function assertValidSchema(ajv: InstanceType<typeof Ajv2020>, schema: unknown): void {
  // Anything but an object is compile's to refuse or (a boolean) to accept, as before.
  if (typeof schema !== "object" || schema === null) return;
  const declared = (schema as { $schema?: unknown }).$schema;
  if (declared !== undefined && declared !== META_SCHEMA_2020) {
    ajv.validateSchema(schema, true);
    return;
  }
  if (!validateMetaSchema2020(schema)) throw new Error(`schema is invalid: ${ajv.errorsText(validateMetaSchema2020.errors)}`);
}

/** ajv's message without its leading "must", naming the allowed values it leaves out. */
function expectationOf(error: ErrorObject): string {
  const params = error.params as { allowedValue?: unknown; allowedValues?: unknown[] };
  if (error.keyword === "const") return `be \`${describeValue(params.allowedValue)}\``;
  if (error.keyword === "enum" && Array.isArray(params.allowedValues)) return `be one of ${params.allowedValues.map((value) => `\`${describeValue(value)}\``).join(", ")}`;
  return (error.message ?? "match the schema").replace(/^must /, "");
}

function valueAt(data: unknown, pointer: string): unknown {
  let current = data;
  for (const token of pointer.split("/").slice(1)) {
    const key = token.replace(/~1/g, "/").replace(/~0/g, "~");
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function describeValue(value: unknown): string {
  if (value === undefined) return "(missing)";
  if (value !== null && typeof value === "object") return Array.isArray(value) ? "array" : "object";
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
