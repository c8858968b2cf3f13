// Errors the user can fix become one `::error` command, placed on the configuration file when the
// error is in it; anything else is a bug and also prints its stack. Every error fails the step.
import { isAbsolute, relative } from "node:path";
import { ConfigurationError } from "../core/config.js";
import { GitError } from "../adapters/git.js";
import { errorCommand } from "./file-commands.js";
import { ActionInputError } from "./inputs.js";

export function renderActionError(error: unknown, workspace: string): string {
  if (error instanceof ConfigurationError) {
    const location = error.file ? { file: repositoryPath(error.file, workspace), line: error.line } : {};
    return errorCommand(`research-governance configuration: ${bareMessage(error)}`, location);
  }
  if (error instanceof GitError) {
    return errorCommand(`research-governance: ${error.message} (check out with \`fetch-depth: 0\` so the base commit is present)`);
  }
  if (error instanceof ActionInputError) return errorCommand(`research-governance: ${error.message}`);
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return errorCommand(`research-governance: internal error: ${text}`);
}

/** The message without the `file:line: ` prefix that ConfigurationError adds. */
function bareMessage(error: ConfigurationError): string {
  const prefix = error.file ? `${error.file}${error.line ? `:${error.line}` : ""}: ` : "";
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

/** Annotations need a path relative to the repository: `<commit>:path` and absolute paths are mapped. */
function repositoryPath(file: string, workspace: string): string {
  const atCommit = /^[0-9a-f]{7,64}:(.+)$/.exec(file);
  if (atCommit) return atCommit[1]!;
  return isAbsolute(file) ? relative(workspace, file) : file;
}
