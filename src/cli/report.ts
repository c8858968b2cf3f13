// `rgov report [DIR] [--output FILE] [--extended]`: regenerate the training discovery report.
//
// Reads the working tree of DIR and DIR's configuration (or --config FILE). The report goes to
// stdout, or to FILE atomically so a reader or a committed copy never sees half a report.
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { renderDiscoveryReport } from "../core/report/index.js";
import { loadConfigFile, loadConfigFromDirectory } from "../adapters/config-loader.js";
import { DirectorySnapshot } from "../adapters/fs-snapshot.js";
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
  const dir = existingDirectory(io.cwd, positionals[0]);
  const { config } =
    values.config === undefined ? loadConfigFromDirectory(dir) : loadConfigFile(resolve(io.cwd, values.config));
  const report = renderDiscoveryReport(new DirectorySnapshot(dir), config, { extended: values.extended ?? false });
  if (values.output === undefined) {
    io.stdout.write(report);
  } else {
    const target = resolve(io.cwd, values.output);
    writeFileAtomically(target, report);
    io.stderr.write(`rgov: wrote ${target}\n`);
  }
  return EXIT_PASS;
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
