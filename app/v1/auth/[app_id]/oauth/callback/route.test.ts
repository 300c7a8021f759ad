import { and, eq } from "drizzle-orm";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { appUsers, events, oauthStates, userIdentities } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import { randomBase62 } from "@/lib/ids";
import { call, type CallResult, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { followRedirects, type LoopbackProvider, startOidcProvider } from "@/test/oidc-provider";
import { POST as UPSERT } from "../../../../apps/[app_id]/auth_providers/route";
import { authenticate, setApp } from "../../magic_links/test-fixtures";
import { GET as AUTHORIZE } from "../authorize/route";
import { GET, POST } from "./route";

const BASE = "http://localhost:3999";
let op: LoopbackProvider;
let t: Tenant;
let app: AppRow;

async function addProvider(tenant: Tenant, target: AppRow, slug = "loopback"): Promise<void> {
  const clientId = `client-${randomBase62(8)}`;
  const clientSecret = `secret-${randomBase62(24)}`;
  await op.registerClient({
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: [`${BASE}/v1/auth/${target.publicId}/oauth/callback`],
  });
  const res = await call(UPSERT, "POST", `/v1/apps/${target.publicId}/auth_providers`, {
    params: { app_id: target.publicId },
    secret: tenant.appKey,
    body: { auth_provider: { slug, client_id: clientId, client_secret: clientSecret, issuer: op.issuer } },
  });
  expectStatus(res, 200);
}

const newSub = () => `sub-${randomBase62(10)}`;
const newEmail = () => `o-${randomBase62(10).toLowerCase()}@example.com`;

/** authorize → (browser at the provider) → the callback URL the provider redirects to, and the binding cookie. */
async function toCallback(target: AppRow, query: Record<string, string> = { provider: "loopback" }) {
  const res = await call(AUTHORIZE, "GET", `/v1/auth/${target.publicId}/oauth/authorize`, { params: { app_id: target.publicId }, query });
  expectStatus(res, 302);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const location = res.headers.get("location") ?? "";
  const callbackUrl = await followRedirects(location, `${BASE}/`);
  return { callbackUrl, cookie, location };
}

function callback(target: AppRow, url: string, cookie?: string, headers: Record<string, string> = {}): Promise<CallResult> {
  const u = new URL(url);
  return call(GET, "GET", `${u.pathname}${u.search}`, {
    params: { app_id: target.publicId },
    headers: { ...(cookie ? { cookie } : {}), ...headers },
  });
}

function landed(res: CallResult): URL {
  expectStatus(res, 302);
  return new URL(res.headers.get("location") ?? "");
}

beforeAll(async () => {
  op = await startOidcProvider();
  t = await createTenant();
  app = await setApp(t.app, { loginUrl: "https://app.test/login?from=oauth" });
  await addProvider(t, app);
});
afterAll(async () => {
  await op?.close();
});

describe("OAuth sign-in against a loopback OpenID provider", () => {
  it("signs in end to end: authorize → provider → callback → sct_oauth → PATCH /magic_links/authenticate", async () => {
    const email = newEmail();
    const sub = newSub();
    op.setAccount({ sub, email, email_verified: true, name: "Ada" });
    const { callbackUrl, cookie, location } = await toCallback(app);

    // The provider saw PKCE S256, a signed state, a nonce and our redirect URI.
    const sent = new URL(location).searchParams;
    expect(sent.get("code_challenge_method")).toBe("S256");
    expect(sent.get("code_challenge")).toBeTruthy();
    expect(sent.get("nonce")).toBeTruthy();
    expect(sent.get("redirect_uri")).toBe(`${BASE}/v1/auth/${app.publicId}/oauth/callback`);
    expect(sent.get("state")).toMatch(/^[0-9a-f-]{36}\.[\w-]+$/);
    expect(cookie).toMatch(/^tessera_oauth=/);

    const res = await callback(app, callbackUrl, cookie);
    const target = landed(res);
    expect(target.origin + target.pathname).toBe("https://app.test/login");
    expect(target.searchParams.get("from")).toBe("oauth");
    const token = target.searchParams.get("sct_oauth") ?? "";
    const claims = decodeJwt(token);
    expect(claims.kind).toBe("oauth");
    expect(claims.email).toBe(email);
    expect(typeof claims.uuid).toBe("string");
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(300);
    expect(res.headers.get("set-cookie")).toMatch(/tessera_oauth=;.*Max-Age=0/);

    const db = await getDb();
    const [user] = await db.select().from(appUsers).where(eq(appUsers.id, String(claims.uuid)));
    expect(user?.email).toBe(email);
    expect(user?.emailVerified).toBe(true);
    expect(user?.status).toBe("active");
    const identities = await db.select().from(userIdentities).where(eq(userIdentities.appUserId, String(claims.uuid)));
    expect(identities.map((i) => [i.provider, i.subject])).toEqual([["loopback", sub]]);

    const session = await authenticate(app, { token });
    expectStatus(session, 200);
    expect(typeof session.body.access).toBe("string");
    expect(session.body.user_id).toBe(claims.uuid);
    // Single use.
    expectError(await authenticate(app, { token }), 404, "magic_link_not_found");

    // The same provider account signs in as the same user next time (the identity link wins).
    op.setAccount({ sub, email, email_verified: true });
    const again = await toCallback(app);
    const second = decodeJwt(landed(await callback(app, again.callbackUrl, again.cookie)).searchParams.get("sct_oauth") ?? "");
    expect(second.uuid).toBe(claims.uuid);
  });

  it("links an existing user with the same verified email instead of creating one", async () => {
    const email = newEmail();
    const db = await getDb();
    // An existing user (any case) from another sign-in method.
    op.setAccount({ sub: newSub(), email: email.toUpperCase(), email_verified: true });
    const { callbackUrl: first, cookie } = await toCallback(app);
    const uuid = decodeJwt(landed(await callback(app, first, cookie)).searchParams.get("sct_oauth") ?? "").uuid;
    const sub2 = newSub();
    op.setAccount({ sub: sub2, email, email_verified: true });
    const next = await toCallback(app);
    const linked = decodeJwt(landed(await callback(app, next.callbackUrl, next.cookie)).searchParams.get("sct_oauth") ?? "");
    expect(linked.uuid).toBe(uuid);
    const rows = await db.select().from(appUsers).where(and(eq(appUsers.appId, app.id), eq(appUsers.id, String(uuid))));
    expect(rows).toHaveLength(1);
    const identities = await db.select().from(userIdentities).where(eq(userIdentities.appUserId, String(uuid)));
    expect(identities).toHaveLength(2);
  });

  it("refuses a tampered state without consuming anything", async () => {
    op.setAccount({ sub: newSub(), email: newEmail(), email_verified: true });
    const { callbackUrl, cookie } = await toCallback(app);
    const url = new URL(callbackUrl);
    const state = url.searchParams.get("state") ?? "";
    const [id = "", sig = ""] = state.split(".");
    const flipped = `${id}.${sig.slice(0, -2)}${sig.endsWith("AA") ? "BB" : "AA"}`;
    for (const bad of [flipped, `${crypto.randomUUID()}.${sig}`, "garbage", ""]) {
      url.searchParams.set("state", bad);
      const target = landed(await callback(app, url.toString(), cookie));
      expect(target.searchParams.get("sct_error")).toBe("oauth_failed");
      expect(target.searchParams.has("sct_oauth")).toBe(false);
    }
    // The genuine state still works once.
    const ok = landed(await callback(app, callbackUrl, cookie));
    expect(ok.searchParams.get("sct_oauth")).toBeTruthy();
  });

  it("refuses a replayed state (the row is consumed by one guarded UPDATE)", async () => {
    op.setAccount({ sub: newSub(), email: newEmail(), email_verified: true });
    const { callbackUrl, cookie } = await toCallback(app);
    const [a, b] = await Promise.all([callback(app, callbackUrl, cookie), callback(app, callbackUrl, cookie)]);
    const outcomes = [landed(a), landed(b)].map((u) => u.searchParams.get("sct_oauth") ? "ok" : u.searchParams.get("sct_error"));
    expect(outcomes.sort()).toEqual(["oauth_failed", "ok"]);
    const third = landed(await callback(app, callbackUrl, cookie));
    expect(third.searchParams.get("sct_error")).toBe("oauth_failed");
    const failures = await (await getDb())
      .select()
      .from(events)
      .where(and(eq(events.appId, app.id), eq(events.slug, "oauth.failed")));
    expect(failures.some((e) => (e.params as { reason?: string }).reason === "state_used_or_expired")).toBe(true);
  });

  it("refuses an expired state", async () => {
    op.setAccount({ sub: newSub(), email: newEmail(), email_verified: true });
    const { callbackUrl, cookie } = await toCallback(app);
    const id = (new URL(callbackUrl).searchParams.get("state") ?? "").split(".")[0] ?? "";
    await (await getDb()).update(oauthStates).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(oauthStates.id, id));
    expect(landed(await callback(app, callbackUrl, cookie)).searchParams.get("sct_error")).toBe("oauth_failed");
  });

  it("refuses a callback in a browser that did not start the flow (no or wrong binding cookie)", async () => {
    op.setAccount({ sub: newSub(), email: newEmail(), email_verified: true });
    const { callbackUrl } = await toCallback(app);
    const other = await toCallback(app);
    expect(landed(await callback(app, callbackUrl)).searchParams.get("sct_error")).toBe("oauth_failed");
    const { callbackUrl: url2, cookie: cookie2 } = await toCallback(app);
    expect(landed(await callback(app, url2, other.cookie)).searchParams.get("sct_error")).toBe("oauth_failed");
    expect(cookie2).not.toBe(other.cookie);
  });

  it("handles denied consent: back to the app with sct_error=oauth_access_denied, no user", async () => {
    const email = newEmail();
    op.setAccount({ sub: newSub(), email, email_verified: true });
    op.setDecision("deny");
    try {
      const { callbackUrl, cookie } = await toCallback(app);
      expect(new URL(callbackUrl).searchParams.get("error")).toBe("access_denied");
      const target = landed(await callback(app, callbackUrl, cookie));
      expect(target.origin + target.pathname).toBe("https://app.test/login");
      expect(target.searchParams.get("sct_error")).toBe("oauth_access_denied");
    } finally {
      op.setDecision("allow");
    }
    const users = await (await getDb()).select().from(appUsers).where(eq(appUsers.email, email));
    expect(users).toHaveLength(0);
  });

  it("refuses an unverified email and creates no user", async () => {
    const email = newEmail();
    op.setAccount({ sub: newSub(), email, email_verified: false });
    const { callbackUrl, cookie } = await toCallback(app);
    const target = landed(await callback(app, callbackUrl, cookie));
    expect(target.searchParams.get("sct_error")).toBe("oauth_email_unverified");
    const db = await getDb();
    expect(await db.select().from(appUsers).where(eq(appUsers.email, email))).toHaveLength(0);
    // Nor a provider account without any email.
    op.setAccount({ sub: newSub() });
    const none = await toCallback(app);
    expect(landed(await callback(app, none.callbackUrl, none.cookie)).searchParams.get("sct_error")).toBe("oauth_email_unverified");
  });

  it("refuses an inactive user, and respects public_signup=false", async () => {
    const email = newEmail();
    const sub = newSub();
    op.setAccount({ sub, email, email_verified: true });
    const first = await toCallback(app);
    const uuid = String(decodeJwt(landed(await callback(app, first.callbackUrl, first.cookie)).searchParams.get("sct_oauth") ?? "").uuid);
    const db = await getDb();
    await db.update(appUsers).set({ status: "inactive" }).where(eq(appUsers.id, uuid));
    const again = await toCallback(app);
    expect(landed(await callback(app, again.callbackUrl, again.cookie)).searchParams.get("sct_error")).toBe("user_inactive");

    const closedTenant = await createTenant();
    const closed = await setApp(closedTenant.app, { publicSignup: false });
    await addProvider(closedTenant, closed);
    const stranger = newEmail();
    op.setAccount({ sub: newSub(), email: stranger, email_verified: true });
    const flow = await toCallback(closed);
    const target = landed(await callback(closed, flow.callbackUrl, flow.cookie));
    expect(target.origin).toBe("https://app.test");
    expect(target.searchParams.get("sct_error")).toBe("public_signup_disabled");
    expect(await db.select().from(appUsers).where(eq(appUsers.email, stranger))).toHaveLength(0);
  });

  it("answers JSON { url } when asked, and the error envelope with url on failure", async () => {
    op.setAccount({ sub: newSub(), email: newEmail(), email_verified: true });
    const { callbackUrl, cookie } = await toCallback(app);
    const res = await callback(app, callbackUrl, cookie, { accept: "application/json" });
    expectStatus(res, 200);
    expect(new URL(res.body.url).searchParams.get("sct_oauth")).toBeTruthy();
    const replay = await callback(app, callbackUrl, cookie, { accept: "application/json" });
    expectError(replay, 400, "oauth_failed");
    expect(new URL(replay.body.url).searchParams.get("sct_error")).toBe("oauth_failed");
  });

  it("accepts a form_post authorization response (POST)", async () => {
    op.setAccount({ sub: newSub(), email: newEmail(), email_verified: true });
    const { callbackUrl, cookie } = await toCallback(app);
    const u = new URL(callbackUrl);
    const res = await call(POST, "POST", u.pathname, {
      params: { app_id: app.publicId },
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: u.searchParams.toString(),
    });
    expect(landed(res).searchParams.get("sct_oauth")).toBeTruthy();
  });

  it("lands on the app's origin when login_url and callback_url are off its origins, and 404s an unknown app", async () => {
    const tenant = await createTenant();
    const offsite = await setApp(tenant.app, { loginUrl: "https://evil.test/steal", callbackUrl: "https://app.test.evil.test/cb" });
    await addProvider(tenant, offsite);
    op.setAccount({ sub: newSub(), email: newEmail(), email_verified: true });
    const { callbackUrl, cookie } = await toCallback(offsite);
    const target = landed(await callback(offsite, callbackUrl, cookie));
    expect(target.origin).toBe("https://app.test");
    expect(target.searchParams.get("sct_oauth")).toBeTruthy();

    const missing = await call(GET, "GET", "/v1/auth/app_00000000000000000000/oauth/callback", {
      params: { app_id: "app_00000000000000000000" },
      query: { state: "x", code: "y" },
    });
    expectError(missing, 404, "app_not_found");
  });

  it("hosted-page flows hand off to the app's callback_url (or the hosted done page) and fail back to the hosted page", async () => {
    const withCallback = await setApp(app, { callbackUrl: "https://app.test/auth/callback" });
    op.setAccount({ sub: newSub(), email: newEmail(), email_verified: true });
    const flow = await toCallback(withCallback, { provider: "loopback", hosted: "1" });
    const target = landed(await callback(withCallback, flow.callbackUrl, flow.cookie));
    expect(target.origin + target.pathname).toBe("https://app.test/auth/callback");
    const token = target.searchParams.get("sct_oauth") ?? "";
    expectStatus(await authenticate(withCallback, { token }), 200);

    op.setDecision("deny");
    try {
      const denied = await toCallback(withCallback, { provider: "loopback", hosted: "1" });
      const back = landed(await callback(withCallback, denied.callbackUrl, denied.cookie));
      expect(back.toString()).toBe(`${BASE}/login/${app.publicId}?sct_error=oauth_access_denied`);
    } finally {
      op.setDecision("allow");
    }

    const tenant = await createTenant();
    const noCallback = await setApp(tenant.app, { callbackUrl: null });
    await addProvider(tenant, noCallback);
    const email = newEmail();
    op.setAccount({ sub: newSub(), email, email_verified: true });
    const plain = await toCallback(noCallback, { provider: "loopback", hosted: "1" });
    const done = landed(await callback(noCallback, plain.callbackUrl, plain.cookie));
    expect(done.toString()).toBe(`${BASE}/login/${noCallback.publicId}/done`);
    const [user] = await (await getDb()).select().from(appUsers).where(eq(appUsers.email, email));
    expect(user?.status).toBe("active");
  });

  it("lands on a redirect_url on the app's origins when the flow asked for one", async () => {
    op.setAccount({ sub: newSub(), email: newEmail(), email_verified: true });
    const flow = await toCallback(app, { provider: "loopback", redirect_url: "https://app.test/welcome?x=1" });
    const target = landed(await callback(app, flow.callbackUrl, flow.cookie));
    expect(target.origin + target.pathname).toBe("https://app.test/welcome");
    expect(target.searchParams.get("x")).toBe("1");
    expect(target.searchParams.get("sct_oauth")).toBeTruthy();
  });
});

