// The reference script raises (KeyError, ValueError) when a file or field it needs is missing; the
// engine instead throws this typed error, which names the file and the field so the CLI can print
// it and the discovery-report-stale rule can turn it into a finding.

export class DiscoveryReportError extends Error {
  constructor(
    /** Repository-relative path of the input that could not be used. */
    readonly file: string,
    /** The field (JSON key path or card label) at fault, or null when the whole file is. */
    readonly field: string | null,
    readonly problem: string,
  ) {
    super(field === null ? `${file}: ${problem}` : `${file}: field \`${field}\`: ${problem}`);
    this.name = "DiscoveryReportError";
  }
}
