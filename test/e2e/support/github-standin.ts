// A local stand-in for the part of the GitHub REST API the app uses, served under /api/v3 the way
// GitHub Enterprise Server does (probot builds `${GHE_PROTOCOL}://${GHE_HOST}/api/v3`). It checks
// the app's JWT (RS256, issuer = app id) and installation tokens, stores check runs, comments and
// labels, logs every request, and can inject faults such as a secondary rate limit.
import { createPublicKey, randomBytes, verify, type KeyObject } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  at: number;
}

export interface StoredCheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  output: { title?: string; summary?: string; text?: string };
  external_id?: string;
  annotations: Array<Record<string, unknown>>;
  updates: number;
  completedAt?: number;
}

export interface StoredComment {
  id: number;
  issue: number;
  body: string;
  user: { login: string; type: string };
  performed_via_github_app: { id: number } | null;
}

export interface StoredArtifact {
  id: number;
  name: string;
  zip: Buffer;
  expired: boolean;
}

interface Fault {
  method: string;
  path: RegExp;
  status: number;
  headers: Record<string, string>;
  body: unknown;
  remaining: number;
}

type Json = Record<string, unknown>;

export class GitHubStandIn {
  readonly requests: LoggedRequest[] = [];
  readonly checkRuns: StoredCheckRun[] = [];
  readonly comments: StoredComment[] = [];
  readonly labels = new Map<string, Set<string>>();
  /** Issue events (`labeled` / `unlabeled`) per `owner/repo#number`, as GitHub lists them. */
  readonly issueEvents = new Map<string, Json[]>();
  readonly pulls = new Map<string, Json>();
  /** Tokens this stand-in issued; the git server accepts the same ones. */
  readonly issuedTokens = new Set<string>();
  /** Collaborator roles by login (`admin`, `maintain`, `write`, `triage`, `read`); others read. */
  readonly roles = new Map<string, string>();
  /** An organisation's custom repository roles: role name -> the base role it was built on. */
  readonly customRoles = new Map<string, string>();
  readonly reactions: Array<{ commentId: number; content: string }> = [];
  /** Workflow files that exist on the default branch; dispatching any other one is a 404. */
  readonly workflows = new Set<string>();
  readonly dispatches: Array<{ workflow: string; ref: string; inputs: Record<string, string> }> = [];
  /** Artifacts by workflow run id. Downloads redirect to a second server, as GitHub's go to blob storage. */
  readonly artifacts = new Map<number, StoredArtifact[]>();
  /** Requests to the blob server, and whether each carried an Authorization header. */
  readonly blobRequests: Array<{ path: string; authorization: boolean }> = [];
  private blobServer?: Server;
  private blobPort = 0;
  private readonly faults: Fault[] = [];
  private readonly publicKey: KeyObject;
  private server?: Server;
  private nextId = 1000;

  constructor(
    readonly appId: number,
    readonly appSlug: string,
    publicKeyPem: string,
  ) {
    this.publicKey = createPublicKey(publicKeyPem);
  }

  async start(): Promise<number> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    // Another origin, like the blob storage artifact downloads redirect to. It refuses requests
    // that carry an Authorization header, as a pre-signed storage URL does.
    this.blobServer = createServer((req, res) => this.serveBlob(req, res));
    await new Promise<void>((resolve) => this.blobServer!.listen(0, "127.0.0.1", resolve));
    this.blobPort = (this.blobServer.address() as AddressInfo).port;
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const server of [this.server, this.blobServer]) {
      if (!server) continue;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  /** Upload an artifact to a workflow run, as actions/upload-artifact does. */
  addArtifact(runId: number, name: string, zip: Buffer, expired = false): StoredArtifact {
    const artifact = { id: this.nextId++, name, zip, expired };
    this.artifacts.set(runId, [...(this.artifacts.get(runId) ?? []), artifact]);
    return artifact;
  }

  private serveBlob(req: IncomingMessage, res: ServerResponse): void {
    const authorization = req.headers.authorization !== undefined;
    this.blobRequests.push({ path: req.url ?? "", authorization });
    const id = Number(/^\/blob\/(\d+)\?sig=/.exec(req.url ?? "")?.[1]);
    const artifact = [...this.artifacts.values()].flat().find((a) => a.id === id);
    if (authorization) {
      res.writeHead(400, { "content-type": "application/xml" });
      res.end("<Error><Code>InvalidAuthenticationInfo</Code></Error>");
      return;
    }
    if (!artifact) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { "content-type": "application/zip", "content-length": String(artifact.zip.length) });
    res.end(artifact.zip);
  }

  /** Fail the next `times` requests matching method and path with the given response. */
  injectFault(fault: { method: string; path: RegExp; status: number; headers?: Record<string, string>; body?: unknown; times?: number }): void {
    this.faults.push({ headers: {}, body: { message: "fault" }, remaining: 1, ...fault, ...(fault.times ? { remaining: fault.times } : {}) });
  }

  setPullRequest(owner: string, repo: string, pull: Json): void {
    this.pulls.set(`${owner}/${repo}#${pull.number}`, pull);
  }

  /** A comment by someone else, e.g. a user who pasted the app's hidden marker. */
  addForeignComment(issue: number, body: string, login = "someone"): StoredComment {
    const comment: StoredComment = { id: this.nextId++, issue, body, user: { login, type: "User" }, performed_via_github_app: null };
    this.comments.push(comment);
    return comment;
  }

  requestsSince(index: number): LoggedRequest[] {
    return this.requests.slice(index);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = req.method ?? "GET";
    const body = await readJson(req);
    const send = (status: number, data: unknown, headers: Record<string, string> = {}): void => {
      this.requests.push({ method, path: url.pathname, status, at: Date.now() });
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(data === undefined ? "" : JSON.stringify(data));
    };

    const fault = this.faults.find((f) => f.remaining > 0 && f.method === method && f.path.test(url.pathname));
    if (fault) {
      fault.remaining--;
      send(fault.status, fault.body, fault.headers);
      return;
    }

    const path = url.pathname.replace(/^\/api\/v3/, "");
    if (!url.pathname.startsWith("/api/v3/")) return send(404, { message: "Not Found (expected /api/v3)" });

    const auth = req.headers.authorization ?? "";
    if (path.startsWith("/app")) {
      if (!this.validJwt(auth)) return send(401, { message: "A JSON web token could not be decoded" });
      return this.appRoutes(method, path, send);
    }
    const token = /^(?:token|bearer) (.+)$/i.exec(auth)?.[1];
    if (!token || !this.issuedTokens.has(token)) return send(401, { message: "Bad credentials" });
    return this.repositoryRoutes(method, path, url, body, send);
  }

  private appRoutes(method: string, path: string, send: (status: number, data: unknown) => void): void {
    if (method === "GET" && path === "/app") return send(200, { id: this.appId, slug: this.appSlug, name: this.appSlug });
    const token = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path);
    if (method === "POST" && token) {
      const value = `ghs_${randomBytes(18).toString("hex")}`;
      this.issuedTokens.add(value);
      return send(201, { token: value, expires_at: new Date(Date.now() + 3600_000).toISOString(), permissions: {} });
    }
    send(404, { message: "Not Found" });
  }

  private repositoryRoutes(method: string, path: string, url: URL, body: Json, send: (status: number, data: unknown, headers?: Record<string, string>) => void): void {
    let m: RegExpExecArray | null;
    if (method === "GET" && (m = /^\/repos\/([^/]+)\/([^/]+)\/pulls$/.exec(path))) {
      // Open pull requests, paginated as GitHub does (Link: rel="next").
      const state = url.searchParams.get("state") ?? "open";
      const prefix = `${m[1]}/${m[2]}#`;
      const all = [...this.pulls].filter(([key, pull]) => key.startsWith(prefix) && (state === "all" || (pull as { state?: string }).state === state)).map(([, pull]) => pull);
      const perPage = Number(url.searchParams.get("per_page") ?? 30);
      const page = Number(url.searchParams.get("page") ?? 1);
      const headers: Record<string, string> = {};
      if (page * perPage < all.length) headers.link = `<${url.origin}${url.pathname}?state=${state}&per_page=${perPage}&page=${page + 1}>; rel="next"`;
      return send(200, all.slice((page - 1) * perPage, page * perPage), headers);
    }
    if (method === "GET" && (m = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)$/.exec(path))) {
      const pull = this.pulls.get(`${m[1]}/${m[2]}#${m[3]}`);
      return pull ? send(200, pull) : send(404, { message: "Not Found" });
    }
    if (method === "POST" && /^\/repos\/[^/]+\/[^/]+\/check-runs$/.test(path)) {
      const run: StoredCheckRun = {
        id: this.nextId++,
        name: String(body.name),
        head_sha: String(body.head_sha),
        status: String(body.status ?? "queued"),
        conclusion: null,
        output: {},
        ...(typeof body.external_id === "string" ? { external_id: body.external_id } : {}),
        annotations: [],
        updates: 0,
      };
      this.checkRuns.push(run);
      this.applyCheckRunUpdate(run, body);
      return send(201, { id: run.id, name: run.name, head_sha: run.head_sha, status: run.status });
    }
    if (method === "PATCH" && (m = /^\/repos\/[^/]+\/[^/]+\/check-runs\/(\d+)$/.exec(path))) {
      const run = this.checkRuns.find((r) => r.id === Number(m![1]));
      if (!run) return send(404, { message: "Not Found" });
      run.updates++;
      this.applyCheckRunUpdate(run, body);
      return send(200, { id: run.id, status: run.status, conclusion: run.conclusion });
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(path))) {
      const issue = Number(m[1]);
      if (method === "GET") {
        const perPage = Number(url.searchParams.get("per_page") ?? 30);
        const page = Number(url.searchParams.get("page") ?? 1);
        const all = this.comments.filter((c) => c.issue === issue);
        const headers: Record<string, string> = {};
        if (page * perPage < all.length) headers.link = `<${url.origin}${url.pathname}?per_page=${perPage}&page=${page + 1}>; rel="next"`;
        return send(200, all.slice((page - 1) * perPage, page * perPage), headers);
      }
      if (method === "POST") {
        const comment: StoredComment = { id: this.nextId++, issue, body: String(body.body), user: { login: `${this.appSlug}[bot]`, type: "Bot" }, performed_via_github_app: { id: this.appId } };
        this.comments.push(comment);
        return send(201, comment);
      }
    }
    if (method === "PATCH" && (m = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(path))) {
      const comment = this.comments.find((c) => c.id === Number(m![1]));
      if (!comment) return send(404, { message: "Not Found" });
      if (comment.user.type !== "Bot") return send(403, { message: "Resource not accessible by integration" });
      comment.body = String(body.body);
      return send(200, comment);
    }
    if (method === "GET" && (m = /^\/repos\/[^/]+\/[^/]+\/collaborators\/([^/]+)\/permission$/.exec(path))) {
      const role = this.roles.get(decodeURIComponent(m[1]!)) ?? "read";
      // `permission` is the older field: it reports maintain as write, triage as read, and a
      // custom role as the base role it was built on.
      const permission = role === "maintain" ? "write" : role === "triage" ? "read" : (this.customRoles.get(role) ?? role);
      return send(200, { permission, role_name: role, user: { login: decodeURIComponent(m[1]!) } });
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)\/reactions$/.exec(path))) {
      const commentId = Number(m[1]);
      const user = { login: `${this.appSlug}[bot]`, type: "Bot" };
      if (method === "POST") {
        this.reactions.push({ commentId, content: String(body.content) });
        return send(201, { id: this.nextId++, content: body.content, user });
      }
      if (method === "GET") return send(200, this.reactions.filter((r) => r.commentId === commentId).map((r, i) => ({ id: i + 1, content: r.content, user })));
    }
    if (method === "POST" && (m = /^\/repos\/[^/]+\/[^/]+\/actions\/workflows\/([^/]+)\/dispatches$/.exec(path))) {
      const workflow = decodeURIComponent(m[1]!);
      if (!this.workflows.has(workflow)) return send(404, { message: "Not Found" });
      this.dispatches.push({ workflow, ref: String(body.ref), inputs: (body.inputs as Record<string, string>) ?? {} });
      return send(204, undefined);
    }
    if (method === "GET" && (m = /^\/repos\/[^/]+\/[^/]+\/check-runs\/(\d+)$/.exec(path))) {
      const run = this.checkRuns.find((r) => r.id === Number(m![1]));
      if (!run) return send(404, { message: "Not Found" });
      return send(200, { id: run.id, name: run.name, head_sha: run.head_sha, status: run.status, conclusion: run.conclusion, external_id: run.external_id ?? null, html_url: `https://github.example/checks/${run.id}`, output: run.output });
    }
    if (method === "GET" && (m = /^\/repos\/[^/]+\/[^/]+\/actions\/runs\/(\d+)\/artifacts$/.exec(path))) {
      const name = url.searchParams.get("name");
      const artifacts = (this.artifacts.get(Number(m[1])) ?? []).filter((a) => name === null || a.name === name);
      return send(200, {
        total_count: artifacts.length,
        artifacts: artifacts.map((a) => ({ id: a.id, name: a.name, expired: a.expired, size_in_bytes: a.zip.length, archive_download_url: `${url.origin}/api/v3${path.replace(/\/runs\/\d+\/artifacts$/, `/artifacts/${a.id}/zip`)}` })),
      });
    }
    if (method === "GET" && (m = /^\/repos\/[^/]+\/[^/]+\/actions\/artifacts\/(\d+)\/zip$/.exec(path))) {
      const artifact = [...this.artifacts.values()].flat().find((a) => a.id === Number(m![1]));
      if (!artifact) return send(404, { message: "Not Found" });
      if (artifact.expired) return send(410, { message: "Artifact has expired" });
      return send(302, undefined, { location: `http://127.0.0.1:${this.blobPort}/blob/${artifact.id}?sig=${randomBytes(8).toString("hex")}` });
    }
    if (method === "GET" && (m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/events$/.exec(path))) {
      return send(200, this.issueEvents.get(`${m[1]}/${m[2]}#${m[3]}`) ?? []);
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/labels(?:\/(.+))?$/.exec(path))) {
      const key = `${m[1]}/${m[2]}#${m[3]}`;
      const labels = this.labels.get(key) ?? new Set<string>();
      this.labels.set(key, labels);
      const list = () => [...labels].map((name) => ({ name }));
      const bot = { login: `${this.appSlug}[bot]`, type: "Bot" };
      if (method === "GET" && !m[4]) return send(200, list());
      if (method === "POST" && !m[4]) {
        for (const name of (body.labels as string[]) ?? []) {
          if (!labels.has(name)) this.recordLabelEvent(key, "labeled", name, bot);
          labels.add(name);
        }
        return send(200, list());
      }
      if (method === "DELETE" && m[4]) {
        const name = decodeURIComponent(m[4]);
        if (!labels.delete(name)) return send(404, { message: "Label does not exist" });
        this.recordLabelEvent(key, "unlabeled", name, bot);
        return send(200, list());
      }
    }
    send(404, { message: `Not Found: ${method} ${path}` });
  }

  /** A person labels the pull request in the web UI: the label and its `labeled` event. */
  labelAsPerson(owner: string, repo: string, number: number, name: string, login: string): void {
    this.addLabelWithEvent(`${owner}/${repo}#${number}`, name, { login, type: "User" });
  }

  /** The app labelled the pull request earlier (for an older head), as its own request would have. */
  labelAsApp(owner: string, repo: string, number: number, name: string): void {
    this.addLabelWithEvent(`${owner}/${repo}#${number}`, name, { login: `${this.appSlug}[bot]`, type: "Bot" });
  }

  private addLabelWithEvent(key: string, name: string, actor: { login: string; type: string }): void {
    const labels = this.labels.get(key) ?? new Set<string>();
    this.labels.set(key, labels);
    labels.add(name);
    this.recordLabelEvent(key, "labeled", name, actor);
  }

  private recordLabelEvent(key: string, event: "labeled" | "unlabeled", name: string, actor: { login: string; type: string }): void {
    const events = this.issueEvents.get(key) ?? [];
    this.issueEvents.set(key, events);
    const byApp = actor.type === "Bot" ? { performed_via_github_app: { id: this.appId, slug: this.appSlug } } : { performed_via_github_app: null };
    events.push({ id: this.nextId++, event, actor, label: { name, color: "ededed" }, ...byApp, created_at: new Date().toISOString() });
  }

  private applyCheckRunUpdate(run: StoredCheckRun, body: Json): void {
    if (body.status) run.status = String(body.status);
    if (body.conclusion && !CHECK_CONCLUSIONS.has(String(body.conclusion))) throw new Error(`not a check-run conclusion: ${String(body.conclusion)}`);
    if (body.conclusion) run.conclusion = String(body.conclusion);
    if (typeof body.external_id === "string") run.external_id = body.external_id;
    const output = body.output as Json | undefined;
    if (output) {
      const annotations = (output.annotations as Array<Record<string, unknown>> | undefined) ?? [];
      if (annotations.length > 50) throw new Error("more than 50 annotations in one request");
      annotations.forEach(checkAnnotation);
      run.annotations.push(...annotations);
      run.output = { title: output.title as string, summary: output.summary as string, text: output.text as string };
    }
    if (run.status === "completed" && run.completedAt === undefined) run.completedAt = Date.now();
  }

  /** RS256 JWT whose issuer is this app, as @octokit/auth-app signs it. */
  private validJwt(authorization: string): boolean {
    const jwt = /^bearer (.+)$/i.exec(authorization)?.[1];
    if (!jwt) return false;
    const [header, payload, signature] = jwt.split(".");
    if (!header || !payload || !signature) return false;
    const ok = verify("RSA-SHA256", Buffer.from(`${header}.${payload}`), this.publicKey, Buffer.from(signature, "base64url"));
    if (!ok) return false;
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { iss?: unknown; exp?: number };
    return String(claims.iss) === String(this.appId) && (claims.exp ?? 0) * 1000 > Date.now();
  }
}

async function readJson(req: IncomingMessage): Promise<Json> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return {};
  try {
    return JSON.parse(text) as Json;
  } catch {
    return {};
  }
}

/** The conclusions the checks API accepts. */
const CHECK_CONCLUSIONS = new Set(["action_required", "cancelled", "failure", "neutral", "success", "skipped", "stale", "timed_out"]);

/** What the checks API requires of an annotation; it refuses the request otherwise. */
function checkAnnotation(annotation: Record<string, unknown>): void {
  const problem =
    typeof annotation.path !== "string" || annotation.path === ""
      ? "path"
      : !Number.isInteger(annotation.start_line) || !Number.isInteger(annotation.end_line)
        ? "start_line and end_line"
        : !["notice", "warning", "failure"].includes(String(annotation.annotation_level))
          ? "annotation_level"
          : typeof annotation.message !== "string" || annotation.message === ""
            ? "message"
            : annotation.start_column !== undefined && annotation.start_line !== annotation.end_line
              ? "columns on a multi-line annotation"
              : null;
  if (problem) throw new Error(`invalid annotation (${problem}): ${JSON.stringify(annotation)}`);
}
