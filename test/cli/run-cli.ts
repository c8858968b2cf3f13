// Runs `main` in-process with captured output.
import { main } from "../../src/cli/main.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment is empty unless given, so RGOV_CACHE_DIR of the caller never leaks in. */
export async function runCli(argv: string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    cwd,
    env,
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
  });
  return { code, stdout, stderr };
}

export interface JsonOutput {
  verdict: "pass" | "fail";
  findings: Array<{ ruleId: string; severity: string; file: string; line: number; column: number; message: string; docsUrl: string; new: boolean }>;
  stats: Record<string, unknown>;
}

export function parseJsonOutput(result: CliResult): JsonOutput {
  return JSON.parse(result.stdout) as JsonOutput;
}
