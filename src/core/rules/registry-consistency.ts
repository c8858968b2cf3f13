// registry-consistency: the registry, the sidecar beside each ONNX file, the ensemble manifest and
// the ONNX bytes themselves each record an artefact's sha256 and kind. The runtime trusts the
// registry digest, so any disagreement means one of them describes a different file.
import * as z from "zod";
import { modelArtefacts } from "../model/artefacts.js";
import { registryPosition } from "../model/registry.js";
import type { RepositoryModel } from "../model/repository.js";
import { sidecarPosition, type SidecarDocument } from "../model/sidecar.js";
import type { Location } from "../types.js";
import { defineRule, type RuleReport } from "./rule.js";

export const registryConsistency = defineRule({
  id: "registry-consistency",
  defaultSeverity: "error",
  description: "Registry, sidecar, ensemble manifest or ONNX bytes disagree on an artefact's sha256 or kind.",
  messages: {
    sha256: "Unexpected sha256 `{found}` for `{model}` in {where}, expected `{expected}` as {authority} records",
    kind: "Unexpected kind `{found}` for `{model}` in {where}, expected `{expected}` as {authority} records",
    bytes: "Unexpected sha256 `{found}` of the bytes of `{onnx}`, expected `{expected}` as {authority} records for `{model}`",
  },
  options: z
    .object({
      /** Sidecar kinds that name the same thing as a registry kind (`{"mos": "nr"}`). */
      kindAliases: z.record(z.string(), z.string()).default({}),
    })
    .strict(),
  check({ model, options, report }) {
    const registry = model.registry;
    const registryDir = registry ? dirnameOf(registry.path) : "";
    // Ensemble members without a registry entry are checked against their own sidecar, by id.
    const sidecarsById = new Map<string, SidecarDocument>();
    for (const sidecar of model.sidecars) {
      if (isComparable(sidecar) && !sidecarsById.has(sidecar.id)) sidecarsById.set(sidecar.id, sidecar);
    }
    const normaliseKind = (kind: string): string => options.kindAliases[kind] ?? kind;

    for (const { registry: located, sidecars } of modelArtefacts(model)) {
      if (!located || !registry) continue;
      const { entry } = located;
      const id = entry.id!;
      const registryRef = (field: string): Location & { message: string } => ({
        file: registry.path,
        ...registryPosition(registry, located.index, field),
        message: `registry \`${field}\` of \`${id}\``,
      });
      const onnxPath = entry.onnx ? joinPath(registryDir, entry.onnx) : null;
      for (const sidecar of sidecars.filter(isComparable)) {
        const data = sidecar.sidecar!;
        compare(report, "sha256", id, data.sha256, entry.sha256, sidecar, ["sha256"], registryRef("sha256"), "the registry");
        compare(report, "sha256", id, data.int8_sha256, entry.int8_sha256, sidecar, ["int8_sha256"], registryRef("int8_sha256"), "the registry");
        if (data.kind && entry.kind && normaliseKind(data.kind) !== normaliseKind(entry.kind)) {
          compare(report, "kind", id, data.kind, entry.kind, sidecar, ["kind"], registryRef("kind"), "the registry");
        }
      }
      const bytesOf = model.snapshot.sha256?.bind(model.snapshot);
      if (bytesOf && onnxPath && entry.sha256) checkBytes(report, model, bytesOf, onnxPath, id, entry.sha256, registryRef("sha256"));
      if (bytesOf && onnxPath && entry.int8_sha256) {
        const int8Path = onnxPath.replace(/\.onnx$/, ".int8.onnx");
        checkBytes(report, model, bytesOf, int8Path, id, entry.int8_sha256, registryRef("int8_sha256"));
      }
    }

    // Ensemble manifests list their members' digests; each must match the member's registry entry
    // (the trust root) or, without one, the member's own sidecar.
    for (const manifest of model.sidecars) {
      const members = manifest.sidecar?.members;
      if (!members) continue;
      members.forEach((member, index) => {
        if (!member.id || !member.sha256) return;
        const memberRef = { file: manifest.path, ...sidecarPosition(manifest, ["members", index, "sha256"]) };
        const entry = registry?.entries.find((e) => e.entry.id === member.id);
        if (entry?.entry.sha256 && registry) {
          if (entry.entry.sha256 !== member.sha256) {
            report({
              messageId: "sha256",
              data: { found: member.sha256, model: member.id, where: `the ensemble manifest \`${manifest.path}\``, expected: entry.entry.sha256, authority: "the registry" },
              ...memberRef,
              related: [{ file: registry.path, ...registryPosition(registry, entry.index, "sha256"), message: `registry \`sha256\` of \`${member.id}\`` }],
            });
          }
          return;
        }
        const sidecar = sidecarsById.get(member.id);
        const sidecarSha = sidecar?.sidecar?.sha256;
        if (sidecar && sidecarSha && sidecarSha !== member.sha256) {
          report({
            messageId: "sha256",
            data: { found: member.sha256, model: member.id, where: `the ensemble manifest \`${manifest.path}\``, expected: sidecarSha, authority: "its sidecar" },
            ...memberRef,
            related: [{ file: sidecar.path, ...sidecarPosition(sidecar, ["sha256"]), message: `sidecar \`sha256\` of \`${member.id}\`` }],
          });
        }
      });
    }
  },
});

function compare(
  report: (r: RuleReport) => void,
  messageId: "sha256" | "kind",
  id: string,
  found: string | undefined,
  expected: string | undefined,
  sidecar: SidecarDocument,
  path: string[],
  authority: Location & { message: string },
  authorityName: string,
): void {
  if (found === undefined || expected === undefined || found === expected) return;
  report({
    messageId,
    data: { found, model: id, where: `its sidecar \`${sidecar.path}\``, expected, authority: authorityName },
    file: sidecar.path,
    ...sidecarPosition(sidecar, path),
    related: [authority],
  });
}

function checkBytes(
  report: (r: RuleReport) => void,
  model: RepositoryModel,
  bytesOf: (path: string) => string | undefined,
  onnxPath: string,
  id: string,
  recorded: string,
  authority: Location & { message: string },
): void {
  // A file the snapshot does not hold (weights not checked out, LFS) is not a mismatch.
  if (!model.snapshot.paths().includes(onnxPath)) return;
  const actual = bytesOf(onnxPath);
  if (actual === undefined || actual === recorded.toLowerCase()) return;
  report({
    messageId: "bytes",
    data: { found: actual, onnx: onnxPath, expected: recorded, authority: "the registry", model: id },
    file: authority.file,
    line: authority.line,
    column: authority.column,
    related: [{ file: onnxPath, line: 1, column: 1, message: "the ONNX file whose bytes were hashed" }],
  });
}

/** A sidecar that records a digest or kind of its own: schema-valid, and not a libvmaf model or verdict file. */
function isComparable(sidecar: SidecarDocument): boolean {
  return sidecar.sidecar !== null && sidecar.shape !== "libvmaf-model" && sidecar.shape !== "promote-verdict";
}

function dirnameOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

function joinPath(dir: string, file: string): string {
  return dir ? `${dir}/${file}` : file;
}
