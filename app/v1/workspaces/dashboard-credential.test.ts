/**
 * The dashboard credential (a member's access token) on the workspace routes
 * (spec §1.3, §3.3–3.7, §5): members reach the workspaces of their active
 * memberships only; owners and admins manage, members read.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { memberships, workspaces } from "@/db/schema";
import { getDashboardApp } from "@/lib/dashboard/dashboard-app";
import { asMember, dashboardToken, freshEmail, memberIn, type TestMember } from "@/lib/dashboard/test-fixtures";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { GET as getKey, PATCH as patchKey, DELETE as deleteKey } from "./[workspace_id]/api_keys/[key_id]/route";
import { GET as listKeys, POST as createKey } from "./[workspace_id]/api_keys/route";
import { GET as listApps } from "./[workspace_id]/apps/route";
import { GET as getWs, PATCH as patchWs } from "./[workspace_id]/route";
import { GET as listWs, POST as createWs } from "./route";

let acme: Tenant;
let other: Tenant;
let owner: TestMember;
let admin: TestMember;
let plain: TestMember;
let outsider: TestMember;

beforeAll(async () => {
  acme = await createTenant({ name: "Acme" });
  other = await createTenant({ name: "Other" });
  owner = await memberIn(acme.workspace.id, "owner");
  admin = await memberIn(acme.workspace.id, "admin");
  plain = await memberIn(acme.workspace.id, "member");
  outsider = await memberIn(other.workspace.id, "owner");
});

const ws = (id: string) => ({ params: { workspace_id: id } });

describe("GET /v1/workspaces with a dashboard token", () => {
  it("lists the member's workspaces with their membership, never others nor the internal dashboard workspace", async () => {
    const res = await call(listWs, "GET", "/v1/workspaces", asMember(plain));
    expectStatus(res, 200);
    expect(res.body.workspaces).toHaveLength(1);
    expect(res.body.workspaces[0]).toMatchObject({ id: acme.workspace.id, membership: { role: "member" } });
    const dashboardWs = (await getDashboardApp()).workspaceId;
    const owned = await call(listWs, "GET", "/v1/workspaces", asMember(outsider));
    expect(owned.body.workspaces.map((w: { id: string }) => w.id)).toEqual([other.workspace.id]);
    expect(owned.body.workspaces.map((w: { id: string }) => w.id)).not.toContain(dashboardWs);
  });

  it("keeps serving workspace keys (no membership in the object), and prefers Authorization when both are sent", async () => {
    const res = await call(listWs, "GET", "/v1/workspaces", { secret: other.workspaceKey, headers: { "x-authorization": plain.token } });
    expectStatus(res, 200);
    expect(res.body.workspaces.map((w: { id: string }) => w.id)).toEqual([other.workspace.id]);
    expect(res.body.workspaces[0].membership).toBeUndefined();
  });

  it("answers 401 without a credential or with a garbage token, 403 to someone who is no member at all", async () => {
    expectError(await call(listWs, "GET", "/v1/workspaces"), 401, "workspace_api_key_required");
    expectError(await call(listWs, "GET", "/v1/workspaces", { headers: { "x-authorization": "a.b.c" } }), 401, "invalid_token");
    const stranger = await dashboardToken(freshEmail("stranger"));
    expectError(await call(listWs, "GET", "/v1/workspaces", asMember(stranger)), 403, "workspace_access_denied");
  });

  it("refuses a removed member on their next request", async () => {
    const leaving = await memberIn(acme.workspace.id, "admin");
    expectStatus(await call(listWs, "GET", "/v1/workspaces", asMember(leaving)), 200);
    const db = await getDb();
    await db.delete(memberships).where(eq(memberships.memberId, leaving.memberId));
    expectError(await call(listWs, "GET", "/v1/workspaces", asMember(leaving)), 403, "workspace_access_denied");
    expectError(await call(getWs, "GET", "/", { ...asMember(leaving), ...ws(acme.workspace.id) }), 403, "workspace_access_denied");
  });
});

describe("POST /v1/workspaces with a dashboard token", () => {
  it("creates a workspace the member owns, with no API key", async () => {
    const res = await call(createWs, "POST", "/v1/workspaces", { ...asMember(plain), body: { name: "Plain's own" } });
    expectStatus(res, 200);
    expect(res.body.api_key).toBeUndefined();
    expect(res.body.workspace).toMatchObject({ name: "Plain's own", membership: { role: "owner" }, parent_workspace_id: null });
    const list = await call(listWs, "GET", "/v1/workspaces", asMember(plain));
    expect(list.body.workspaces.map((w: { name: string }) => w.name)).toEqual(["Acme", "Plain's own"]);
    const db = await getDb();
    const [row] = await db.select().from(memberships).where(eq(memberships.workspaceId, res.body.workspace.id));
    expect(row).toMatchObject({ memberId: plain.memberId, role: "owner", status: "active" });
  });

  it("validates the body like the key path (422)", async () => {
    expectError(await call(createWs, "POST", "/v1/workspaces", { ...asMember(plain), body: { name: "" } }), 422, "validation_failed");
  });
});

describe("GET/PATCH /v1/workspaces/{id} with a dashboard token", () => {
  it("shows a member's workspace by id or slug with their membership; 404 for others' workspaces", async () => {
    for (const ref of [acme.workspace.id, acme.workspace.slug]) {
      const res = await call(getWs, "GET", "/", { ...asMember(plain), ...ws(ref) });
      expectStatus(res, 200);
      expect(res.body.workspace).toMatchObject({ id: acme.workspace.id, membership: { role: "member" } });
    }
    expectError(await call(getWs, "GET", "/", { ...asMember(outsider), ...ws(acme.workspace.id) }), 404, "workspace_not_found");
    expectError(await call(getWs, "GET", "/", { ...asMember(plain), ...ws(other.workspace.id) }), 404, "workspace_not_found");
  });

  it("lets owners and admins update; a plain member gets 403 and nothing changes", async () => {
    expectError(
      await call(patchWs, "PATCH", "/", { ...asMember(plain), ...ws(acme.workspace.id), body: { name: "Hijacked" } }),
      403,
      "forbidden",
    );
    const res = await call(patchWs, "PATCH", "/", { ...asMember(admin), ...ws(acme.workspace.id), body: { name: "Acme Inc" } });
    expectStatus(res, 200);
    expect(res.body.workspace).toMatchObject({ name: "Acme Inc", membership: { role: "admin" } });
    expectError(
      await call(patchWs, "PATCH", "/", { ...asMember(outsider), ...ws(acme.workspace.id), body: { name: "X" } }),
      404,
      "workspace_not_found",
    );
    const db = await getDb();
    const [row] = await db.select().from(workspaces).where(eq(workspaces.id, acme.workspace.id));
    expect(row?.name).toBe("Acme Inc");
    await call(patchWs, "PATCH", "/", { ...asMember(owner), ...ws(acme.workspace.id), body: { name: "Acme" } });
  });
});

describe("GET /v1/workspaces/{id}/apps with a dashboard token", () => {
  it("lists the apps to any member; 404 outside", async () => {
    const res = await call(listApps, "GET", "/", { ...asMember(plain), ...ws(acme.workspace.id) });
    expectStatus(res, 200);
    expect(res.body.apps.map((a: { id: string }) => a.id)).toEqual([acme.app.publicId]);
    expectError(await call(listApps, "GET", "/", { ...asMember(outsider), ...ws(acme.workspace.id) }), 404, "workspace_not_found");
  });
});

describe("workspace API keys with a dashboard token", () => {
  it("lets owners and admins list, create, rename and revoke; plain members get 403; outsiders 404", async () => {
    expectError(await call(listKeys, "GET", "/", { ...asMember(plain), ...ws(acme.workspace.id) }), 403, "forbidden");
    expectError(
      await call(createKey, "POST", "/", { ...asMember(plain), ...ws(acme.workspace.id), body: { nickname: "x" } }),
      403,
      "forbidden",
    );
    expectError(await call(listKeys, "GET", "/", { ...asMember(outsider), ...ws(acme.workspace.id) }), 404, "workspace_not_found");

    const created = await call(createKey, "POST", "/", { ...asMember(admin), ...ws(acme.workspace.id), body: { nickname: "CI" } });
    expectStatus(created, 200);
    expect(created.body.api_key.token).toMatch(/^scwor_/);
    const id = created.body.api_key.id as string;
    const keyParams = { params: { workspace_id: acme.workspace.id, key_id: id } };

    const listed = await call(listKeys, "GET", "/", { ...asMember(owner), ...ws(acme.workspace.id) });
    expect(listed.body.api_keys.map((k: { id: string }) => k.id)).toContain(id);
    expectStatus(await call(getKey, "GET", "/", { ...asMember(owner), ...keyParams }), 200);
    expectError(await call(getKey, "GET", "/", { ...asMember(plain), ...keyParams }), 403, "forbidden");
    const renamed = await call(patchKey, "PATCH", "/", { ...asMember(owner), ...keyParams, body: { nickname: "CI 2" } });
    expect(renamed.body.api_key.nickname).toBe("CI 2");
    expectError(await call(deleteKey, "DELETE", "/", { ...asMember(plain), ...keyParams }), 403, "forbidden");
    expectStatus(await call(deleteKey, "DELETE", "/", { ...asMember(admin), ...keyParams }), 200);
    expectError(await call(getKey, "GET", "/", { ...asMember(owner), ...keyParams }), 404, "api_key_not_found");
  });
});
