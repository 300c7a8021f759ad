import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { apiKeys, apps, sessions, webhookEndpoints, workspaces } from "@/db/schema";
import { findLiveApp } from "@/lib/apps/find-app";
import { brandingForApp } from "@/lib/child-workspaces/branding-for-app";
import { sha256Hex } from "@/lib/crypto";
import { signIn } from "@/lib/sessions/test-fixtures";
import { call, type CallOptions, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { POST } from "../route";
import { DELETE, GET, OPTIONS, PATCH } from "./route";

let parent: Tenant;
let other: Tenant;

beforeAll(async () => {
  parent = await createTenant({ name: "Parent for detail" });
  other = await createTenant({ name: "Other for detail" });
});

interface Created {
  workspace_id: string;
  app_id: string;
  api_key_token: string;
  api_key_id: string;
  webhook_endpoint_id: string | null;
}

async function makeChild(body: Record<string, unknown> = {}, tenant: Tenant = parent): Promise<Created> {
  const ws = tenant.workspace.id;
  const res = await call(POST, "POST", `/v1/workspaces/${ws}/children`, {
    body: { name: "Child Co", ...body },
    secret: tenant.workspaceKey,
    params: { workspace_id: ws },
  });
  expectStatus(res, 200);
  return res.body as Created;
}

const route = (ws: string, child: string) => ({
  url: `/v1/workspaces/${ws}/children/${child}`,
  params: { workspace_id: ws, child_id: child },
});
const get = (ws: string, child: string, opts: CallOptions = {}) => {
  const r = route(ws, child);
  return call(GET, "GET", r.url, { ...opts, params: r.params });
};
const patch = (ws: string, child: string, body: unknown, opts: CallOptions = {}) => {
  const r = route(ws, child);
  return call(PATCH, "PATCH", r.url, { body, ...opts, params: r.params });
};
const del = (ws: string, child: string, opts: CallOptions = {}) => {
  const r = route(ws, child);
  return call(DELETE, "DELETE", r.url, { ...opts, params: r.params });
};

async function appRow(publicId: string) {
  const db = await getDb();
  const [row] = await db.select().from(apps).where(eq(apps.publicId, publicId));
  if (!row) throw new Error("app not found");
  return row;
}

describe("GET /v1/workspaces/{workspace_id}/children/{child_id}", () => {
  it("shows the summary, the app key token again and the webhook endpoints with their secrets", async () => {
    const c = await makeChild({ branding_display_name: "Shown", webhook_url: "https://hooks.example.com/v" });
    const res = await get(parent.workspace.id, c.workspace_id, { secret: parent.workspaceKey });
    expectStatus(res, 200);
    expect(res.body).toMatchObject({
      id: c.workspace_id,
      name: "Child Co",
      app_id: c.app_id,
      branding_display_name: "Shown",
      verification_mode: "dismiss",
      countries: [],
      api_key_token: c.api_key_token,
    });
    expect(res.body.webhook_endpoints).toHaveLength(1);
    expect(res.body.webhook_endpoints[0]).toMatchObject({
      id: c.webhook_endpoint_id,
      url: "https://hooks.example.com/v",
      secret: expect.stringMatching(/^whsec_/),
    });
  });

  it("shows api_key_token null once the provisioned key is revoked, and no endpoints without webhook_url", async () => {
    const c = await makeChild();
    const db = await getDb();
    await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, c.api_key_id));
    const res = await get(parent.workspace.id, c.workspace_id, { secret: parent.workspaceKey });
    expectStatus(res, 200);
    expect(res.body.api_key_token).toBeNull();
    expect(res.body.webhook_endpoints).toEqual([]);
  });

  it("404 for an unknown, malformed, deleted or another parent's child", async () => {
    const mine = await makeChild();
    const theirs = await makeChild({}, other);
    const db = await getDb();
    await db.update(workspaces).set({ deletedAt: new Date() }).where(eq(workspaces.id, mine.workspace_id));
    for (const id of ["00000000-0000-4000-8000-000000000000", "not-a-uuid", mine.workspace_id, theirs.workspace_id, parent.workspace.id]) {
      expectError(await get(parent.workspace.id, id, { secret: parent.workspaceKey }), 404, "child_workspace_not_found");
    }
  });

  it("auth: none 401, app key 403, other workspace key 404 (no secrets leak)", async () => {
    const c = await makeChild();
    expectError(await get(parent.workspace.id, c.workspace_id), 401, "workspace_api_key_required");
    expectError(await get(parent.workspace.id, c.workspace_id, { secret: parent.appKey }), 403, "forbidden");
    expectError(await get(parent.workspace.id, c.workspace_id, { secret: c.api_key_token }), 403, "forbidden");
    const res = await get(parent.workspace.id, c.workspace_id, { secret: other.workspaceKey });
    expectError(res, 404, "workspace_not_found");
    expect(res.text).not.toContain(c.api_key_token);
  });
});

describe("PATCH /v1/workspaces/{workspace_id}/children/{child_id}", () => {
  it("propagates branding to the child's app and applies verification settings", async () => {
    const c = await makeChild({ branding_color: "#111111", verification_redirect_url_template: "https://a.test/{ticket_id}" });
    const res = await patch(
      parent.workspace.id,
      c.workspace_id,
      {
        name: "Renamed Co",
        branding_display_name: "Renamed Brand",
        branding_color: "#22AA44",
        branding_logo_url: "https://cdn.test/new.png",
        countries: ["gb"],
        magic_link_expiry: 1200,
        verification_mode: "consent",
        verification_redirect_url_template: "https://b.test/done/{ticket_id}",
        verification_redirect_delay: 0,
        verification_success_message: "Done!",
      },
      { secret: parent.workspaceKey },
    );
    expectStatus(res, 200);
    expect(res.body).toEqual({
      id: c.workspace_id,
      name: "Renamed Co",
      app_id: c.app_id,
      branding_display_name: "Renamed Brand",
      branding_color: "#22AA44",
      branding_logo_url: "https://cdn.test/new.png",
      countries: ["gb"],
      verification_mode: "consent",
      created_at: expect.any(String),
    });
    const app = await appRow(c.app_id);
    expect(app).toMatchObject({
      name: "Renamed Brand",
      colors: ["#22AA44"],
      logo: "https://cdn.test/new.png",
      magicLinkExpiration: 1200,
      verificationMode: "consent",
      verificationRedirectUrlTemplate: "https://b.test/done/{ticket_id}",
      verificationRedirectDelay: 0,
      verificationSuccessMessage: "Done!",
      tenantMode: "verify_only",
    });
    expect(app.additionalOrigins).toEqual(["https://a.test", "https://b.test"]);
    // The hosted pages read the new branding at once (local cache invalidated).
    const live = await findLiveApp(c.app_id);
    if (!live) throw new Error("app gone");
    expect(await brandingForApp(live)).toEqual({ name: "Renamed Brand", color: "#22AA44", logoUrl: "https://cdn.test/new.png" });
  });

  it("clears branding with null: the app falls back to the child's name and loses colour and logo", async () => {
    const c = await makeChild({ branding_display_name: "Brand", branding_color: "#123456", branding_logo_url: "https://cdn.test/l.png" });
    const res = await patch(
      parent.workspace.id,
      c.workspace_id,
      { branding_display_name: null, branding_color: null, branding_logo_url: null },
      { secret: parent.workspaceKey },
    );
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ branding_display_name: null, branding_color: null, branding_logo_url: null });
    expect(await appRow(c.app_id)).toMatchObject({ name: "Child Co", colors: [], logo: null });
  });

  it("moves the provisioned webhook endpoint to a new webhook_url, or creates one", async () => {
    const withHook = await makeChild({ webhook_url: "https://hooks.example.com/old" });
    expectStatus(
      await patch(parent.workspace.id, withHook.workspace_id, { webhook_url: "https://hooks.example.com/new" }, { secret: parent.workspaceKey }),
      200,
    );
    const db = await getDb();
    const app = await appRow(withHook.app_id);
    const hooks = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.appId, app.id));
    expect(hooks.map((h) => [h.id, h.url])).toEqual([[withHook.webhook_endpoint_id, "https://hooks.example.com/new"]]);

    const without = await makeChild();
    expectStatus(
      await patch(parent.workspace.id, without.workspace_id, { webhook_url: "https://hooks.example.com/first" }, { secret: parent.workspaceKey }),
      200,
    );
    const detail = await get(parent.workspace.id, without.workspace_id, { secret: parent.workspaceKey });
    expect(detail.body.webhook_endpoints.map((h: { url: string }) => h.url)).toEqual(["https://hooks.example.com/first"]);
  });

  it("an empty body changes nothing; invalid fields are rejected and nothing changes", async () => {
    const c = await makeChild({ branding_color: "#abcdef" });
    const before = await appRow(c.app_id);
    expectStatus(await patch(parent.workspace.id, c.workspace_id, {}, { secret: parent.workspaceKey }), 200);
    expectError(await patch(parent.workspace.id, c.workspace_id, { branding_color: "blue" }, { secret: parent.workspaceKey }), 422, "validation_failed");
    expectError(await patch(parent.workspace.id, c.workspace_id, { name: "" }, { secret: parent.workspaceKey }), 422, "validation_failed");
    expectError(await patch(parent.workspace.id, c.workspace_id, { countries: ["US "] }, { secret: parent.workspaceKey }), 422, "validation_failed");
    expectError(
      await patch(parent.workspace.id, c.workspace_id, { name: "X", webhook_url: "http://10.0.0.1/x" }, { secret: parent.workspaceKey }),
      400,
      "webhook_url_blocked",
    );
    const after = await appRow(c.app_id);
    expect(after.updatedAt.toISOString()).toBe(before.updatedAt.toISOString());
    expect(after.colors).toEqual(["#abcdef"]);
    const db = await getDb();
    const [ws] = await db.select().from(workspaces).where(eq(workspaces.id, c.workspace_id));
    expect(ws?.name).toBe("Child Co");
  });

  it("auth and reach: none 401, app key 403, other workspace 404, another parent's child 404", async () => {
    const c = await makeChild();
    const theirs = await makeChild({}, other);
    expectError(await patch(parent.workspace.id, c.workspace_id, { name: "Y" }), 401, "workspace_api_key_required");
    expectError(await patch(parent.workspace.id, c.workspace_id, { name: "Y" }, { secret: c.api_key_token }), 403, "forbidden");
    expectError(await patch(parent.workspace.id, c.workspace_id, { name: "Y" }, { secret: other.workspaceKey }), 404, "workspace_not_found");
    expectError(await patch(parent.workspace.id, theirs.workspace_id, { name: "Y" }, { secret: parent.workspaceKey }), 404, "child_workspace_not_found");
    const db = await getDb();
    const [ws] = await db.select().from(workspaces).where(eq(workspaces.id, theirs.workspace_id));
    expect(ws?.name).toBe("Child Co");
  });
});

describe("DELETE /v1/workspaces/{workspace_id}/children/{child_id}", () => {
  it("soft-deletes the child and its apps, revokes its keys and its apps' sessions", async () => {
    const c = await makeChild();
    const app = await appRow(c.app_id);
    // A user session in the child app must die with it.
    const db = await getDb();
    const signed = await signIn(app);
    const res = await del(parent.workspace.id, c.workspace_id, { secret: parent.workspaceKey });
    expectStatus(res, 200);
    expect(res.body).toEqual({ message: "ok" });
    const [ws] = await db.select().from(workspaces).where(eq(workspaces.id, c.workspace_id));
    expect(ws?.deletedAt).toBeInstanceOf(Date);
    expect((await appRow(c.app_id)).deletedAt).toBeInstanceOf(Date);
    const [key] = await db.select().from(apiKeys).where(eq(apiKeys.tokenHash, sha256Hex(c.api_key_token)));
    expect(key?.revokedAt).toBeInstanceOf(Date);
    const [session] = await db.select().from(sessions).where(eq(sessions.id, signed.session.id));
    expect(session?.revokedAt).toBeInstanceOf(Date);
    expect(await findLiveApp(c.app_id)).toBeNull();

    // Gone from the API: get 404, list without it, the key is dead.
    expectError(await get(parent.workspace.id, c.workspace_id, { secret: parent.workspaceKey }), 404, "child_workspace_not_found");
    expectError(await del(parent.workspace.id, c.workspace_id, { secret: parent.workspaceKey }), 404, "child_workspace_not_found");
    expectError(await get(parent.workspace.id, c.workspace_id, { secret: c.api_key_token }), 401, "invalid_api_key");
  });

  it("auth and reach: none 401, child app key 403, other workspace 404, another parent's child 404 (nothing deleted)", async () => {
    const c = await makeChild();
    const theirs = await makeChild({}, other);
    expectError(await del(parent.workspace.id, c.workspace_id), 401, "workspace_api_key_required");
    expectError(await del(parent.workspace.id, c.workspace_id, { secret: c.api_key_token }), 403, "forbidden");
    expectError(await del(parent.workspace.id, c.workspace_id, { secret: other.workspaceKey }), 404, "workspace_not_found");
    expectError(await del(parent.workspace.id, theirs.workspace_id, { secret: parent.workspaceKey }), 404, "child_workspace_not_found");
    expect(await findLiveApp(c.app_id)).not.toBeNull();
    expect(await findLiveApp(theirs.app_id)).not.toBeNull();
  });

  it("answers preflight", async () => {
    const r = route(parent.workspace.id, "x");
    const res = await OPTIONS(new Request(`http://localhost:3999${r.url}`, { method: "OPTIONS" }));
    expect(res.status).toBe(204);
  });
});
