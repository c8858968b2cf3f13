// GitHub Actions file commands and workflow commands, written directly (a few lines instead of a
// dependency): outputs go to GITHUB_OUTPUT as `name<<DELIMITER` blocks, which are safe for any
// value, the job summary is appended to GITHUB_STEP_SUMMARY, and errors are `::error` commands.
import { randomUUID } from "node:crypto";
import { appendFileSync } from "node:fs";
import { escapeCommandData, escapeCommandProperty } from "../core/render/github.js";

/** One `name<<DELIMITER` block; the delimiter is random so no value can end the block early. */
export function formatOutput(name: string, value: string, delimiter = `ghadelimiter_${randomUUID()}`): string {
  if (name.includes(delimiter) || value.includes(delimiter)) throw new Error(`output ${name} contains its delimiter`);
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}

/** Append outputs to the GITHUB_OUTPUT file; without one (a run outside a runner) nothing is written. */
export function writeOutputs(file: string | undefined, outputs: Record<string, string>): void {
  if (!file) return;
  appendFileSync(file, Object.entries(outputs).map(([name, value]) => formatOutput(name, value)).join(""));
}

export function appendSummary(file: string | undefined, markdown: string): void {
  if (file) appendFileSync(file, markdown.endsWith("\n") ? markdown : `${markdown}\n`);
}

export interface CommandLocation {
  file?: string;
  line?: number;
}

/** `::error file=F,line=N::message`, escaped by GitHub's rules. */
export function errorCommand(message: string, location: CommandLocation = {}): string {
  const properties: string[] = [];
  if (location.file) properties.push(`file=${escapeCommandProperty(location.file)}`);
  if (location.file && location.line) properties.push(`line=${location.line}`);
  return `::error${properties.length ? ` ${properties.join(",")}` : ""}::${escapeCommandData(message)}\n`;
}
