// JSON sidecars beside ONNX files. OWNER: gates helper — expand freely (zod schema first), but
// keep the fields below (labels and other rules depend on them).
import type { ParseProblem } from "./markdown-file.js";

export interface SidecarDocument {
  kind: "sidecar";
  path: string;
  /** The parsed JSON, or null when it is not valid JSON (then `problems` says why). */
  data: unknown;
  /** `id` field, or the file name without `.json`. */
  id: string;
  /** Trained on synthetic data (smoke flag, synthetic corpus kind, `gate.kind: synthetic`). */
  synthetic: boolean;
  problems: ParseProblem[];
}

export function readSidecar(path: string, text: string): SidecarDocument {
  const fallbackId = path.replace(/^.*\//, "").replace(/\.json$/, "");
  try {
    const data: unknown = JSON.parse(text);
    const id = typeof (data as { id?: unknown })?.id === "string" ? (data as { id: string }).id : fallbackId;
    return { kind: "sidecar", path, data, id, synthetic: false, problems: [] };
  } catch (error) {
    return {
      kind: "sidecar",
      path,
      data: null,
      id: fallbackId,
      synthetic: false,
      problems: [{ message: `Invalid JSON: ${(error as Error).message}`, line: 1, column: 1 }],
    };
  }
}
