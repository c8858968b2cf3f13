import { describe, expect, it } from "@jest/globals";
import { mentionsId } from "../../../src/core/evidence/index.js";
import { idTokens } from "../../../src/core/model/model-ids.js";

/** A digest keeps `idTokens` instead of its text; every answer must be the text's own. */
function agrees(text: string, id: string): void {
  expect({ id, mentioned: idTokens(text).includes(id) }).toEqual({ id, mentioned: mentionsId(text, id) });
}

describe("idTokens", () => {
  it("answers as mentionsId does on the forms ids take in prose, paths and code", () => {
    const text = [
      "Trained `fr_regressor_v2` (see fr_regressor_v2.onnx and model/fr_regressor_v2.json).",
      "The ensemble fr_regressor_v2_ensemble_v1, then vmaf_tiny_v3. End.",
      "mobilesal-v2 and x.lpips_sq and lpips_sq... and nr_metric_v1.-draft",
    ].join("\n");
    for (const id of ["fr_regressor_v2", "fr_regressor_v2_ensemble_v1", "vmaf_tiny_v3", "mobilesal", "mobilesal-v2", "lpips_sq", "nr_metric_v1", "model", "onnx", "json", "End", "v2"]) agrees(text, id);
  });

  it("answers as mentionsId does on generated text, for every id the text could hold", () => {
    // A deterministic generator over the characters that decide a match: word characters, `.`,
    // `-`, separators and a non-ASCII letter.
    const alphabet = ["a", "b", "_", "1", ".", "-", " ", "/", "é", "`", "("];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % alphabet.length;
    for (let round = 0; round < 300; round++) {
      const text = Array.from({ length: 14 }, () => alphabet[next()]).join("");
      const ids = new Set<string>();
      for (let start = 0; start < text.length; start++) {
        for (let end = start + 1; end <= text.length; end++) {
          const id = text.slice(start, end);
          if (/^[\w.-]+$/.test(id)) ids.add(id);
        }
      }
      for (const id of ids) agrees(text, id);
    }
  });
});
