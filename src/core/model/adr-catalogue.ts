// Which ADR numbers and file names exist, for the rules that check references against them.
// Counts every numbered file in the ADR directory, the template (`0000-template.md`) included,
// since documents legitimately link to the template.
import { contentId } from "../types.js";
import type { RepositoryModel } from "./repository.js";
import type { AdrReference } from "./adr-references.js";

export interface AdrCatalogue {
  adrDir: string;
  /** File names by number, e.g. 123 -> ["0123-slug.md"]. */
  filesByNumber: Map<number, string[]>;
}

const NUMBERED = /^(\d{3,5})-[^/]*\.md$/;

export function buildAdrCatalogue(model: RepositoryModel): AdrCatalogue {
  const adrDir = model.config.paths.adrDir.replace(/^\.\//, "").replace(/\/+$/, "");
  const filesByNumber = new Map<number, string[]>();
  for (const path of model.snapshot.paths()) {
    const slash = path.lastIndexOf("/");
    if ((slash < 0 ? "" : path.slice(0, slash)) !== adrDir) continue;
    const name = path.slice(slash + 1);
    const m = NUMBERED.exec(name);
    if (!m) continue;
    const number = Number(m[1]);
    filesByNumber.set(number, [...(filesByNumber.get(number) ?? []), name]);
  }
  return { adrDir, filesByNumber };
}

/**
 * Names everything a per-file check against the catalogue depends on, so a file's result is
 * reused until the file or the set of ADR file names changes.
 */
export function catalogueId(catalogue: AdrCatalogue): string {
  const names = [...catalogue.filesByNumber.values()].flat().sort();
  return contentId(`${catalogue.adrDir}\n${names.join("\n")}`);
}

/**
 * Does a reference name an ADR? Mentions always do; links do when they resolve into the ADR
 * directory, or into a directory of the same name (a link with one `../` too many or too few
 * still means the ADR).
 */
export function isAdrReference(reference: AdrReference, catalogue: AdrCatalogue): boolean {
  if (reference.form === "mention") return true;
  const resolved = reference.resolved ?? "";
  const dir = resolved.includes("/") ? resolved.slice(0, resolved.lastIndexOf("/")) : "";
  if (dir === catalogue.adrDir) return true;
  const adrDirName = catalogue.adrDir.slice(catalogue.adrDir.lastIndexOf("/") + 1);
  return adrDirName !== "" && dir.slice(dir.lastIndexOf("/") + 1) === adrDirName;
}

export function formatAdrNumber(number: number): string {
  return String(number).padStart(4, "0");
}
