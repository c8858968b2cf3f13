// Starts everything an end-to-end test needs on loopback: the GitHub stand-in, the git server, and
// the REAL Probot server (probot's `run`, reading its environment exactly as `npm start` does)
// loaded with the app. Webhooks are POSTed over HTTP with a valid X-Hub-Signature-256.
import { createHmac, generateKeyPairSync, randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run, type Server } from "probot";
import { createApp, type JobReport } from "../../../src/app/index.js";
import { GitServer, type TestRepository } from "./git-server.js";
import { GitHubStandIn } from "./github-standin.js";

export const APP_ID = 4242;
export const APP_SLUG = "research-governance-e2e";
export const INSTALLATION_ID = 777;
export const OWNER = "lab";
const WEBHOOK_SECRET = "e2e-webhook-secret";

export interface Harness {
  github: GitHubStandIn;
  git: GitServer;
  appPort: number;
  reports: JobReport[];
  /** Empty the app's clone cache, as a restart on a fresh disk or another replica would see it. */
  forgetClones(): void;
  /** POST a signed webhook; resolves when the app has answered. */
  deliver(event: string, payload: object, deliveryId?: string): Promise<{ status: number; ms: number }>;
  /** Resolve once `count` jobs in total have settled; reject after `timeoutMs`. */
  waitForJobs(count: number, timeoutMs?: number): Promise<JobReport[]>;
  stop(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  const github = new GitHubStandIn(APP_ID, APP_SLUG, publicKey);
  const apiPort = await github.start();
  const git = new GitServer((token) => github.issuedTokens.has(token));
  await git.start();

  const reports: JobReport[] = [];
  const waiters: Array<() => void> = [];
  const cacheDir = mkdtempSync(join(tmpdir(), "rgov-clone-cache-"));
  const appFn = createApp({
    cacheDir,
    // Honour retry-after as GitHub would ask, capped so a test never waits long.
    retry: { maxAttempts: 3, maxWaitSeconds: 2, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
    onJobSettled: (report) => {
      reports.push(report);
      for (const wake of waiters.splice(0)) wake();
    },
  });

  const appPort = await freePort();
  const server: Server = await run(appFn, {
    env: {
      APP_ID: String(APP_ID),
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET,
      GHE_HOST: `127.0.0.1:${apiPort}`,
      GHE_PROTOCOL: "http",
      HOST: "127.0.0.1",
      PORT: String(appPort),
      LOG_LEVEL: "error",
      LOG_FORMAT: "json",
    },
  });

  return {
    github,
    git,
    appPort,
    reports,
    forgetClones() {
      for (const entry of readdirSync(cacheDir)) rmSync(join(cacheDir, entry), { recursive: true, force: true });
    },
    async deliver(event, payload, deliveryId = randomUUID()) {
      const body = JSON.stringify(payload);
      const signature = `sha256=${createHmac("sha256", WEBHOOK_SECRET).update(body).digest("hex")}`;
      const started = performance.now();
      const response = await fetch(`http://127.0.0.1:${appPort}/api/github/webhooks`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-github-event": event, "x-github-delivery": deliveryId, "x-hub-signature-256": signature },
        body,
      });
      await response.arrayBuffer();
      return { status: response.status, ms: performance.now() - started };
    },
    async waitForJobs(count, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (reports.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`timed out waiting for ${count} jobs; ${reports.length} settled`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return reports.slice(0, count);
    },
    async stop() {
      await server.stop();
      await github.stop();
      await git.stop();
      rmSync(cacheDir, { recursive: true, force: true });
    },
  };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export interface PullRequestOptions {
  repo: TestRepository;
  cloneUrl: string;
  number: number;
  headSha: string;
  baseSha: string;
  draft?: boolean;
  state?: "open" | "closed";
  labels?: string[];
  fromFork?: boolean;
}

/** The pull request object as GitHub sends it (the fields the app reads, and a few more). */
export function pullRequestObject(options: PullRequestOptions) {
  const repository = repositoryObject(options.repo, options.cloneUrl);
  return {
    number: options.number,
    state: options.state ?? "open",
    draft: options.draft ?? false,
    title: "$(touch /tmp/pwned) `rm -rf` ; echo injected",
    body: "Untrusted text that must never reach a shell: $(id)",
    labels: (options.labels ?? []).map((name) => ({ name })),
    head: {
      sha: options.headSha,
      ref: options.fromFork ? "patch-1" : `pr-${options.number}`,
      repo: options.fromFork ? { ...repository, id: 999, full_name: `contributor/${options.repo.name}` } : repository,
    },
    base: { sha: options.baseSha, ref: "main", repo: repository },
  };
}

export function repositoryObject(repo: TestRepository, cloneUrl: string) {
  return {
    id: 1,
    name: repo.name,
    full_name: `${OWNER}/${repo.name}`,
    owner: { login: OWNER },
    clone_url: cloneUrl,
    html_url: `https://github.example/${OWNER}/${repo.name}`,
  };
}

export function pullRequestEvent(action: string, options: PullRequestOptions) {
  return {
    action,
    number: options.number,
    pull_request: pullRequestObject(options),
    repository: repositoryObject(options.repo, options.cloneUrl),
    installation: { id: INSTALLATION_ID },
    sender: { login: "author" },
  };
}
