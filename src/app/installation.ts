// Installation tokens and the app's identity, obtained through the app's own (JWT) client.
//
// `context.octokit.auth({ type: "installation" })` is not used: with GHE_HOST set, probot 14.3.2
// asks api.github.com for that token. The app client from `app.auth()` honours the configured host.
// Tokens are kept in memory until shortly before they expire; losing them costs one request.
import type { Probot } from "probot";
import type { AppIdentity } from "../adapters/github.js";
import { GitHubAPIError } from "../adapters/github.js";

/** Refresh a token this long before GitHub says it expires. */
const EXPIRY_MARGIN_MS = 5 * 60 * 1000;

export interface InstallationAccess {
  token: string;
  /** REST base URL the app is configured for (api.github.com or `<GHE_HOST>/api/v3`). */
  baseUrl: string;
  /** True when this call asked GitHub for the token (one REST request). */
  fresh: boolean;
}

export class InstallationAuth {
  private readonly tokens = new Map<number, { token: string; expiresAt: number }>();
  private identity?: Promise<AppIdentity>;

  constructor(
    private readonly probot: Probot,
    private readonly now: () => number = Date.now,
  ) {}

  async access(installationId: number): Promise<InstallationAccess> {
    const appOctokit = await this.probot.auth();
    const baseUrl = String(appOctokit.request.endpoint.DEFAULTS.baseUrl);
    const cached = this.tokens.get(installationId);
    if (cached && cached.expiresAt - EXPIRY_MARGIN_MS > this.now()) return { token: cached.token, baseUrl, fresh: false };
    try {
      const { data } = await appOctokit.rest.apps.createInstallationAccessToken({ installation_id: installationId });
      this.tokens.set(installationId, { token: data.token, expiresAt: Date.parse(data.expires_at) || this.now() });
      return { token: data.token, baseUrl, fresh: true };
    } catch (error) {
      const status = (error as { status?: number }).status ?? 0;
      throw new GitHubAPIError((error as Error).message, status, "POST /app/installations/{installation_id}/access_tokens", error);
    }
  }

  /** The app's id and slug (one request per process), to recognise its own comments. */
  appIdentity(): Promise<AppIdentity> {
    this.identity ??= this.probot.auth().then(async (appOctokit) => {
      const { data } = await appOctokit.rest.apps.getAuthenticated();
      if (!data) throw new Error("GET /app returned no app");
      return { id: data.id, slug: data.slug ?? "" };
    });
    this.identity.catch(() => (this.identity = undefined));
    return this.identity;
  }

  /** Forget a token GitHub rejected (revoked, or the installation was suspended). */
  forget(installationId: number): void {
    this.tokens.delete(installationId);
  }
}
