import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { apiKeys, apps } from "@/db/schema";
import { createApp } from "@/lib/apps/create-app";
import { systemCtx } from "@/lib/context";
import { sha256Hex } from "@/lib/crypto";
import { call, type CallOptions, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { GET, OPTIONS } from "./route";

let parent: Tenant;
let child: Tenant;
let sibling: Tenant;
let other: Tenant;
let revoked: Tenant;
let secondAppId: string;

beforeAll(async () => {
  parent = await createTenant({ name: "Parent Co" });
  child = await createTenant({ parentWorkspaceId: parent.workspace.id, name: "Child One" });
  sibling = await createTenant({ parentWorkspaceId: parent.workspace.id, name: "Child Two" });
  other = await createTenant({ name: "Other Tenant" });
  revoked = await createTenant();
  const ctx = systemCtx("test");
  const { app } = await createApp({
    ctx,
    input: { workspaceId: parent.workspace.id, settings: { name: "Second app", origin: "https://second.test" } },
  });
  secondAppId = app.publicId;
  const db = await getDb();
  await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.tokenHash, sha256Hex(revoked.workspaceKey)));
});

const list = (idOrSlug: string, opts: CallOptions) =>
  call(GET, "GET", `/v1/workspaces/${idOrSlug}/apps`, { ...opts, params: { workspace_id: idOrSlug } });

const ids = (body: { apps: { id: string }[] }) => body.apps.map((a) => a.id);

describe("GET /v1/workspaces/{workspace_id}/apps", () => {
  it("lists the workspace's live apps as AppAdmin objects, oldest first, by uuid or slug", async () => {
    for (const ref of [parent.workspace.id, parent.workspace.slug]) {
      const res = await list(ref, { secret: parent.workspaceKey });
      expectStatus(res, 200);
      expect(ids(res.body)).toEqual([parent.app.publicId, secondAppId]);
      expect(res.body.apps[0]).toMatchObject({
        id: parent.app.publicId,
        workspace_id: parent.workspace.id,
        origin: "https://app.test",
        deleted_at: null,
        test_identities_enabled: false,
      });
      expect(res.body.apps[0].public_key).toMatch(/^-----BEGIN PUBLIC KEY-----/);
      expect(res.text).not.toContain("PRIVATE KEY");
      expect(res.text).not.toContain(parent.appKey);
    }
  });

  it("leaves out soft-deleted apps", async () => {
    const t = await createTenant();
    const db = await getDb();
    await db.update(apps).set({ deletedAt: new Date() }).where(eq(apps.id, t.app.id));
    const res = await list(t.workspace.id, { secret: t.workspaceKey });
    expectStatus(res, 200);
    expect(res.body.apps).toEqual([]);
  });

  it("lets a parent's key list a child's apps", async () => {
    const res = await list(child.workspace.id, { secret: parent.workspaceKey });
    expectStatus(res, 200);
    expect(ids(res.body)).toEqual([child.app.publicId]);
  });

  it("answers 404 for unknown or malformed workspace references", async () => {
    for (const ref of ["0190a4b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b", "no-such-slug"]) {
      expectError(await list(ref, { secret: parent.workspaceKey }), 404, "workspace_not_found");
    }
    expectError(await list("bad\u0000ref", { secret: parent.workspaceKey }), 404, "not_found");
  });

  const denied: [string, () => CallOptions, () => string, number, string][] = [
    ["no secret", () => ({}), () => parent.workspace.id, 401, "workspace_api_key_required"],
    ["a malformed Authorization header", () => ({ headers: { authorization: "Bearer" } }), () => parent.workspace.id, 401, "unauthorized"],
    ["a revoked workspace key", () => ({ secret: revoked.workspaceKey }), () => revoked.workspace.id, 401, "invalid_api_key"],
    ["an app key of the workspace", () => ({ secret: parent.appKey }), () => parent.workspace.id, 403, "forbidden"],
    ["another workspace's key", () => ({ secret: other.workspaceKey }), () => parent.workspace.id, 404, "workspace_not_found"],
    ["a child's key on its parent", () => ({ secret: child.workspaceKey }), () => parent.workspace.id, 404, "workspace_not_found"],
    ["a child's key on a sibling", () => ({ secret: child.workspaceKey }), () => sibling.workspace.id, 404, "workspace_not_found"],
    ["a child's key on its parent's slug", () => ({ secret: child.workspaceKey }), () => parent.workspace.slug, 404, "workspace_not_found"],
  ];

  it.each(denied)("refuses %s without leaking apps", async (_label, opts, ref, status, code) => {
    const res = await list(ref(), opts());
    expectError(res, status, code);
    expect(res.body).not.toHaveProperty("apps");
    expect(res.text).not.toContain("app_");
  });

  it("answers the CORS preflight with 204", async () => {
    const res = await call(OPTIONS, "OPTIONS", `/v1/workspaces/${parent.workspace.id}/apps`);
    expect(res.status).toBe(204);
  });
});
