// What a command needs from the outside world, passed in so tests run commands in-process.
import { ConfigurationError } from "../core/config.js";
import { DiscoveryReportError } from "../core/report/errors.js";
import { GitError } from "../adapters/git.js";

export interface OutputStream {
  write(chunk: string): unknown;
}

export interface CliIO {
  stdout: OutputStream;
  stderr: OutputStream;
  /** Directory that relative arguments are resolved against. */
  cwd: string;
  /** Environment (RGOV_CACHE_DIR); defaults to process.env. */
  env?: Record<string, string | undefined>;
}

/** Exit codes of every command (docs/cli.md). */
export const EXIT_PASS = 0;
export const EXIT_FAIL = 1;
export const EXIT_USAGE = 2;

/** The command line itself is wrong: bad flag, unknown format, missing directory. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Errors the user can fix print one clear line; anything else is a bug and prints its stack. */
export function reportError(error: unknown, io: CliIO): number {
  if (
    error instanceof UsageError ||
    error instanceof ConfigurationError ||
    error instanceof GitError ||
    error instanceof DiscoveryReportError
  ) {
    io.stderr.write(`rgov: ${error.message}\n`);
    if (error instanceof UsageError) io.stderr.write("Run `rgov --help` for usage.\n");
    if (error instanceof GitError && error.shallow) {
      io.stderr.write("This clone is shallow: fetch the base and the history since the branch point first (`git fetch --unshallow`).\n");
    }
    return EXIT_USAGE;
  }
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(`rgov: internal error: ${text}\n`);
  return EXIT_USAGE;
}
