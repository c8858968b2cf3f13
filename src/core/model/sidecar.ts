// JSON sidecars beside ONNX files. OWNER: gates helper — expand freely (zod schema first).
import type { ParseProblem } from "./markdown-file.js";

export interface SidecarDocument {
  kind: "sidecar";
  path: string;
  /** The parsed JSON, or null when it is not valid JSON (then `problems` says why). */
  data: unknown;
  problems: ParseProblem[];
}

export function readSidecar(path: string, text: string): SidecarDocument {
  try {
    return { kind: "sidecar", path, data: JSON.parse(text), problems: [] };
  } catch (error) {
    return { kind: "sidecar", path, data: null, problems: [{ message: `Invalid JSON: ${(error as Error).message}`, line: 1, column: 1 }] };
  }
}
