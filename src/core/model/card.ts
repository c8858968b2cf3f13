// Model cards (`model/**/*_card.md`, `docs/ai/models/*.md`). OWNER: gates helper — expand freely,
// but keep the fields below (labels and other rules depend on them).
import type { Located, PrintedNumber } from "./located.js";
import type { MarkdownFile, ParseProblem } from "./markdown-file.js";

export interface CardDocument {
  kind: "card";
  path: string;
  /** The model id the card describes, when it can be told. */
  modelId: string | null;
  /** `- **Label**: value` bullets by lower-case label. */
  fields: Record<string, Located<string>>;
  /** Metrics table values by lower-case metric name (`plcc`, `srocc`, `rmse`, ...). */
  metrics: Record<string, PrintedNumber>;
  /** Trained on synthetic data (corpus kind or banner says so). */
  synthetic: boolean;
  /** The synthetic-stub warning banner, when present. */
  syntheticBanner: Located<string> | null;
  /** The card says the artefact is for non-commercial use only. */
  nonCommercialLabel: Located<string> | null;
  problems: ParseProblem[];
}

export function extractCard(file: MarkdownFile): CardDocument {
  return {
    kind: "card",
    path: file.path,
    modelId: null,
    fields: {},
    metrics: {},
    synthetic: false,
    syntheticBanner: null,
    nonCommercialLabel: null,
    problems: [],
  };
}
