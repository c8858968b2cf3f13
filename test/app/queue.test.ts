import { describe, expect, it } from "@jest/globals";
import { PullRequestQueue } from "../../src/app/queue.js";

/** A job that finishes when the test says so, recording when it ran. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe("PullRequestQueue", () => {
  it("runs one job at a time per pull request, in arrival order", async () => {
    const queue = new PullRequestQueue();
    const order: string[] = [];
    const first = gate();
    queue.enqueue({ lane: "a#1", coalesceKey: "sha1", coalesceWithRunning: true }, async () => {
      order.push("first:start");
      await first.opened;
      order.push("first:end");
    });
    queue.enqueue({ lane: "a#1", coalesceKey: "sha2", coalesceWithRunning: true }, async () => {
      order.push("second");
    });
    queue.enqueue({ lane: "a#2", coalesceKey: "sha1", coalesceWithRunning: true }, async () => {
      order.push("other-pr");
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(["first:start", "other-pr"]);
    first.open();
    await queue.idle();
    expect(order).toEqual(["first:start", "other-pr", "first:end", "second"]);
    expect(queue.pending).toBe(0);
  });

  it("coalesces a waiting or running job for the same head, except re-runs into a running one", async () => {
    const queue = new PullRequestQueue();
    let runs = 0;
    const running = gate();
    const job = async () => {
      runs++;
      await running.opened;
    };
    expect(queue.enqueue({ lane: "a#1", coalesceKey: "sha", coalesceWithRunning: true }, job).coalesced).toBe(false);
    await new Promise((resolve) => setImmediate(resolve));
    expect(queue.enqueue({ lane: "a#1", coalesceKey: "sha", coalesceWithRunning: true }, job).coalesced).toBe(true);
    expect(queue.enqueue({ lane: "a#1", coalesceKey: "sha", coalesceWithRunning: false }, job).coalesced).toBe(false);
    expect(queue.enqueue({ lane: "a#1", coalesceKey: "sha", coalesceWithRunning: false }, job).coalesced).toBe(true);
    running.open();
    await queue.idle();
    expect(runs).toBe(2);
  });

  it("keeps the lane moving after a job fails", async () => {
    const queue = new PullRequestQueue();
    const ran: string[] = [];
    queue.enqueue({ lane: "a#1", coalesceKey: "x", coalesceWithRunning: true }, async () => {
      throw new Error("boom");
    });
    const { done } = queue.enqueue({ lane: "a#1", coalesceKey: "y", coalesceWithRunning: true }, async () => {
      ran.push("y");
    });
    await done;
    expect(ran).toEqual(["y"]);
  });
});
