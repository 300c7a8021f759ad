import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { apiKeys, events } from "@/db/schema";
import { sha256Hex } from "@/lib/crypto";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { GET as LIST_APPS } from "../../../apps/route";
import { GET, POST } from "./route";

let t: Tenant;
let child: Tenant;
let other: Tenant;
beforeAll(async () => {
  t = await createTenant();
  child = await createTenant({ parentWorkspaceId: t.workspace.id });
  other = await createTenant();
});

const url = (wsId: string) => `/v1/workspaces/${wsId}/api_keys`;
const list = (wsId: string, secret?: string) => call(GET, "GET", url(wsId), { params: { workspace_id: wsId }, secret });
const create = (wsId: string, secret: string | undefined, body: unknown) =>
  call(POST, "POST", url(wsId), { params: { workspace_id: wsId }, secret, body });
const keysNamed = async (nickname: string) => (await getDb()).select().from(apiKeys).where(eq(apiKeys.nickname, nickname));

describe("GET /v1/workspaces/{workspace_id}/api_keys", () => {
  it("lists the workspace's own workspace keys only (not its app keys), by id or slug", async () => {
    for (const id of [t.workspace.id, t.workspace.slug]) {
      const res = await list(id, t.workspaceKey);
      expectStatus(res, 200);
      expect(res.body.api_keys).toHaveLength(1);
      expect(res.body.api_keys[0]).toMatchObject({ nickname: "test workspace key", token_preview: `scwor_…${t.workspaceKey.slice(-4)}` });
      expect(res.text).not.toContain(t.workspaceKey);
      expect(res.body.api_keys.every((k: { token_preview: string }) => k.token_preview.startsWith("scwor_"))).toBe(true);
    }
  });

  it("lets a parent key list its child's keys, never the reverse or a stranger's", async () => {
    const res = await list(child.workspace.id, t.workspaceKey);
    expectStatus(res, 200);
    expect(res.body.api_keys.map((k: { token_preview: string }) => k.token_preview)).toEqual([`scwor_…${child.workspaceKey.slice(-4)}`]);
    expectError(await list(t.workspace.id, child.workspaceKey), 404, "workspace_not_found");
    expectError(await list(other.workspace.id, t.workspaceKey), 404, "workspace_not_found");
    expectError(await list("00000000-0000-7000-8000-000000000000", t.workspaceKey), 404, "workspace_not_found");
  });

  it("needs a workspace key", async () => {
    expectError(await list(t.workspace.id), 401, "workspace_api_key_required");
    expectError(await list(t.workspace.id, "scwor_unknown"), 401, "invalid_api_key");
    expectError(await call(GET, "GET", url(t.workspace.id), { params: { workspace_id: t.workspace.id }, headers: { authorization: "Bearer" } }), 401, "unauthorized");
    expectError(await list(t.workspace.id, t.appKey), 403, "forbidden");
  });
});

describe("POST /v1/workspaces/{workspace_id}/api_keys", () => {
  it("creates a scwor_ key shown once, usable at once, and records api_key.created", async () => {
    const res = await create(t.workspace.id, t.workspaceKey, { nickname: "Deploy bot" });
    expectStatus(res, 200);
    const key = res.body.api_key;
    expect(Object.keys(key).sort()).toEqual(["created_at", "id", "nickname", "token", "token_preview"]);
    expect(key.token).toMatch(/^scwor_[0-9A-Za-z]{40}$/);
    const [row] = await keysNamed("Deploy bot");
    expect(row).toMatchObject({ kind: "workspace", workspaceId: t.workspace.id, appId: null, tokenHash: sha256Hex(key.token) });
    const evs = await (await getDb()).select().from(events).where(eq(events.slug, "api_key.created"));
    const ev = evs.find((e) => e.params.api_key_id === key.id);
    expect(ev).toMatchObject({ workspaceId: t.workspace.id, appId: null });
    expect(JSON.stringify(ev)).not.toContain(key.token);
    const apps = await call(LIST_APPS, "GET", "/v1/apps", { secret: key.token });
    expectStatus(apps, 200);
    expect(apps.body.apps.map((a: { id: string }) => a.id)).toEqual([t.app.publicId]);
  });

  it("lets a parent key create a key in its child, which reaches the child only", async () => {
    const res = await create(child.workspace.id, t.workspaceKey, new URLSearchParams({ "api_key[nickname]": "Child CI" }));
    expectStatus(res, 200);
    const [row] = await keysNamed("Child CI");
    expect(row?.workspaceId).toBe(child.workspace.id);
    const climb = await call(LIST_APPS, "GET", "/v1/apps", { secret: res.body.api_key.token, headers: { "x-workspace": t.workspace.id } });
    expectError(climb, 403, "workspace_mismatch");
  });

  it.each([
    ["missing nickname", {}, 400, "bad_request"],
    ["empty nickname", { nickname: "" }, 422, "validation_failed"],
    ["257-char nickname", { nickname: "n".repeat(257) }, 422, "validation_failed"],
  ])("refuses %s", async (_label, body, status, code) => {
    expectError(await create(t.workspace.id, t.workspaceKey, body), status, code);
  });

  it("refuses malformed JSON", async () => {
    const res = await call(POST, "POST", url(t.workspace.id), {
      params: { workspace_id: t.workspace.id },
      secret: t.workspaceKey,
      body: "nickname=",
      headers: { "content-type": "application/json" },
    });
    expectError(res, 400, "invalid_json");
  });

  it("creates nothing for another tenant (T20)", async () => {
    expectError(await create(other.workspace.id, t.workspaceKey, { nickname: "Intruder" }), 404, "workspace_not_found");
    expectError(await create(t.workspace.id, child.workspaceKey, { nickname: "Intruder" }), 404, "workspace_not_found");
    expectError(await create(t.workspace.id, t.appKey, { nickname: "Intruder" }), 403, "forbidden");
    expectError(await create(t.workspace.id, undefined, { nickname: "Intruder" }), 401, "workspace_api_key_required");
    expect(await keysNamed("Intruder")).toHaveLength(0);
  });
});
