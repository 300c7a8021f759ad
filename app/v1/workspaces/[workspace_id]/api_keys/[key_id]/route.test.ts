import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { apiKeys, events } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { systemCtx } from "@/lib/context";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { GET as LIST } from "../route";
import { DELETE, GET, PATCH } from "./route";

let t: Tenant;
let child: Tenant;
let other: Tenant;
beforeAll(async () => {
  t = await createTenant();
  child = await createTenant({ parentWorkspaceId: t.workspace.id });
  other = await createTenant();
});

const newKey = (tenant: Tenant, nickname = "extra") =>
  createApiKey({ ctx: systemCtx(), input: { kind: "workspace", workspaceId: tenant.workspace.id, nickname } });
const keyRow = async (id: string) => (await (await getDb()).select().from(apiKeys).where(eq(apiKeys.id, id)))[0];
const at = (wsId: string, keyId: string) => ({
  url: `/v1/workspaces/${wsId}/api_keys/${keyId}`,
  params: { workspace_id: wsId, key_id: keyId },
});
const get = (wsId: string, keyId: string, secret?: string) => call(GET, "GET", at(wsId, keyId).url, { params: at(wsId, keyId).params, secret });
const rename = (wsId: string, keyId: string, secret: string | undefined, body: unknown) =>
  call(PATCH, "PATCH", at(wsId, keyId).url, { params: at(wsId, keyId).params, secret, body });
const revoke = (wsId: string, keyId: string, secret?: string) =>
  call(DELETE, "DELETE", at(wsId, keyId).url, { params: at(wsId, keyId).params, secret });
const eventFor = async (slug: string, keyId: string) =>
  (await (await getDb()).select().from(events).where(eq(events.slug, slug))).filter((e) => e.params.api_key_id === keyId);

describe("GET/PATCH /v1/workspaces/{workspace_id}/api_keys/{key_id}", () => {
  it("reads and renames a workspace key, recording api_key.updated", async () => {
    const { row, token } = await newKey(t, "before");
    const got = await get(t.workspace.id, row.id, t.workspaceKey);
    expectStatus(got, 200);
    expect(got.body.api_key).toMatchObject({ id: row.id, nickname: "before", token_preview: row.tokenPreview, last_used_at: null });
    const res = await rename(t.workspace.slug, row.id, t.workspaceKey, { api_key: { nickname: "after" } });
    expectStatus(res, 200);
    expect(res.body.api_key.nickname).toBe("after");
    expect((await keyRow(row.id))?.nickname).toBe("after");
    const [ev] = await eventFor("api_key.updated", row.id);
    expect(ev).toMatchObject({ workspaceId: t.workspace.id, appId: null, params: { kind: "workspace" } });
    expect(JSON.stringify(ev)).not.toContain(token);
  });

  it("refuses a bad nickname and leaves the row unchanged", async () => {
    const { row } = await newKey(t, "keep");
    expectError(await rename(t.workspace.id, row.id, t.workspaceKey, { nickname: "" }), 422, "validation_failed");
    expectError(await rename(t.workspace.id, row.id, t.workspaceKey, { nickname: "n".repeat(257) }), 422, "validation_failed");
    expectError(await rename(t.workspace.id, row.id, t.workspaceKey, {}), 400, "bad_request");
    expect((await keyRow(row.id))?.nickname).toBe("keep");
  });

  it("answers 404 api_key_not_found for app keys, child keys and unknown ids under this workspace", async () => {
    const [appKey] = await (await getDb()).select().from(apiKeys).where(eq(apiKeys.appId, t.app.id));
    const { row: childKey } = await newKey(child);
    for (const id of [appKey?.id ?? "", childKey.id, "00000000-0000-7000-8000-000000000000", "x"]) {
      expectError(await get(t.workspace.id, id, t.workspaceKey), 404, "api_key_not_found");
    }
  });
});

describe("DELETE /v1/workspaces/{workspace_id}/api_keys/{key_id}", () => {
  it("revokes at once and records api_key.revoked", async () => {
    const { row, token } = await newKey(t, "to revoke");
    const res = await revoke(t.workspace.id, row.id, t.workspaceKey);
    expectStatus(res, 200);
    expect(res.body).toEqual({ message: "ok" });
    expect((await keyRow(row.id))?.revokedAt).toBeInstanceOf(Date);
    expectError(await get(t.workspace.id, row.id, token), 401, "invalid_api_key");
    const listed = await call(LIST, "GET", `/v1/workspaces/${t.workspace.id}/api_keys`, {
      params: { workspace_id: t.workspace.id },
      secret: t.workspaceKey,
    });
    expect(listed.body.api_keys.map((k: { id: string }) => k.id)).not.toContain(row.id);
    const [ev] = await eventFor("api_key.revoked", row.id);
    expect(ev?.params).toMatchObject({ kind: "workspace", self: false });
    expectError(await revoke(t.workspace.id, row.id, t.workspaceKey), 404, "api_key_not_found");
  });

  it("lets a key revoke itself, and a parent revoke its child's keys", async () => {
    const { row, token } = await newKey(t, "self");
    expectStatus(await revoke(t.workspace.id, row.id, token), 200);
    expectError(await get(t.workspace.id, row.id, token), 401, "invalid_api_key");
    expect((await eventFor("api_key.revoked", row.id))[0]?.params.self).toBe(true);
    const { row: childKey, token: childToken } = await newKey(child, "child key");
    expectStatus(await revoke(child.workspace.id, childKey.id, t.workspaceKey), 200);
    expectError(await get(child.workspace.id, childKey.id, childToken), 401, "invalid_api_key");
  });
});

describe("tenant rules on /v1/workspaces/{workspace_id}/api_keys/{key_id} (T20)", () => {
  it("refuses missing, malformed, app and revoked credentials", async () => {
    const { row } = await newKey(t);
    const { row: dead, token: deadToken } = await newKey(t, "dead");
    await (await getDb()).update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, dead.id));
    expectError(await get(t.workspace.id, row.id), 401, "workspace_api_key_required");
    expectError(await call(GET, "GET", at(t.workspace.id, row.id).url, { params: at(t.workspace.id, row.id).params, headers: { authorization: "Basic x" } }), 401, "unauthorized");
    expectError(await get(t.workspace.id, row.id, deadToken), 401, "invalid_api_key");
    expectError(await get(t.workspace.id, row.id, t.appKey), 403, "forbidden");
  });

  it("answers 404 to another workspace's key and to a child climbing to its parent, changing nothing", async () => {
    const { row } = await newKey(t, "victim");
    for (const secret of [other.workspaceKey, child.workspaceKey]) {
      expectError(await get(t.workspace.id, row.id, secret), 404, "workspace_not_found");
      expectError(await rename(t.workspace.id, row.id, secret, { nickname: "pwned" }), 404, "workspace_not_found");
      expectError(await revoke(t.workspace.id, row.id, secret), 404, "workspace_not_found");
    }
    // The victim's key id under the attacker's own workspace is simply not found.
    expectError(await revoke(other.workspace.id, row.id, other.workspaceKey), 404, "api_key_not_found");
    expect(await keyRow(row.id)).toMatchObject({ nickname: "victim", revokedAt: null });
  });
});
