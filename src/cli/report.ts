// `rgov report [DIR] [--output FILE] [--extended]`: regenerate the training discovery report.
//
// The report generator (`renderDiscoveryReport` in src/core/report/) is being written in parallel;
// until it lands this command validates its arguments and exits 2 with a clear message.
// `writeFileAtomically` is ready for `--output`.
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { existingDirectory, withUsageErrors } from "./args.js";
import { EXIT_PASS, UsageError, type CliIO } from "./io.js";

export const REPORT_HELP = `Usage: rgov report [DIR] [options]

Regenerate the training discovery report of DIR (default: the current directory).

Options:
  --output FILE   write the report to FILE (parent directories are created) instead of stdout
  --extended      add every sidecar, gate status, evidence source and a per-fold chart
  --config FILE   configuration file (default: .github/research-governance.yml in DIR)
  -h, --help      show this help

Exit status: 0 written, 2 usage or configuration error.
`;

export async function runReport(args: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = withUsageErrors("report", () =>
    parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        output: { type: "string", short: "o" },
        extended: { type: "boolean" },
        config: { type: "string", short: "c" },
        help: { type: "boolean", short: "h" },
      },
    }),
  );
  if (values.help) {
    io.stdout.write(REPORT_HELP);
    return EXIT_PASS;
  }
  if (positionals.length > 1) throw new UsageError(`report: unexpected argument \`${positionals[1]}\``);
  existingDirectory(io.cwd, positionals[0]);
  throw new UsageError("report: the discovery report generator is not available in this build yet");
}

/**
 * Write `text` to `file` so readers never see a half-written report: write a temporary file in the
 * same directory (same filesystem, so rename is atomic), then rename it over the target.
 */
export function writeFileAtomically(file: string, text: string): void {
  const target = resolve(file);
  mkdirSync(dirname(target), { recursive: true });
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
