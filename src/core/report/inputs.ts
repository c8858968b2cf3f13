// Reading the report's inputs from a snapshot. Every failure is a DiscoveryReportError that names
// the file and, where one is at fault, the field.
import type { RepositorySnapshot } from "../types.js";
import { DiscoveryReportError } from "./errors.js";
import { isPyDict, parsePythonJson, PythonJsonError, type PyDict, type PyJson } from "./python-json.js";

/** The sidecar at `path` as a JSON object, parsed with Python's semantics. */
export function readJsonObject(snapshot: RepositorySnapshot, path: string): PyDict {
  const text = snapshot.read(path);
  if (text === undefined) throw new DiscoveryReportError(path, null, "file is missing");
  return parseJsonObject(path, text);
}

export function parseJsonObject(path: string, text: string): PyDict {
  let data: PyJson;
  try {
    data = parsePythonJson(text);
  } catch (error) {
    if (error instanceof PythonJsonError) throw new DiscoveryReportError(path, null, `invalid JSON: ${error.message}`);
    throw error;
  }
  if (!isPyDict(data)) throw new DiscoveryReportError(path, null, "expected a JSON object at the top level");
  return data;
}

/** `data[key]` that must be an object (the reference calls `.get` on it). */
export function requireDict(path: string, data: PyDict, key: string, fieldPath = key): PyDict {
  const value = data.get(key);
  if (value === undefined) throw new DiscoveryReportError(path, fieldPath, "is missing");
  if (!isPyDict(value)) throw new DiscoveryReportError(path, fieldPath, "expected a JSON object");
  return value;
}

/** `data.get(key, {})` that must be an object when present. */
export function optionalDict(path: string, data: PyDict, key: string): PyDict {
  const value = data.get(key);
  if (value === undefined) return new Map();
  if (!isPyDict(value)) throw new DiscoveryReportError(path, key, "expected a JSON object");
  return value;
}
