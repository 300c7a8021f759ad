/**
 * A real OpenID Provider (`oidc-provider`) on 127.0.0.1 for tests: clients
 * are registered at run time (their redirect URI names an app created by
 * the test), and its interaction page signs in whichever account the test
 * chose — or denies consent — without a browser. `followRedirects` plays the
 * browser between the authorize redirect and the callback. Used by the
 * vitest suites and by e2e/oauth.spec.ts (where a real browser drives it).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { generateKeyPairSync } from "node:crypto";

export interface LoopbackAccount {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface LoopbackClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
}

export interface LoopbackProvider {
  /** The issuer (and discovery) URL, `http://127.0.0.1:<port>`. */
  issuer: string;
  registerClient(client: LoopbackClient): Promise<void>;
  /** The account the next sign-in completes as. */
  setAccount(account: LoopbackAccount): void;
  /** `deny`: the next interaction ends with `error=access_denied` (the user refused consent). */
  setDecision(decision: "allow" | "deny"): void;
  /** Authorization requests the provider received (their query parameters). */
  authorizationRequests: URLSearchParams[];
  close(): Promise<void>;
}

interface InteractionDetails {
  uid: string;
  prompt: { name: string };
  params: Record<string, string | undefined>;
  session?: { accountId?: string };
  grantId?: string;
}

interface GrantLike {
  addOIDCScope(scope: string): void;
  save(): Promise<string>;
}

/** The slice of oidc-provider's Provider this helper uses (the package ships no types). */
interface ProviderLike {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
  interactionFinished(req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>, opts?: { mergeWithLastSubmission?: boolean }): Promise<void>;
  Grant: new (init: { accountId: string; clientId: string }) => GrantLike;
  Client: { adapter: { upsert(id: string, payload: Record<string, unknown>, expiresIn?: number): Promise<void> } };
}

type ProviderCtor = new (issuer: string, config: Record<string, unknown>) => ProviderLike;

/** Start a loopback OpenID Provider on a free port. */
export async function startOidcProvider(): Promise<LoopbackProvider> {
  const specifier = "oidc-provider";
  const { default: Provider } = (await import(/* @vite-ignore */ specifier)) as { default: ProviderCtor };
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;

  const accounts = new Map<string, LoopbackAccount>();
  let current: LoopbackAccount = { sub: "loopback-user", email: "loopback@example.com", email_verified: true, name: "Loopback User" };
  accounts.set(current.sub, current);
  let decision: "allow" | "deny" = "allow";
  const authorizationRequests: URLSearchParams[] = [];

  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: "jwk" }), kid: "loopback", use: "sig", alg: "RS256" };

  const provider = new Provider(issuer, {
    clients: [],
    jwks: { keys: [jwk] },
    cookies: { keys: ["loopback-cookie-key-0123456789abcdef"] },
    scopes: ["openid", "email", "profile"],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx: unknown, id: string) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          return { ...account };
        },
      };
    },
    renderError(ctx: { type: string; body: string }, out: Record<string, string>) {
      ctx.type = "application/json";
      ctx.body = JSON.stringify(out);
    },
  });
  const handler = provider.callback();

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", issuer);
    if (url.pathname === "/auth" || url.pathname === "/authorize") authorizationRequests.push(new URLSearchParams(url.search));
    if (!url.pathname.startsWith("/interaction/")) {
      handler(req, res);
      return;
    }
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      if (decision === "deny") {
        await provider.interactionFinished(
          req,
          res,
          { error: "access_denied", error_description: "End-User aborted interaction" },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      const accountId = details.session?.accountId ?? current.sub;
      const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope ?? "openid"));
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });

  return {
    issuer,
    authorizationRequests,
    async registerClient(client) {
      await provider.Client.adapter.upsert(client.client_id, {
        ...client,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      });
    },
    setAccount(account) {
      current = account;
      accounts.set(account.sub, account);
    },
    setDecision(value) {
      decision = value;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/**
 * Play the browser from `start` until a redirect reaches a URL starting with
 * `stopAt` (returned, not fetched). Cookies are kept per host, as a browser
 * would; each sign-in should use a fresh jar (`new Map()`).
 */
export async function followRedirects(start: string, stopAt: string, jar: Map<string, string> = new Map()): Promise<string> {
  let url = start;
  for (let i = 0; i < 20; i++) {
    if (url.startsWith(stopAt)) return url;
    const host = new URL(url).host;
    const cookie = [...jar.entries()].filter(([k]) => k.startsWith(`${host} `)).map(([k, v]) => `${k.slice(host.length + 1)}=${v}`);
    const res = await fetch(url, { redirect: "manual", headers: cookie.length ? { cookie: cookie.join("; ") } : {} });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq > 0) jar.set(`${host} ${pair.slice(0, eq).trim()}`, pair.slice(eq + 1).trim());
    }
    const location = res.headers.get("location");
    if (!location) throw new Error(`no redirect from ${url}: ${res.status} ${await res.text()}`);
    await res.body?.cancel();
    url = new URL(location, url).toString();
  }
  throw new Error("too many redirects");
}
