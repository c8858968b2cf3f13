#!/usr/bin/env node
// `rgov`: the command-line front end. `main` takes its arguments and I/O explicitly so tests run it
// in-process; the bottom of this file runs it when the file is executed as the binary.
import "./zod-setup.js";
import { readFileSync, realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { EXIT_PASS, EXIT_USAGE, UsageError, reportError, type CliIO } from "./io.js";

export const MAIN_HELP = `Usage: rgov <command> [options]

Research governance for ML repositories: ship gates, labels and evidence.

Commands:
  check [DIR]    check the governed files of DIR (see \`rgov check --help\`)
  report [DIR]   regenerate the training discovery report (see \`rgov report --help\`)

Options:
  -h, --help     show this help
  -v, --version  print the version

Exit status: 0 pass, 1 the verdict fails, 2 usage or configuration error.
`;

// Loaded on use: `rgov report` then never initialises the rules, ajv and the engine that only
// `check` needs (measured: 3–8 ms of every report run's start-up).
const COMMANDS: Record<string, (args: readonly string[], io: CliIO) => Promise<number>> = {
  check: async (args, io) => (await import("./check.js")).runCheck(args, io),
  report: async (args, io) => (await import("./report.js")).runReport(args, io),
};

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  try {
    const [first, ...rest] = argv;
    if (first === undefined) {
      io.stderr.write(MAIN_HELP);
      return EXIT_USAGE;
    }
    if (first === "-h" || first === "--help" || first === "help") {
      io.stdout.write(MAIN_HELP);
      return EXIT_PASS;
    }
    if (first === "-v" || first === "--version") {
      io.stdout.write(`${packageVersion()}\n`);
      return EXIT_PASS;
    }
    const command = COMMANDS[first];
    if (!command) throw new UsageError(first.startsWith("-") ? `unknown option \`${first}\`` : `unknown command \`${first}\``);
    return await command(rest, io);
  } catch (error) {
    return reportError(error, io);
  }
}

/** Read from package.json so the version has one source; src/cli and dist/cli are both two deep. */
function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return manifest.version;
}

function isExecutedDirectly(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    // npm installs the binary as a symlink; compare real paths.
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isExecutedDirectly()) {
  // `rgov check | head` closes the pipe early: drop the rest of the output instead of crashing on
  // EPIPE, and still exit with the verdict's code.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`rgov: internal error: ${String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
