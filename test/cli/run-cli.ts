// Runs `main` in-process with captured output.
import { main } from "../../src/cli/main.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], cwd: string): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    cwd,
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
