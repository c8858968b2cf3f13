// Model ids as the governed repository names them: snake_case with a version, such as
// `fr_regressor_v2`, `vmaf_tiny_v3`, `fr_regressor_v2_ensemble_v1`, `saliency_student_v1`.
// Digests also say just `v4` in a heading when the title already names the family
// (`vmaf_tiny_v4 evaluation` ... `### Per-fold breakdown (v4)`); `resolveShortVersions` maps those.

const MODEL_ID = /(?<![\w-])[a-z][a-z0-9]*(?:_[a-z0-9]+)*_v\d+(?:_[a-z0-9]+)*(?![\w-]|\.\w)/g;
const SHORT_VERSION = /(?<![\w.-])v(\d+)(?![\w.-])/g;
/** Trailing parts that name a file variant or a seed, not a different model. */
const VARIANT_SUFFIX = /_(?:seed\d+|int8|fp16|fp32|onnx)$/;

/**
 * Every string that `text` mentions as a whole id in the sense of the evidence's `mentionsId`
 * (`(?<![\w.-])ID(?![\w-]|\.\w)`), for ids made of `[\w.-]` only: each maximal run of those
 * characters, and each prefix of a run that ends before a `.` not followed by a word character
 * (`fr_regressor_v2.` mentions `fr_regressor_v2`, `fr_regressor_v2.onnx` does not). Sorted.
 */
export function idTokens(text: string): string[] {
  const tokens = new Set<string>();
  for (const [run] of text.matchAll(/[\w.-]+/g)) {
    tokens.add(run);
    for (let dot = run.indexOf(".", 1); dot > 0; dot = run.indexOf(".", dot + 1)) {
      if (!/\w/.test(run[dot + 1] ?? "")) tokens.add(run.slice(0, dot));
    }
  }
  return [...tokens].sort();
}

/** Distinct model ids in `text`, in order of first mention. */
export function findModelIds(text: string): string[] {
  const ids: string[] = [];
  for (const match of text.matchAll(MODEL_ID)) {
    const id = match[0].replace(VARIANT_SUFFIX, "");
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

/**
 * Model ids in `text`, plus bare `vN` mentions turned into `<family>_vN` when exactly one family
 * is known from `contextIds` (e.g. the title's ids).
 */
export function findModelIdsWithContext(text: string, contextIds: readonly string[]): string[] {
  const ids = findModelIds(text);
  const families = new Set(contextIds.map((id) => /^(.*)_v\d+/.exec(id)?.[1]).filter((f): f is string => !!f));
  if (families.size === 1) {
    const [family] = [...families];
    for (const match of text.matchAll(SHORT_VERSION)) {
      const id = `${family}_v${match[1]}`;
      if (!ids.includes(id)) ids.push(id);
    }
  }
  return ids;
}
