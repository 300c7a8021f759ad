import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { oauthStates } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import { decryptSecret } from "@/lib/crypto";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { POST as UPSERT } from "../../../../apps/[app_id]/auth_providers/route";
import { setApp } from "../../magic_links/test-fixtures";
import { GET } from "./route";

let t: Tenant;
let app: AppRow;

const authorize = (target: AppRow, query: Record<string, string>, headers: Record<string, string> = {}) =>
  call(GET, "GET", `/v1/auth/${target.publicId}/oauth/authorize`, { params: { app_id: target.publicId }, query, headers });
const upsert = (body: unknown) =>
  call(UPSERT, "POST", `/v1/apps/${t.app.publicId}/auth_providers`, { params: { app_id: t.app.publicId }, secret: t.appKey, body });
const location = (res: { headers: Headers }) => new URL(res.headers.get("location") ?? "");

/** A loopback port with nothing listening. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  t = await createTenant();
  app = await setApp(t.app, { loginUrl: "https://app.test/login", callbackUrl: "https://app.test/auth/callback" });
  expectStatus(await upsert({ slug: "github", client_id: "gh-client", client_secret: "gh-secret" }), 200);
  expectStatus(await upsert({ slug: "google", client_id: "g", client_secret: "g", enabled: false }), 200);
});

describe("GET /v1/auth/{app_id}/oauth/authorize", () => {
  it("redirects to GitHub (plain OAuth 2) with PKCE and a signed state, storing a sealed verifier", async () => {
    // The admin's secret is ignored on this public route (spec §1.3).
    const res = await authorize(app, { provider: "github" }, { authorization: `Bearer ${t.appKey}` });
    expectStatus(res, 302);
    const to = location(res);
    expect(to.origin + to.pathname).toBe("https://github.com/login/oauth/authorize");
    const q = to.searchParams;
    expect(q.get("client_id")).toBe("gh-client");
    expect(q.get("redirect_uri")).toBe(`http://localhost:3999/v1/auth/${app.publicId}/oauth/callback`);
    expect(q.get("scope")).toBe("read:user user:email");
    expect(q.get("response_type")).toBe("code");
    expect(q.get("code_challenge_method")).toBe("S256");
    expect(q.get("nonce")).toBeNull();
    expect(q.toString()).not.toContain("gh-secret");
    const [id] = (q.get("state") ?? "").split(".");
    const [row] = await (await getDb()).select().from(oauthStates).where(eq(oauthStates.id, id ?? ""));
    expect(row).toMatchObject({ appId: app.id, providerSlug: "github", consumedAt: null, returnTo: null });
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(600_000);
    const verifier = decryptSecret(row!.codeVerifierSealed, "oauth_state");
    expect(verifier).toMatch(/^[\w-]{43,128}$/);
    expect(row!.codeVerifierSealed).not.toContain(verifier);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toContain(`Path=/v1/auth/${app.publicId}/oauth/callback`);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
  });

  it("sends unknown and disabled providers back to login_url with sct_error", async () => {
    for (const provider of ["google", "nope", "GITHUB"]) {
      const res = await authorize(app, { provider });
      expectStatus(res, 302);
      const to = location(res);
      expect(to.origin + to.pathname).toBe("https://app.test/login");
      expect(to.searchParams.get("sct_error")).toBe("oauth_provider_not_enabled");
      expect(res.headers.get("set-cookie")).toBeNull();
    }
  });

  it("checks redirect_url against the app's origins", async () => {
    const good = await authorize(app, { provider: "github", redirect_url: "https://app.test/after" });
    expect(location(good).hostname).toBe("github.com");
    const [id] = (location(good).searchParams.get("state") ?? "").split(".");
    const [row] = await (await getDb()).select().from(oauthStates).where(eq(oauthStates.id, id ?? ""));
    expect(row?.returnTo).toBe("https://app.test/after");
    for (const redirect_url of ["https://evil.test/", "//evil.test", "https://app.test.evil.test/", "javascript:alert(1)"]) {
      const res = await authorize(app, { provider: "github", redirect_url });
      const to = location(res);
      expect(to.origin).toBe("https://app.test");
      expect(to.searchParams.get("sct_error")).toBe("oauth_invalid_redirect_url");
    }
  });

  it("sends hosted-page flows' failures back to the hosted sign-in page", async () => {
    const res = await authorize(app, { provider: "nope", hosted: "1" });
    const to = location(res);
    expect(to.toString()).toBe(`http://localhost:3999/login/${app.publicId}?sct_error=oauth_provider_not_enabled`);
  });

  it("lands with sct_error=oauth_failed when the issuer cannot be discovered", async () => {
    const port = await closedPort();
    expectStatus(await upsert({ slug: "down", client_id: "c", client_secret: "s", issuer: `http://127.0.0.1:${port}` }), 200);
    const res = await authorize(app, { provider: "down" });
    expectStatus(res, 302);
    expect(location(res).searchParams.get("sct_error")).toBe("oauth_failed");
  });

  it("answers 404 JSON for an unknown app, and 400 without a provider", async () => {
    const missing = await call(GET, "GET", "/v1/auth/app_00000000000000000000/oauth/authorize", {
      params: { app_id: "app_00000000000000000000" },
      query: { provider: "github" },
    });
    expectError(missing, 404, "app_not_found");
    expectError(await authorize(app, {}), 400, "bad_request");
  });
});
