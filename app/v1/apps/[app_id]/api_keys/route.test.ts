import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { apiKeys, apps, events } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { systemCtx } from "@/lib/context";
import { sha256Hex } from "@/lib/crypto";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { GET, POST } from "./route";

let t: Tenant;
let other: Tenant;
let child: Tenant;
beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
  child = await createTenant({ parentWorkspaceId: t.workspace.id });
});

const url = (tenant: Tenant) => `/v1/apps/${tenant.app.publicId}/api_keys`;
const list = (tenant: Tenant, secret?: string) =>
  call(GET, "GET", url(tenant), { params: { app_id: tenant.app.publicId }, secret });
const create = (tenant: Tenant, secret: string | undefined, body: unknown) =>
  call(POST, "POST", url(tenant), { params: { app_id: tenant.app.publicId }, secret, body });
const keysNamed = async (nickname: string) => (await getDb()).select().from(apiKeys).where(eq(apiKeys.nickname, nickname));

describe("GET /v1/apps/{app_id}/api_keys", () => {
  it("lists the app's live keys with a preview and never a secret", async () => {
    const { row: revoked } = await createApiKey({
      ctx: systemCtx(),
      input: { kind: "app", workspaceId: t.workspace.id, appId: t.app.id, nickname: "revoked one" },
    });
    await (await getDb()).update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, revoked.id));
    const res = await list(t, t.appKey);
    expectStatus(res, 200);
    expect(res.body.api_keys).toHaveLength(1);
    const [key] = res.body.api_keys;
    expect(Object.keys(key).sort()).toEqual(["created_at", "id", "last_used_at", "nickname", "token_preview"]);
    expect(key).toMatchObject({ nickname: "test app key", token_preview: `scapp_…${t.appKey.slice(-4)}` });
    // The key that made this request was just used.
    expect(key.last_used_at).toEqual(expect.any(String));
    expect(res.text).not.toContain(t.appKey);
    expect(res.text).not.toContain(sha256Hex(t.appKey));
  });

  it("is reachable with the owning workspace key and its parent's, by public or internal id", async () => {
    expectStatus(await list(t, t.workspaceKey), 200);
    const res = await call(GET, "GET", url(child), { params: { app_id: child.app.id }, secret: t.workspaceKey });
    expectStatus(res, 200);
    expect(res.body.api_keys.map((k: { nickname: string }) => k.nickname)).toEqual(["test app key"]);
  });

  it("enforces the tenant rules (T19)", async () => {
    expectError(await list(other), 401, "api_key_required");
    expectError(await list(other, "Bearer"), 401, "invalid_api_key");
    expectError(await call(GET, "GET", url(other), { params: { app_id: other.app.publicId }, headers: { authorization: "Token x" } }), 401, "unauthorized");
    expectError(await list(other, t.appKey), 403, "api_key_not_authorized");
    expectError(await list(other, t.workspaceKey), 404, "app_not_found");
    expectError(await list(t, child.workspaceKey), 404, "app_not_found");
  });

  it("refuses the keys of a deleted app", async () => {
    const gone = await createTenant();
    await (await getDb()).update(apps).set({ deletedAt: new Date() }).where(eq(apps.id, gone.app.id));
    expectError(await list(gone, gone.appKey), 401, "invalid_api_key");
    expectError(await list(gone, gone.workspaceKey), 404, "app_not_found");
  });
});

describe("POST /v1/apps/{app_id}/api_keys", () => {
  it("creates a key, shows its secret once, stores only its hash, and records api_key.created", async () => {
    const res = await create(t, t.appKey, { nickname: "CI" });
    expectStatus(res, 200);
    const key = res.body.api_key;
    expect(Object.keys(key).sort()).toEqual(["created_at", "id", "nickname", "token", "token_preview"]);
    expect(key.token).toMatch(/^scapp_[0-9A-Za-z]{40}$/);
    expect(key.token_preview).toBe(`scapp_…${key.token.slice(-4)}`);
    const db = await getDb();
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(row).toMatchObject({ kind: "app", appId: t.app.id, workspaceId: t.workspace.id, nickname: "CI", tokenHash: sha256Hex(key.token) });
    expect(JSON.stringify(row)).not.toContain(key.token);
    const evs = await db.select().from(events).where(and(eq(events.slug, "api_key.created"), eq(events.appId, t.app.id)));
    const ev = evs.find((e) => e.params.api_key_id === key.id);
    expect(ev?.actorType).toBe("api_key");
    expect(JSON.stringify(ev)).not.toContain(key.token);
    // The new secret works at once.
    expectStatus(await list(t, key.token), 200);
  });

  it("accepts wrapped and form bodies, and stores HTML nicknames literally", async () => {
    expectStatus(await create(t, t.appKey, { api_key: { nickname: "Wrapped" } }), 200);
    expectStatus(await create(t, t.appKey, new URLSearchParams({ nickname: "Form key" })), 200);
    const html = "<img src=x onerror=alert(1)>";
    expectStatus(await create(t, t.appKey, { nickname: html }), 200);
    expect(await keysNamed("Wrapped")).toHaveLength(1);
    expect(await keysNamed("Form key")).toHaveLength(1);
    expect(await keysNamed(html)).toHaveLength(1);
  });

  it("files a key made by a parent workspace key under the app's own workspace", async () => {
    const res = await create(child, t.workspaceKey, { nickname: "From parent" });
    expectStatus(res, 200);
    const [row] = await keysNamed("From parent");
    expect(row).toMatchObject({ appId: child.app.id, workspaceId: child.workspace.id });
  });

  it.each([
    ["missing nickname", {}, 400, "bad_request"],
    ["empty nickname", { nickname: "" }, 422, "validation_failed"],
    ["257-char nickname", { nickname: "n".repeat(257) }, 422, "validation_failed"],
    ["a NUL character", { nickname: "a\u0000b" }, 400, "bad_request"],
    ["control characters", { nickname: "a\u0007b" }, 422, "validation_failed"],
    ["non-string nickname", { nickname: 42 }, 400, "bad_request"],
  ])("refuses %s", async (_label, body, status, code) => {
    const before = (await list(t, t.workspaceKey)).body.api_keys.length;
    expectError(await create(t, t.appKey, body), status, code);
    expect((await list(t, t.workspaceKey)).body.api_keys).toHaveLength(before);
  });

  it("refuses malformed JSON", async () => {
    const res = await call(POST, "POST", url(t), {
      params: { app_id: t.app.publicId },
      secret: t.appKey,
      body: '{"nickname":',
      headers: { "content-type": "application/json" },
    });
    expectError(res, 400, "invalid_json");
  });

  it("enforces the tenant rules and creates nothing (T19)", async () => {
    expectError(await create(other, undefined, { nickname: "Intruder" }), 401, "api_key_required");
    expectError(await create(other, t.appKey, { nickname: "Intruder" }), 403, "api_key_not_authorized");
    expectError(await create(other, t.workspaceKey, { nickname: "Intruder" }), 404, "app_not_found");
    expectError(await create(t, child.workspaceKey, { nickname: "Intruder" }), 404, "app_not_found");
    expect(await keysNamed("Intruder")).toHaveLength(0);
  });
});
