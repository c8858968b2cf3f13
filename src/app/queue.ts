// Work for one pull request runs one job at a time, in arrival order, outside the webhook delivery
// (probot holds a delivery open until its handlers finish). A job for a head SHA that is already
// waiting, or already running, is coalesced into it: redelivered webhooks and the check_suite
// event that accompanies every push cost nothing. Losing this queue loses nothing durable: a
// redelivery or a re-run from the Checks tab rebuilds the verdict.

export interface EnqueueOptions {
  /** Serialisation lane, e.g. `owner/repo#12`. */
  lane: string;
  /** Jobs with the same key in the same lane are one job (the head SHA). */
  coalesceKey: string;
  /**
   * Whether a job already running may absorb this one. An explicit re-run asks for a fresh
   * evaluation, so it only merges with a job that has not started yet.
   */
  coalesceWithRunning: boolean;
}

export interface Enqueued {
  coalesced: boolean;
  /** Settles when the job (or the one it merged into) has finished; never rejects. */
  done: Promise<void>;
}

interface Lane {
  tail: Promise<void>;
  waiting: Map<string, Promise<void>>;
  running?: { key: string; done: Promise<void> };
  size: number;
}

export class PullRequestQueue {
  private readonly lanes = new Map<string, Lane>();

  enqueue(options: EnqueueOptions, job: () => Promise<void>): Enqueued {
    const lane: Lane = this.lanes.get(options.lane) ?? { tail: Promise.resolve(), waiting: new Map(), size: 0 };
    this.lanes.set(options.lane, lane);
    const waiting = lane.waiting.get(options.coalesceKey);
    if (waiting) return { coalesced: true, done: waiting };
    if (options.coalesceWithRunning && lane.running?.key === options.coalesceKey) return { coalesced: true, done: lane.running.done };

    lane.size++;
    const done: Promise<void> = lane.tail.then(async () => {
      lane.waiting.delete(options.coalesceKey);
      lane.running = { key: options.coalesceKey, done };
      try {
        await job();
      } catch {
        // The job reports its own failures; a failed job must not block the lane.
      } finally {
        lane.running = undefined;
        if (--lane.size === 0) this.lanes.delete(options.lane);
      }
    });
    lane.waiting.set(options.coalesceKey, done);
    lane.tail = done;
    return { coalesced: false, done };
  }

  /** Jobs queued or running, over every lane. */
  get pending(): number {
    let total = 0;
    for (const lane of this.lanes.values()) total += lane.size;
    return total;
  }

  /** Settles when every job queued so far has finished. */
  async idle(): Promise<void> {
    await Promise.all([...this.lanes.values()].map((lane) => lane.tail));
  }
}
