import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { apiKeys, events, messageProviders } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { systemCtx } from "@/lib/context";
import { MASK } from "@/lib/message-providers/definitions";
import { openSecrets } from "@/lib/message-providers/seal";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { PATCH } from "./[id]/route";
import { GET, POST } from "./route";

let t: Tenant;
let other: Tenant;
let child: Tenant;
beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
  child = await createTenant({ parentWorkspaceId: t.workspace.id });
});

const AUTH_TOKEN = "twilio-auth-token-SECRET-0001";
const path = (appId: string) => `/v1/apps/${appId}/message_service_providers`;
const list = (tenant: Tenant, secret?: string) => call(GET, "GET", path(tenant.app.publicId), { params: { app_id: tenant.app.publicId }, secret });
const upsert = (tenant: Tenant, secret: string | undefined, body: unknown) =>
  call(POST, "POST", path(tenant.app.publicId), { params: { app_id: tenant.app.publicId }, secret, body });
const patch = (tenant: Tenant, secret: string | undefined, id: string, body: unknown) =>
  call(PATCH, "PATCH", `${path(tenant.app.publicId)}/${id}`, { params: { app_id: tenant.app.publicId, id }, secret, body });
const stored = async (id: string) => (await (await getDb()).select().from(messageProviders).where(eq(messageProviders.id, id)))[0];

const twilio = {
  provider_type: "sms",
  provider: "twilio",
  name: "Twilio prod",
  from: "+15550001111",
  config: { account_sid: "AC0123456789abcdef0123456789abcdef", auth_token: AUTH_TOKEN },
};

describe("message service providers", () => {
  it("creates a provider (wrapped body), seals its secrets and masks them on every read", async () => {
    const res = await upsert(t, t.appKey, { message_service_provider: twilio });
    expectStatus(res, 200);
    const p = res.body.message_service_provider;
    expect(Object.keys(p).sort()).toEqual(["config", "created_at", "enabled", "from", "id", "is_default", "name", "provider", "provider_type", "updated_at"]);
    expect(p).toMatchObject({
      provider_type: "sms",
      provider: "twilio",
      name: "Twilio prod",
      enabled: true,
      is_default: true,
      from: "+15550001111",
      config: { account_sid: twilio.config.account_sid, auth_token: MASK },
    });
    expect(res.text).not.toContain(AUTH_TOKEN);

    const row = await stored(p.id);
    expect(row?.config).toEqual({ account_sid: twilio.config.account_sid });
    expect(row?.secretConfigSealed).toBeTruthy();
    expect(row?.secretConfigSealed).not.toContain(AUTH_TOKEN);
    expect(openSecrets(row?.secretConfigSealed ?? null)).toEqual({ auth_token: AUTH_TOKEN });

    const listed = await list(t, t.appKey);
    expectStatus(listed, 200);
    expect(listed.body.message_service_providers).toEqual([p]);
    expect(listed.text).not.toContain(AUTH_TOKEN);

    const [event] = await (await getDb()).select().from(events).where(eq(events.slug, "message_provider.created"));
    expect(event?.params).toMatchObject({ provider_id: p.id, provider: "twilio" });
    expect(JSON.stringify(event?.params)).not.toContain(AUTH_TOKEN);
  });

  it("upserts by provider_type + provider; a masked secret keeps the stored one, a new one replaces it", async () => {
    const first = (await upsert(t, t.appKey, twilio)).body.message_service_provider;
    const again = await upsert(t, t.appKey, { ...twilio, name: "Renamed", config: { ...first.config } });
    expectStatus(again, 200);
    expect(again.body.message_service_provider).toMatchObject({ id: first.id, name: "Renamed", config: { auth_token: MASK } });
    expect(openSecrets((await stored(first.id))?.secretConfigSealed ?? null)).toEqual({ auth_token: AUTH_TOKEN });

    const rotated = await upsert(t, t.appKey, { ...twilio, config: { auth_token: "new-token-0002" } });
    expectStatus(rotated, 200);
    expect(rotated.body.message_service_provider.config).toEqual({ account_sid: twilio.config.account_sid, auth_token: MASK });
    expect(openSecrets((await stored(first.id))?.secretConfigSealed ?? null)).toEqual({ auth_token: "new-token-0002" });
    expect((await list(t, t.appKey)).body.message_service_providers).toHaveLength(1);
  });

  it("accepts the bracket form; email providers: smtp and resend, one default per channel", async () => {
    const form = new URLSearchParams({
      "message_service_provider[provider_type]": "email",
      "message_service_provider[provider]": "smtp",
      "message_service_provider[from]": "Acme <no-reply@acme.test>",
      "message_service_provider[config][host]": "smtp.acme.test",
      "message_service_provider[config][port]": "465",
      "message_service_provider[config][username]": "mailer",
      "message_service_provider[config][password]": "smtp-pass-SECRET",
    });
    const smtp = await upsert(t, t.appKey, form);
    expectStatus(smtp, 200);
    expect(smtp.body.message_service_provider).toMatchObject({
      provider: "smtp",
      is_default: true,
      config: { host: "smtp.acme.test", port: 465, secure: true, require_tls: true, username: "mailer", password: MASK },
    });
    const resend = await upsert(t, t.appKey, {
      provider_type: "email",
      provider: "resend",
      from: "no-reply@acme.test",
      is_default: true,
      config: { api_key: "re_SECRET_key" },
    });
    expectStatus(resend, 200);
    expect(resend.body.message_service_provider).toMatchObject({ is_default: true, config: { api_key: MASK } });
    const all = (await list(t, t.appKey)).body.message_service_providers;
    const byProvider = Object.fromEntries(all.map((p: { provider: string; is_default: boolean }) => [p.provider, p.is_default]));
    expect(byProvider).toEqual({ twilio: true, smtp: false, resend: true });
  });

  it("PATCH updates any field by id, merging config; type and provider cannot change", async () => {
    const p = (await upsert(t, t.appKey, twilio)).body.message_service_provider;
    const res = await patch(t, t.appKey, p.id, { enabled: false, config: { auth_token: MASK, account_sid: "AC_other" } });
    expectStatus(res, 200);
    expect(res.body.message_service_provider).toMatchObject({ id: p.id, enabled: false, config: { account_sid: "AC_other", auth_token: MASK } });
    expect(openSecrets((await stored(p.id))?.secretConfigSealed ?? null).auth_token).toBeTruthy();
    expectStatus(await patch(t, t.appKey, p.id, { message_service_provider: { enabled: true, name: null } }), 200);
    expect((await stored(p.id))?.name).toBeNull();

    expectError(await patch(t, t.appKey, p.id, { provider: "smtp" }), 422, "validation_failed");
    expectError(await patch(t, t.appKey, p.id, { provider_type: "email" }), 422, "validation_failed");
    expectError(await patch(t, t.appKey, p.id, { config: { auth_token: "" } }), 422, "validation_failed");
    expectError(await patch(t, t.appKey, "0190e4c2-0000-7000-8000-00000000abcd", { enabled: true }), 404, "not_found");
    expectError(await patch(t, t.appKey, "not-a-uuid", { enabled: true }), 404, "not_found");
    // Another app's provider id through this app: 404.
    const theirs = (await upsert(other, other.appKey, twilio)).body.message_service_provider;
    expectError(await patch(t, t.appKey, theirs.id, { enabled: false }), 404, "not_found");
    expect((await stored(theirs.id))?.enabled).toBe(true);
  });

  it("validates per provider: unsupported providers, missing or unknown settings, bad senders", async () => {
    const bad = async (body: unknown, status = 422, code = "validation_failed") => {
      const res = await upsert(child, child.appKey, body);
      expectError(res, status, code);
      return res.body;
    };
    expect((await bad({ ...twilio, provider: "vonage" })).errors).toHaveProperty("provider");
    await bad({ ...twilio, provider_type: "email" });
    expect((await bad({ ...twilio, config: { account_sid: "AC1" } })).errors).toHaveProperty(["config.auth_token"]);
    expect((await bad({ ...twilio, config: { ...twilio.config, region: "us1" } })).errors).toHaveProperty(["config.region"]);
    expect((await bad({ ...twilio, from: "not a number!" })).errors).toHaveProperty("from");
    await bad({ ...twilio, from: undefined });
    await bad({ provider_type: "email", provider: "smtp", from: "x@acme.test", config: { host: "smtp.acme.test", port: 70000 } });
    await bad({ provider_type: "email", provider: "smtp", from: "x@acme.test", config: { host: "bad host!" } });
    await bad({ provider_type: "email", provider: "resend", from: "nope", config: { api_key: "re_1" } });
    await bad({ provider: "twilio" }, 400, "bad_request");
    await bad({ ...twilio, provider_type: "fax" });
    await bad({ ...twilio, config: "not json" }, 400, "bad_request");
    expect((await list(child, child.appKey)).body.message_service_providers).toEqual([]);
    expect((await bad({ ...twilio, config: { account_sid: "AC1", auth_token: 5 } })).error).not.toContain("5");
  });

  it("needs the app's key or a workspace key that reaches it; others see nothing", async () => {
    expectError(await list(t), 401, "api_key_required");
    expectError(await upsert(t, undefined, twilio), 401, "api_key_required");
    const { row: revoked, token } = await createApiKey({
      ctx: systemCtx(),
      input: { kind: "app", workspaceId: t.workspace.id, appId: t.app.id, nickname: "revoked" },
    });
    await (await getDb()).update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, revoked.id));
    expectError(await list(t, token), 401, "invalid_api_key");
    expectError(await upsert(t, token, twilio), 401, "invalid_api_key");

    const foreign = await list(t, other.workspaceKey);
    expectError(foreign, 404, "app_not_found");
    expect(foreign.text).not.toContain("twilio");
    expectError(await upsert(t, other.workspaceKey, { ...twilio, name: "hijack" }), 404, "app_not_found");
    expectError(await list(t, other.appKey), 403, "api_key_not_authorized");
    const someId = (await list(t, t.appKey)).body.message_service_providers[0].id;
    expectError(await patch(t, other.workspaceKey, someId, { enabled: false }), 404, "app_not_found");
    expect((await stored(someId))?.name).not.toBe("hijack");

    expectStatus(await list(t, t.workspaceKey), 200);
    expectStatus(await list(child, t.workspaceKey), 200);
    expectError(await list(t, child.workspaceKey), 404, "app_not_found");
  });
});
