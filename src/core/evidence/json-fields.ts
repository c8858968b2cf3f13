// Reading single fields out of loosely shaped JSON (sidecars, verdict files, the registry) and
// saying where they are. Real sidecars come in many key shapes, so each field is validated on its
// own with a narrow zod schema: one odd field never hides the others.
import * as z from "zod";
import {
  compactPositionOf,
  locateJson,
  positionOf,
  toPointer,
  type CompactLocations,
  type JsonNodeLocation,
} from "../model/json-locate.js";
import type { SourceRef } from "./types.js";

export type FieldPath = ReadonlyArray<string | number>;

/** The value at `path`, or undefined when any step is missing or not a container. */
export function valueAt(data: unknown, path: FieldPath): unknown {
  let current: unknown = data;
  for (const step of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

// Built once: constructing a zod schema costs far more than parsing one value with it.
const FiniteNumber = z.number().finite();
const BooleanField = z.boolean();
const StringField = z.string();

export function numberAt(data: unknown, path: FieldPath): number | undefined {
  const parsed = FiniteNumber.safeParse(valueAt(data, path));
  return parsed.success ? parsed.data : undefined;
}

export function booleanAt(data: unknown, path: FieldPath): boolean | undefined {
  const parsed = BooleanField.safeParse(valueAt(data, path));
  return parsed.success ? parsed.data : undefined;
}

export function stringAt(data: unknown, path: FieldPath): string | undefined {
  const parsed = StringField.safeParse(valueAt(data, path));
  return parsed.success ? parsed.data : undefined;
}

export function recordAt(data: unknown, path: FieldPath): Record<string, unknown> | undefined {
  const value = valueAt(data, path);
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** `["training", "loso_folds", 2, "plcc"]` -> `training.loso_folds[2].plcc`, the way people read it. */
export function fieldName(path: FieldPath): string {
  let out = "";
  for (const step of path) out += typeof step === "number" ? `[${step}]` : out ? `.${step}` : step;
  return out;
}

/**
 * Positions of JSON fields. Sidecars and the registry carry their field positions in their cached
 * documents (`known`); any other JSON file is located lazily, once, from the snapshot text.
 */
export class JsonLocator {
  private readonly located = new Map<string, Map<string, JsonNodeLocation>>();

  constructor(
    private readonly read: (path: string) => string | undefined,
    private readonly known: (path: string) => CompactLocations | undefined = () => undefined,
  ) {}

  ref(file: string, path: FieldPath): SourceRef {
    const pointer = toPointer(path.map(String));
    const compact = this.known(file);
    const at = compact ? compactPositionOf(compact, pointer) : positionOf(this.locationsOf(file), pointer);
    return { file, line: at.line, column: at.column, field: path.length ? fieldName(path) : undefined };
  }

  private locationsOf(file: string): Map<string, JsonNodeLocation> {
    let locations = this.located.get(file);
    if (!locations) {
      const text = this.read(file);
      locations = text === undefined ? new Map() : locateJson(text, { scalarsInArrays: false });
      this.located.set(file, locations);
    }
    return locations;
  }
}
