import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { apiKeys, authProviders, events, messageProviders } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { systemCtx } from "@/lib/context";
import { decryptSecret } from "@/lib/crypto";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { GET, POST } from "./route";

let t: Tenant;
let other: Tenant;
let revokedKey: string;
beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
  const { row, token } = await createApiKey({
    ctx: systemCtx(),
    input: { kind: "app", workspaceId: t.workspace.id, appId: t.app.id, nickname: "soon revoked" },
  });
  await (await getDb()).update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, row.id));
  revokedKey = token;
});

const url = (tenant: Tenant) => `/v1/apps/${tenant.app.publicId}/auth_providers`;
const list = (tenant: Tenant, secret?: string) => call(GET, "GET", url(tenant), { params: { app_id: tenant.app.publicId }, secret });
const upsert = (tenant: Tenant, body: unknown, secret: string | undefined = tenant.appKey) =>
  call(POST, "POST", url(tenant), { params: { app_id: tenant.app.publicId }, secret, body });
const providerRow = async (tenant: Tenant, slug: string) =>
  (await (await getDb()).select().from(authProviders).where(and(eq(authProviders.appId, tenant.app.id), eq(authProviders.slug, slug))))[0];

const SECRET = "google-client-secret-do-not-leak-0123456789";

describe("POST /v1/apps/{app_id}/auth_providers", () => {
  it("creates a well-known provider with defaults; the secret is sealed and never returned", async () => {
    const res = await upsert(t, { auth_provider: { slug: "google", client_id: "123.apps.googleusercontent.com", client_secret: SECRET } });
    expectStatus(res, 200);
    expect(res.body.auth_provider).toMatchObject({
      slug: "google",
      type: "oauth",
      name: "Google",
      enabled: true,
      client_id: "123.apps.googleusercontent.com",
      has_client_secret: true,
      scopes: ["openid", "email", "profile"],
      issuer: null,
      color: "#4285F4",
      callback_url: `http://localhost:3999/v1/auth/${t.app.publicId}/oauth/callback`,
    });
    expect(res.text).not.toContain(SECRET);
    expect(Object.keys(res.body.auth_provider)).not.toContain("client_secret");
    const row = await providerRow(t, "google");
    expect(row?.clientSecretSealed).not.toContain(SECRET);
    expect(decryptSecret(row?.clientSecretSealed ?? "", "auth_provider")).toBe(SECRET);
    const [event] = await (await getDb())
      .select()
      .from(events)
      .where(and(eq(events.appId, t.app.id), eq(events.slug, "auth_provider.created")));
    expect(event?.params).toMatchObject({ slug: "google", rotated: true });
    expect(JSON.stringify(event)).not.toContain(SECRET);
  });

  it("replaces by slug; an update without client_secret keeps the stored one", async () => {
    const first = await upsert(t, { slug: "github", client_id: "gh-1", client_secret: "gh-secret-1", scopes: "read:user user:email" });
    expectStatus(first, 200);
    expect(first.body.auth_provider.scopes).toEqual(["read:user", "user:email"]);
    const second = await upsert(t, { slug: "GitHub", client_id: "gh-2", enabled: false, name: "Sign in with GitHub" });
    expectStatus(second, 200);
    expect(second.body.auth_provider).toMatchObject({
      id: first.body.auth_provider.id,
      client_id: "gh-2",
      enabled: false,
      name: "Sign in with GitHub",
      has_client_secret: true,
      // Replaced: scopes not given fall back to the provider's defaults.
      scopes: ["read:user", "user:email"],
    });
    expect(decryptSecret((await providerRow(t, "github"))?.clientSecretSealed ?? "", "auth_provider")).toBe("gh-secret-1");
  });

  it("accepts Rails bracket form fields", async () => {
    const form = new URLSearchParams({
      "auth_provider[slug]": "microsoft",
      "auth_provider[client_id]": "ms-client",
      "auth_provider[client_secret]": "ms-secret",
      "auth_provider[enabled]": "true",
      "auth_provider[scopes][]": "openid",
      "auth_provider[issuer]": "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0",
    });
    const res = await call(POST, "POST", url(t), {
      params: { app_id: t.app.publicId },
      secret: t.appKey,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form.toString(),
    });
    expectStatus(res, 200);
    expect(res.body.auth_provider).toMatchObject({
      slug: "microsoft",
      scopes: ["openid"],
      issuer: "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0",
    });
  });

  it("takes any OpenID Connect issuer under a custom slug, and validates issuers", async () => {
    const ok = await upsert(t, { slug: "okta", client_id: "o", client_secret: "s", issuer: "https://example.okta.com", name: "Okta" });
    expectStatus(ok, 200);
    expect(ok.body.auth_provider).toMatchObject({ slug: "okta", name: "Okta", issuer: "https://example.okta.com" });

    const bad: [unknown, string][] = [
      [{ slug: "okta2", client_id: "o", client_secret: "s" }, "issuer"],
      [{ slug: "okta2", client_id: "o", client_secret: "s", issuer: "http://idp.example.com" }, "issuer"],
      [{ slug: "okta2", client_id: "o", client_secret: "s", issuer: "https://user:pw@idp.example.com" }, "issuer"],
      [{ slug: "okta2", client_id: "o", client_secret: "s", issuer: "https://idp.example.com/?x=1" }, "issuer"],
      [{ slug: "okta2", client_id: "o", client_secret: "s", issuer: "https://169.254.169.254" }, "issuer"],
      [{ slug: "okta2", client_id: "o", client_secret: "s", issuer: "https://10.0.0.8" }, "issuer"],
      [{ slug: "okta2", client_id: "o", client_secret: "s", issuer: "javascript:alert(1)" }, "issuer"],
      [{ slug: "github", client_id: "o", client_secret: "s", issuer: "https://github.com" }, "issuer"],
      [{ slug: "new-one", client_id: "o", issuer: "https://idp.example.com" }, "client_secret"],
      [{ slug: "Bad Slug!", client_id: "o", client_secret: "s" }, "slug"],
    ];
    for (const [body, field] of bad) {
      const res = await upsert(t, body);
      expectError(res, 422, "validation_failed");
      expect(Object.keys(res.body.errors)).toContain(field);
    }
    expect(await providerRow(t, "okta2")).toBeUndefined();
    expect(await providerRow(t, "new-one")).toBeUndefined();
    expectError(await upsert(t, { slug: "google" }), 400, "bad_request");
    const notJson = await call(POST, "POST", url(t), {
      params: { app_id: t.app.publicId },
      secret: t.appKey,
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expectError(notJson, 400, "invalid_json");
  });
});

describe("GET /v1/apps/{app_id}/auth_providers", () => {
  it("lists OAuth providers and the delivery providers, never a secret", async () => {
    await (await getDb()).insert(messageProviders).values({
      appId: t.app.id,
      providerType: "sms",
      provider: "twilio",
      name: "Twilio",
      config: { account_sid: "AC123" },
      secretConfigSealed: "sealed-sms-secret",
    });
    const res = await list(t, t.appKey);
    expectStatus(res, 200);
    const slugs = res.body.auth_providers.map((p: { slug: string; type: string }) => `${p.type}:${p.slug}`);
    expect(slugs).toEqual(expect.arrayContaining(["oauth:github", "oauth:google", "oauth:microsoft", "oauth:okta", "message:twilio"]));
    for (const p of res.body.auth_providers) expect(Object.keys(p)).not.toContain("client_secret");
    expect(res.text).not.toContain(SECRET);
    expect(res.text).not.toContain("gh-secret-1");
    expect(res.text).not.toContain("sealed-sms-secret");
    expect(res.text).not.toContain("v1.");
  });

  it("enforces the tenant rules: no key, revoked key, another app's or workspace's key (no data leaked)", async () => {
    expectError(await list(t), 401, "api_key_required");
    expectError(await list(t, revokedKey), 401, "invalid_api_key");
    expectError(await upsert(t, { slug: "google", client_id: "x", client_secret: "y" }, revokedKey), 401, "invalid_api_key");
    const foreign = await list(t, other.workspaceKey);
    expectError(foreign, 404, "app_not_found");
    expect(foreign.text).not.toContain("google");
    expectError(await list(t, other.appKey), 403, "api_key_not_authorized");
    const write = await upsert(t, { slug: "google", client_id: "hijack", client_secret: "y" }, other.workspaceKey);
    expectError(write, 404, "app_not_found");
    expect((await providerRow(t, "google"))?.clientId).toBe("123.apps.googleusercontent.com");
    // The owner's workspace key works, by internal id too.
    const own = await call(GET, "GET", url(t), { params: { app_id: t.app.id }, secret: t.workspaceKey });
    expectStatus(own, 200);
    // The other tenant sees none of them.
    const theirs = await list(other, other.appKey);
    expectStatus(theirs, 200);
    expect(theirs.body.auth_providers).toEqual([]);
  });
});
