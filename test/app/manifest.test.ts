// app.yml must ask for every event the app handles and the permissions its API calls need:
// GitHub sends an installation no event its app did not subscribe to, and refuses calls the
// installation was not granted.
import { describe, expect, it } from "@jest/globals";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { PROJECT_ROOT } from "../helpers/corpus.js";

const manifest = parse(readFileSync(join(PROJECT_ROOT, "app.yml"), "utf8")) as { default_events: string[]; default_permissions: Record<string, string> };
const source = readFileSync(join(PROJECT_ROOT, "src/app/index.ts"), "utf8");

describe("app.yml", () => {
  it("subscribes to every event the app registers a handler for", () => {
    // `app.on("issue_comment.created", …)`, `app.on(["check_suite.requested", …])` and
    // `pull_request.${action}` in the handlers' event names.
    const handled = new Set([...source.matchAll(/["`]([a-z_]+)\.(?:[a-z_]+|\$\{action\})["`]/g)].map((m) => m[1]!));
    expect(handled.size).toBeGreaterThan(0);
    expect([...handled].sort()).toEqual([...manifest.default_events].sort());
  });

  it("grants what the /rerun-loso calls need, and no more than write anywhere", () => {
    expect(manifest.default_permissions).toMatchObject({ actions: "write", checks: "write", issues: "write", pull_requests: "write", contents: "read", metadata: "read" });
    expect(Object.values(manifest.default_permissions).every((level) => level === "read" || level === "write")).toBe(true);
  });
});
