import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { apiKeys, events } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { systemCtx } from "@/lib/context";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { GET as LIST } from "../route";
import { DELETE, GET, PATCH } from "./route";

let t: Tenant;
let other: Tenant;
beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
});

/** A fresh app key of `tenant`'s app: its row and secret. */
const newKey = (tenant: Tenant, nickname = "extra") =>
  createApiKey({
    ctx: systemCtx(),
    input: { kind: "app", workspaceId: tenant.workspace.id, appId: tenant.app.id, nickname },
  });
const keyRow = async (id: string) => (await (await getDb()).select().from(apiKeys).where(eq(apiKeys.id, id)))[0];
const at = (tenant: Tenant, keyId: string) => ({
  url: `/v1/apps/${tenant.app.publicId}/api_keys/${keyId}`,
  params: { app_id: tenant.app.publicId, key_id: keyId },
});
const get = (tenant: Tenant, keyId: string, secret?: string) => call(GET, "GET", at(tenant, keyId).url, { params: at(tenant, keyId).params, secret });
const rename = (tenant: Tenant, keyId: string, secret: string | undefined, body: unknown) =>
  call(PATCH, "PATCH", at(tenant, keyId).url, { params: at(tenant, keyId).params, secret, body });
const revoke = (tenant: Tenant, keyId: string, secret?: string) =>
  call(DELETE, "DELETE", at(tenant, keyId).url, { params: at(tenant, keyId).params, secret });
const listWith = (tenant: Tenant, secret: string) =>
  call(LIST, "GET", `/v1/apps/${tenant.app.publicId}/api_keys`, { params: { app_id: tenant.app.publicId }, secret });
const eventFor = async (slug: string, keyId: string) =>
  (await (await getDb()).select().from(events).where(eq(events.slug, slug))).filter((e) => e.params.api_key_id === keyId);

describe("GET /v1/apps/{app_id}/api_keys/{key_id}", () => {
  it("returns one key without its secret", async () => {
    const { row, token } = await newKey(t, "reader");
    const res = await get(t, row.id, t.appKey);
    expectStatus(res, 200);
    expect(res.body.api_key).toEqual({
      id: row.id,
      nickname: "reader",
      token_preview: row.tokenPreview,
      last_used_at: null,
      created_at: row.createdAt.toISOString(),
    });
    expect(res.text).not.toContain(token);
  });

  it("answers 404 api_key_not_found for unknown, malformed, foreign and workspace key ids", async () => {
    const { row: foreign } = await newKey(other);
    const [wsKey] = await (await getDb())
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.workspaceId, t.workspace.id), eq(apiKeys.kind, "workspace")));
    for (const id of ["00000000-0000-7000-8000-000000000000", "not-a-uuid", foreign.id, wsKey?.id ?? ""]) {
      expectError(await get(t, id, t.workspaceKey), 404, "api_key_not_found");
    }
  });
});

describe("PATCH /v1/apps/{app_id}/api_keys/{key_id}", () => {
  it("renames a key and records api_key.updated without the secret", async () => {
    const { row, token } = await newKey(t, "old name");
    const res = await rename(t, row.id, t.appKey, { nickname: "new name" });
    expectStatus(res, 200);
    expect(res.body.api_key).toMatchObject({ id: row.id, nickname: "new name" });
    expect(res.body.api_key.token).toBeUndefined();
    expect((await keyRow(row.id))?.nickname).toBe("new name");
    const [ev] = await eventFor("api_key.updated", row.id);
    expect(ev).toMatchObject({ appId: t.app.id, params: { nickname: "new name", kind: "app" } });
    expect(JSON.stringify(ev)).not.toContain(token);
  });

  it.each([
    ["missing nickname", {}, 400, "bad_request"],
    ["empty nickname", { nickname: "" }, 422, "validation_failed"],
    ["257-char nickname", { nickname: "n".repeat(257) }, 422, "validation_failed"],
  ])("refuses %s", async (_label, body, status, code) => {
    const { row } = await newKey(t, "stays");
    expectError(await rename(t, row.id, t.appKey, body), status, code);
    expect((await keyRow(row.id))?.nickname).toBe("stays");
  });

  it("refuses malformed JSON and revoked keys", async () => {
    const { row } = await newKey(t, "gone soon");
    const bad = await call(PATCH, "PATCH", at(t, row.id).url, {
      params: at(t, row.id).params,
      secret: t.appKey,
      body: "{",
      headers: { "content-type": "application/json" },
    });
    expectError(bad, 400, "invalid_json");
    expectStatus(await revoke(t, row.id, t.appKey), 200);
    expectError(await rename(t, row.id, t.appKey, { nickname: "zombie" }), 404, "api_key_not_found");
  });
});

describe("DELETE /v1/apps/{app_id}/api_keys/{key_id}", () => {
  it("revokes at once: the key answers 401 next, leaves the list, and api_key.revoked is recorded", async () => {
    const { row, token } = await newKey(t, "to revoke");
    expectStatus(await listWith(t, token), 200);
    const res = await revoke(t, row.id, t.workspaceKey);
    expectStatus(res, 200);
    expect(res.body).toEqual({ message: "ok" });
    expect((await keyRow(row.id))?.revokedAt).toBeInstanceOf(Date);
    expectError(await listWith(t, token), 401, "invalid_api_key");
    const listed = await listWith(t, t.appKey);
    expect(listed.body.api_keys.map((k: { id: string }) => k.id)).not.toContain(row.id);
    const [ev] = await eventFor("api_key.revoked", row.id);
    expect(ev?.params).toMatchObject({ kind: "app", self: false });
    expect(JSON.stringify(ev)).not.toContain(token);
    expectError(await revoke(t, row.id, t.workspaceKey), 404, "api_key_not_found");
  });

  it("lets a key revoke itself", async () => {
    const { row, token } = await newKey(t, "self");
    expectStatus(await revoke(t, row.id, token), 200);
    expectError(await get(t, row.id, token), 401, "invalid_api_key");
    const [ev] = await eventFor("api_key.revoked", row.id);
    expect(ev?.params.self).toBe(true);
  });
});

describe("tenant rules on /v1/apps/{app_id}/api_keys/{key_id} (T19)", () => {
  it("refuses missing, malformed and revoked credentials", async () => {
    const { row } = await newKey(t);
    const { row: dead, token: deadToken } = await newKey(t, "dead");
    await (await getDb()).update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, dead.id));
    expectError(await get(t, row.id), 401, "api_key_required");
    expectError(await call(GET, "GET", at(t, row.id).url, { params: at(t, row.id).params, headers: { authorization: "Bearer a b" } }), 401, "unauthorized");
    expectError(await get(t, row.id, deadToken), 401, "invalid_api_key");
  });

  it("answers 403 to another app's key and 404 to another workspace's key, changing nothing", async () => {
    const { row } = await newKey(other, "victim");
    for (const [secret, status, code] of [
      [t.appKey, 403, "api_key_not_authorized"],
      [t.workspaceKey, 404, "app_not_found"],
    ] as const) {
      expectError(await get(other, row.id, secret), status, code);
      expectError(await rename(other, row.id, secret, { nickname: "pwned" }), status, code);
      expectError(await revoke(other, row.id, secret), status, code);
    }
    // The victim's key id under the attacker's own app path is simply not found.
    expectError(await revoke(t, row.id, t.appKey), 404, "api_key_not_found");
    expectError(await rename(t, row.id, t.appKey, { nickname: "pwned" }), 404, "api_key_not_found");
    expect(await keyRow(row.id)).toMatchObject({ nickname: "victim", revokedAt: null });
  });
});
