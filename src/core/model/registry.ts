// The model registry (`model/tiny/registry.json` + its JSON Schema). The registry's own schema is
// the authority on its shape (the `registry-schema` rule validates against it); this model reads
// entries leniently so other rules still see every entry of a registry that violates it.
import * as z from "zod";
import { compactLocations, compactPositionOf, jsonErrorPosition, locateJson, toPointer, withoutByteOrderMark, type CompactLocations, type JsonPosition } from "./json-locate.js";
import type { ParseProblem } from "./markdown-file.js";

/** Lenient view of one entry: fields of an unexpected type read as absent. */
export const RegistryEntry = z
  .object({
    id: z.string().optional().catch(undefined),
    kind: z.string().optional().catch(undefined),
    onnx: z.string().optional().catch(undefined),
    sha256: z.string().optional().catch(undefined),
    int8_sha256: z.string().optional().catch(undefined),
    quant_mode: z.string().optional().catch(undefined),
    smoke: z.boolean().optional().catch(undefined),
    license: z.string().optional().catch(undefined),
    license_url: z.string().optional().catch(undefined),
    notes: z.string().optional().catch(undefined),
    description: z.string().optional().catch(undefined),
  })
  .passthrough();
export type RegistryEntry = z.infer<typeof RegistryEntry>;

export interface LocatedRegistryEntry {
  /** Position of the entry in `models[]`. */
  index: number;
  /** The entry's opening brace. */
  line: number;
  column: number;
  entry: RegistryEntry;
}

export interface RegistryDocument {
  kind: "registry";
  path: string;
  data: unknown;
  problems: ParseProblem[];
  entries: LocatedRegistryEntry[];
  /** JSON pointer -> [line, column] of every node (keys for object members). */
  locations: CompactLocations;
}

/** Line and column of a field of entry `index`: `registryPosition(doc, 3, "sha256")`. */
export function registryPosition(doc: Pick<RegistryDocument, "locations">, index: number, field?: string): JsonPosition {
  return compactPositionOf(doc.locations, toPointer(field === undefined ? ["models", index] : ["models", index, field]));
}

/** The entry with this id, or null. */
export function findRegistryEntry(doc: RegistryDocument | null, id: string): LocatedRegistryEntry | null {
  return doc?.entries.find((e) => e.entry.id === id) ?? null;
}

export function readRegistry(path: string, original: string): RegistryDocument {
  const { text, problem: markProblem } = withoutByteOrderMark(original);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return {
      kind: "registry",
      path,
      data: null,
      problems: [...(markProblem ? [markProblem] : []), { message: `Invalid JSON: ${(error as Error).message}`, ...jsonErrorPosition(text, error as Error) }],
      entries: [],
      locations: {},
    };
  }
  const locations = compactLocations(locateJson(text));
  const problems: ParseProblem[] = markProblem ? [markProblem] : [];
  const entries: LocatedRegistryEntry[] = [];
  const models = (data as { models?: unknown } | null)?.models;
  if (Array.isArray(models)) {
    models.forEach((raw, index) => {
      const at = compactPositionOf(locations, toPointer(["models", index]));
      if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
        problems.push({ message: `Unexpected registry entry \`models[${index}]\`, expected an object`, ...at });
        return;
      }
      entries.push({ index, ...at, entry: RegistryEntry.parse(raw) });
    });
  } else {
    problems.push({ message: "Unexpected registry without a `models` array, expected `{\"models\": [...]}`", line: 1, column: 1 });
  }
  return { kind: "registry", path, data, problems, entries, locations };
}
