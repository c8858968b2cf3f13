// Argument parsing shared by the commands: node:util parseArgs, with its errors turned into
// UsageErrors and directory arguments checked before any work starts.
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { UsageError } from "./io.js";

/** Run a node:util parseArgs call, turning its errors into UsageErrors for `command`. */
export function withUsageErrors<T>(command: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    // parseArgs messages already name the flag, e.g. "Unknown option '--frmat'".
    throw new UsageError(`${command}: ${(error as Error).message.split("\n")[0]}`);
  }
}

/** An existing directory, resolved against the caller's working directory. */
export function existingDirectory(cwd: string, dir: string | undefined): string {
  const path = resolve(cwd, dir ?? ".");
  let isDirectory = false;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    throw new UsageError(`directory not found: ${path}`);
  }
  if (!isDirectory) throw new UsageError(`not a directory: ${path}`);
  return path;
}
