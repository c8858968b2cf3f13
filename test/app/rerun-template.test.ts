// The shipped workflow template is one side of the /rerun-loso contract (SPEC section 5): the
// inputs the app dispatches, the run name it finds the run by, the artifact it downloads.
import { describe, expect, it } from "@jest/globals";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { rerunWorkflowEventFrom } from "../../src/app/rerun-completion.js";
import { defaultConfig } from "../../src/core/config.js";
import { PROJECT_ROOT } from "../helpers/corpus.js";

interface Workflow {
  name: string;
  "run-name": string;
  on: { workflow_dispatch: { inputs: Record<string, { required?: boolean; type: string }> } };
  permissions: Record<string, string>;
  jobs: Record<string, { "runs-on": string; steps: Array<{ uses?: string; with?: Record<string, string>; if?: string }> }>;
}

const workflow = parse(readFileSync(join(PROJECT_ROOT, "templates/rerun-loso.yml"), "utf8")) as Workflow;

describe("templates/rerun-loso.yml", () => {
  it("is the workflow the default configuration dispatches, with the inputs the app sends", () => {
    expect(defaultConfig().rerun.workflow).toBe("rerun-loso.yml");
    expect(Object.keys(workflow.on.workflow_dispatch.inputs).sort()).toEqual(["correlation", "pr", "runner_labels", "sha", "targets", "timeout_minutes"]);
    for (const input of Object.values(workflow.on.workflow_dispatch.inputs)) expect(input.type).toBe("string");
  });

  it("names its run so the app recognises the completion, and uploads results.json under the correlation", () => {
    const correlation = "123456-0123456789abcdef";
    const displayTitle = workflow["run-name"].replace("${{ inputs.correlation }}", correlation);
    const completion = rerunWorkflowEventFrom(
      { action: "completed", workflow_run: { id: 1, display_title: displayTitle, conclusion: "success" }, repository: { name: "r", owner: { login: "o" }, clone_url: "https://github.example/o/r.git" }, installation: { id: 1 } },
      "workflow_run.completed",
    );
    expect(completion).toMatchObject({ checkRunId: 123456, correlation });
    const steps = Object.values(workflow.jobs)[0]!.steps;
    const upload = steps.find((step) => step.uses?.startsWith("actions/upload-artifact@"))!;
    expect(upload).toMatchObject({ if: "always()", with: { name: "loso-rerun-${{ inputs.correlation }}", path: "rerun-results/results.json" } });
    expect(steps.find((step) => step.with?.mode === "rerun")?.with).toEqual({ mode: "rerun", targets: "${{ inputs.targets }}", "timeout-minutes": "${{ inputs.timeout_minutes }}" });
  });

  it("runs with read-only contents, on the configured labels, at the pinned commit without stored credentials", () => {
    expect(workflow.permissions).toEqual({ contents: "read" });
    const job = Object.values(workflow.jobs)[0]!;
    expect(job["runs-on"]).toBe("${{ fromJSON(inputs.runner_labels) }}");
    expect(job.steps[0]).toMatchObject({ uses: expect.stringMatching(/^actions\/checkout@/), with: { ref: "${{ inputs.sha }}", "persist-credentials": false } });
  });
});
