// A repository snapshot over a directory on disk. Files are listed once and read lazily; content
// ids are git blob ids, so caches built from a working tree and from git objects agree.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compareStrings, type RepositorySnapshot } from "../core/types.js";

const SKIPPED_DIRECTORIES = new Set([".git", "node_modules", "dist", ".rgov-cache", "coverage"]);

export class DirectorySnapshot implements RepositorySnapshot {
  private readonly allPaths: string[];
  private readonly texts = new Map<string, string>();
  private readonly ids = new Map<string, string>();

  constructor(readonly root: string) {
    this.allPaths = listFiles(root).sort(compareStrings);
  }

  paths(): readonly string[] {
    return this.allPaths;
  }

  read(path: string): string | undefined {
    let text = this.texts.get(path);
    if (text === undefined) {
      const bytes = this.readBytes(path);
      if (bytes === undefined) return undefined;
      text = bytes.toString("utf8");
      this.texts.set(path, text);
    }
    return text;
  }

  hash(path: string): string | undefined {
    let id = this.ids.get(path);
    if (id === undefined) {
      const bytes = this.readBytes(path);
      if (bytes === undefined) return undefined;
      id = gitBlobId(bytes);
      this.ids.set(path, id);
      this.texts.set(path, bytes.toString("utf8"));
    }
    return id;
  }

  sha256(path: string): string | undefined {
    const bytes = this.readBytes(path);
    return bytes === undefined ? undefined : createHash("sha256").update(bytes).digest("hex");
  }

  private readBytes(path: string): Buffer | undefined {
    try {
      return readFileSync(join(this.root, path));
    } catch {
      return undefined;
    }
  }
}

export function gitBlobId(bytes: Buffer): string {
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
        walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      } else if (entry.isFile()) {
        out.push(`${prefix}${entry.name}`);
      }
    }
  };
  walk(root, "");
  return out;
}
