// The model registry (`model/tiny/registry.json` + its JSON Schema). OWNER: gates helper.
import type { ParseProblem } from "./markdown-file.js";

export interface RegistryDocument {
  kind: "registry";
  path: string;
  data: unknown;
  problems: ParseProblem[];
}

export function readRegistry(path: string, text: string): RegistryDocument {
  try {
    return { kind: "registry", path, data: JSON.parse(text), problems: [] };
  } catch (error) {
    return { kind: "registry", path, data: null, problems: [{ message: `Invalid JSON: ${(error as Error).message}`, line: 1, column: 1 }] };
  }
}
