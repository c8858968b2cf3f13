import { describe, expect, it } from "@jest/globals";
import { registryConsistency } from "../../../src/core/rules/registry-consistency.js";
import { MemorySnapshot } from "../../../src/core/types.js";
import { brief, runRule } from "../../fixtures/gates-labels/run-rule.js";

const A = "a".repeat(64);
const B = "b".repeat(64);
const C = "c".repeat(64);

const REGISTRY = `{
  "schema_version": 1,
  "models": [
    {
      "id": "m_seed0",
      "kind": "fr",
      "onnx": "m_seed0.onnx",
      "sha256": "${A}"
    }
  ]
}
`;

describe("registry-consistency", () => {
  it("accepts a registry, sidecar and manifest that agree", () => {
    const findings = runRule(registryConsistency, {
      "model/tiny/registry.json": REGISTRY,
      "model/tiny/m_seed0.json": `{"id": "m_seed0", "kind": "fr", "onnx": "m_seed0.onnx", "sha256": "${A}"}`,
      "model/tiny/m.json": `{"id": "m", "kind": "fr_ensemble", "members": [{"id": "m_seed0", "sha256": "${A}"}]}`,
    });
    expect(findings).toEqual([]);
  });

  it("reports a sidecar sha256 that disagrees with the registry", () => {
    const findings = runRule(registryConsistency, {
      "model/tiny/registry.json": REGISTRY,
      "model/tiny/m_seed0.json": `{\n  "id": "m_seed0",\n  "sha256": "${B}"\n}`,
    });
    expect(brief(findings)).toEqual([["registry-consistency", "error", "model/tiny/m_seed0.json", 3, 3]]);
    expect(findings[0]!.message).toBe(`Unexpected sha256 \`${B}\` for \`m_seed0\` in its sidecar \`model/tiny/m_seed0.json\`, expected \`${A}\` as the registry records`);
    expect(findings[0]!.related).toEqual([{ file: "model/tiny/registry.json", line: 8, column: 7, message: "registry `sha256` of `m_seed0`" }]);
  });

  it("joins a sidecar without id by its ONNX file and reports a kind mismatch", () => {
    const findings = runRule(registryConsistency, {
      "model/tiny/registry.json": REGISTRY,
      "model/tiny/seed.json": '{\n  "onnx": "m_seed0.onnx",\n  "kind": "nr"\n}',
    });
    expect(brief(findings)).toEqual([["registry-consistency", "error", "model/tiny/seed.json", 3, 3]]);
    expect(findings[0]!.message).toMatch(/^Unexpected kind `nr` for `m_seed0` in its sidecar/);
  });

  it("accepts a configured kind alias", () => {
    const files = { "model/tiny/registry.json": REGISTRY, "model/tiny/m_seed0.json": '{"id": "m_seed0", "kind": "regressor"}' };
    expect(runRule(registryConsistency, files, { rules: { "registry-consistency": { options: { kindAliases: { regressor: "fr" } } } } })).toEqual([]);
  });

  it("reports an ensemble manifest member digest that disagrees with the registry", () => {
    const findings = runRule(registryConsistency, {
      "model/tiny/registry.json": REGISTRY,
      "model/tiny/m.json": `{\n  "id": "m",\n  "members": [\n    {\n      "id": "m_seed0",\n      "sha256": "${C}"\n    }\n  ]\n}`,
    });
    expect(brief(findings)).toEqual([["registry-consistency", "error", "model/tiny/m.json", 6, 7]]);
    expect(findings[0]!.message).toMatch(/in the ensemble manifest `model\/tiny\/m.json`, expected `a{64}` as the registry records$/);
  });

  it("falls back to the member's sidecar when the registry has no entry", () => {
    const findings = runRule(registryConsistency, {
      "model/tiny/x_seed1.json": `{"id": "x_seed1", "sha256": "${A}"}`,
      "model/tiny/x.json": `{"id": "x", "members": [{"id": "x_seed1", "sha256": "${B}"}]}`,
    });
    expect(findings.map((f) => f.message)).toEqual([expect.stringMatching(/as its sidecar records$/)]);
  });

  it("checks the ONNX bytes when the snapshot can hash them, and skips otherwise", () => {
    const files = { "model/tiny/registry.json": REGISTRY, "model/tiny/m_seed0.onnx": "bytes" };
    expect(runRule(registryConsistency, files)).toEqual([]);
    const hashing = Object.assign(new MemorySnapshot(files), { sha256: (path: string) => (path.endsWith(".onnx") ? B : undefined) });
    const findings = runRule(registryConsistency, hashing);
    expect(brief(findings)).toEqual([["registry-consistency", "error", "model/tiny/registry.json", 8, 7]]);
    expect(findings[0]!.message).toBe(`Unexpected sha256 \`${B}\` of the bytes of \`model/tiny/m_seed0.onnx\`, expected \`${A}\` as the registry records for \`m_seed0\``);
    const matching = Object.assign(new MemorySnapshot(files), { sha256: () => A });
    expect(runRule(registryConsistency, matching)).toEqual([]);
  });
});
