import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { apiKeys, apps, signingKeys, webhookEndpoints, workspaces } from "@/db/schema";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { VERIFICATION_EVENT_TYPES } from "@/lib/child-workspaces/scope";
import { sha256Hex } from "@/lib/crypto";
import { call, type CallOptions, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { GET, OPTIONS, POST } from "./route";

let parent: Tenant;
let other: Tenant;
let legacyChild: Tenant;

beforeAll(async () => {
  parent = await createTenant({ name: "Parent MSP" });
  other = await createTenant({ name: "Other MSP" });
  // A child made outside the API (no provisioned app key), with its own workspace key.
  legacyChild = await createTenant({ parentWorkspaceId: parent.workspace.id, name: "Legacy child" });
});

const path = (ws: string) => `/v1/workspaces/${ws}/children`;
const create = (ws: string, body: unknown, opts: CallOptions = {}) =>
  call(POST, "POST", path(ws), { body, ...opts, params: { workspace_id: ws } });
const list = (ws: string, opts: CallOptions = {}) => call(GET, "GET", path(ws), { ...opts, params: { workspace_id: ws } });

async function childCount(parentId: string): Promise<number> {
  const db = await getDb();
  const rows = await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.parentWorkspaceId, parentId));
  return rows.length;
}

describe("POST /v1/workspaces/{workspace_id}/children", () => {
  it("creates the child and provisions a branded verify-only app, its key and a verification webhook", async () => {
    const res = await create(
      parent.workspace.id,
      {
        name: "Acme Dental",
        branding_display_name: "Acme Dental Care",
        branding_color: "#0A7CFF",
        branding_logo_url: "https://cdn.acme.test/logo.png",
        countries: ["us", "CA"],
        magic_link_expiry: 600,
        webhook_url: "https://hooks.example.com/verifications",
        verification_mode: "consent",
        verification_redirect_url_template: "https://crm.acme.test/tickets/{ticket_id}?c={contact_id}",
        verification_redirect_delay: 7,
        verification_success_message: "Thanks, you are verified.",
      },
      { secret: parent.workspaceKey },
    );
    expectStatus(res, 200);
    const b = res.body;
    expect(Object.keys(b).sort()).toEqual(
      ["api_key_id", "api_key_token", "app_id", "webhook_endpoint_id", "workspace", "workspace_id"].sort(),
    );
    expect(b.app_id).toMatch(/^app_/);
    expect(b.api_key_token).toMatch(/^scapp_/);
    expect(b.workspace).toMatchObject({ id: b.workspace_id, name: "Acme Dental", parent_workspace_id: parent.workspace.id });
    expect(b.webhook_endpoint_id).toEqual(expect.any(String));

    const db = await getDb();
    const [ws] = await db.select().from(workspaces).where(eq(workspaces.id, b.workspace_id));
    expect(ws).toMatchObject({
      parentWorkspaceId: parent.workspace.id,
      brandingDisplayName: "Acme Dental Care",
      brandingColor: "#0A7CFF",
      brandingLogoUrl: "https://cdn.acme.test/logo.png",
      countries: ["us", "ca"],
    });
    const [app] = await db.select().from(apps).where(eq(apps.publicId, b.app_id));
    expect(app).toMatchObject({
      workspaceId: b.workspace_id,
      tenantMode: "verify_only",
      name: "Acme Dental Care",
      colors: ["#0A7CFF"],
      logo: "https://cdn.acme.test/logo.png",
      verificationMode: "consent",
      verificationRedirectUrlTemplate: "https://crm.acme.test/tickets/{ticket_id}?c={contact_id}",
      verificationRedirectDelay: 7,
      verificationSuccessMessage: "Thanks, you are verified.",
      magicLinkExpiration: 600,
      origin: "http://localhost:3999",
      additionalOrigins: ["https://crm.acme.test"],
    });
    if (!app) throw new Error("no app");
    const keys = await db.select().from(signingKeys).where(eq(signingKeys.appId, app.id));
    expect(keys).toHaveLength(1);

    // The key is an app key of the child app, stored hashed and (only this kind) encrypted.
    const [key] = await db.select().from(apiKeys).where(eq(apiKeys.id, b.api_key_id));
    expect(key).toMatchObject({ kind: "app", appId: app.id, workspaceId: b.workspace_id, tokenHash: sha256Hex(b.api_key_token) });
    expect(key?.tokenEncrypted).toEqual(expect.any(String));
    expect(key?.tokenEncrypted).not.toContain(b.api_key_token);
    const actor = await authenticateApiKey(b.api_key_token, new Date());
    expect(actor).toMatchObject({ keyKind: "app", appId: app.id, workspaceId: b.workspace_id });

    const [hook] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, b.webhook_endpoint_id));
    expect(hook).toMatchObject({ appId: app.id, url: "https://hooks.example.com/verifications", enabled: true });
    expect([...(hook?.eventTypes ?? [])].sort()).toEqual([...VERIFICATION_EVENT_TYPES].sort());
    expect(hook?.eventTypes.every((t) => t.startsWith("verification."))).toBe(true);
  });

  it("applies the defaults: name as app name, dismiss, 4 s delay, 900 s expiry, no webhook", async () => {
    const res = await create(parent.workspace.id, { name: "Plain Child" }, { secret: parent.workspaceKey });
    expectStatus(res, 200);
    expect(res.body.webhook_endpoint_id).toBeNull();
    const db = await getDb();
    const [app] = await db.select().from(apps).where(eq(apps.publicId, res.body.app_id));
    expect(app).toMatchObject({
      name: "Plain Child",
      tenantMode: "verify_only",
      colors: [],
      logo: null,
      verificationMode: "dismiss",
      verificationRedirectDelay: 4,
      magicLinkExpiration: 900,
      additionalOrigins: [],
    });
    const [ws] = await db.select().from(workspaces).where(eq(workspaces.id, res.body.workspace_id));
    expect(ws).toMatchObject({ brandingDisplayName: null, brandingColor: null, countries: null });
  });

  it("accepts the parent's slug in the path", async () => {
    const res = await create(parent.workspace.slug, { name: "By slug" }, { secret: parent.workspaceKey });
    expectStatus(res, 200);
    expect(res.body.workspace.parent_workspace_id).toBe(parent.workspace.id);
  });

  it.each([
    ["a missing name", {}, 400, "bad_request"],
    ["an empty name", { name: "" }, 422, "validation_failed"],
    ["a name over 256 characters", { name: "x".repeat(257) }, 422, "validation_failed"],
    ["branding_color with CSS text", { name: "C", branding_color: "red;background:url(x)" }, 422, "validation_failed"],
    ["a 3-digit branding_color", { name: "C", branding_color: "#fff" }, 422, "validation_failed"],
    ["an http logo", { name: "C", branding_logo_url: "http://cdn.test/l.png" }, 422, "validation_failed"],
    ["a data: logo", { name: "C", branding_logo_url: "data:image/png;base64,AAAA" }, 422, "validation_failed"],
    ["a javascript: logo", { name: "C", branding_logo_url: "javascript:alert(1)" }, 422, "validation_failed"],
    ["an unknown country", { name: "C", countries: ["xx"] }, 422, "validation_failed"],
    ["a padded country", { name: "C", countries: ["US "] }, 422, "validation_failed"],
    ["magic_link_expiry 0", { name: "C", magic_link_expiry: 0 }, 422, "validation_failed"],
    ["magic_link_expiry -1", { name: "C", magic_link_expiry: -1 }, 422, "validation_failed"],
    ["magic_link_expiry 10^9", { name: "C", magic_link_expiry: 1_000_000_000 }, 422, "validation_failed"],
    ["magic_link_expiry as a string", { name: "C", magic_link_expiry: "900" }, 400, "bad_request"],
    ["an unknown verification_mode", { name: "C", verification_mode: "auto" }, 422, "validation_failed"],
    ["a non-URL redirect template", { name: "C", verification_redirect_url_template: "not a url {x}" }, 422, "validation_failed"],
    ["an http redirect template", { name: "C", verification_redirect_url_template: "http://crm.test/{ticket_id}" }, 422, "validation_failed"],
    ["verification_redirect_delay 61", { name: "C", verification_redirect_delay: 61 }, 422, "validation_failed"],
  ])("rejects %s and creates nothing", async (_label, body, status, code) => {
    const before = await childCount(parent.workspace.id);
    const res = await create(parent.workspace.id, body, { secret: parent.workspaceKey });
    expectError(res, status, code);
    expect(await childCount(parent.workspace.id)).toBe(before);
  });

  it.each(["http://127.0.0.1/hook", "https://localhost/hook", "https://169.254.169.254/latest", "https://[::1]/x", "ftp://hooks.test/x"])(
    "rejects webhook_url %s (webhook URL rules) and creates nothing",
    async (url) => {
      const before = await childCount(parent.workspace.id);
      const res = await create(parent.workspace.id, { name: "Hooked", webhook_url: url }, { secret: parent.workspaceKey });
      expectError(res, 400, "webhook_url_blocked");
      expect(await childCount(parent.workspace.id)).toBe(before);
    },
  );

  it("needs a workspace key: none 401, unknown 401, app key 403, revoked 401", async () => {
    expectError(await create(parent.workspace.id, { name: "X" }), 401, "workspace_api_key_required");
    expectError(await create(parent.workspace.id, { name: "X" }, { secret: `scwor_${"a".repeat(40)}` }), 401, "invalid_api_key");
    expectError(await create(parent.workspace.id, { name: "X" }, { secret: parent.appKey }), 403, "forbidden");
    const t = await createTenant();
    const db = await getDb();
    await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.tokenHash, sha256Hex(t.workspaceKey)));
    expectError(await create(t.workspace.id, { name: "X" }, { secret: t.workspaceKey }), 401, "invalid_api_key");
  });

  it("another workspace's key, or an unknown workspace, is 404 and creates nothing", async () => {
    const before = await childCount(parent.workspace.id);
    expectError(await create(parent.workspace.id, { name: "X" }, { secret: other.workspaceKey }), 404, "workspace_not_found");
    expectError(await create("00000000-0000-4000-8000-000000000000", { name: "X" }, { secret: parent.workspaceKey }), 404, "workspace_not_found");
    expect(await childCount(parent.workspace.id)).toBe(before);
  });

  it("a child workspace cannot have children: its own key 403, its parent's key 403", async () => {
    for (const secret of [legacyChild.workspaceKey, parent.workspaceKey]) {
      expectError(await create(legacyChild.workspace.id, { name: "Grandchild" }, { secret }), 403, "forbidden");
    }
    expect(await childCount(legacyChild.workspace.id)).toBe(0);
  });

  it("a child's key never reaches its parent (404)", async () => {
    expectError(await create(parent.workspace.id, { name: "X" }, { secret: legacyChild.workspaceKey }), 404, "workspace_not_found");
  });
});

describe("GET /v1/workspaces/{workspace_id}/children", () => {
  it("lists the live children oldest first as ChildSummary objects", async () => {
    const p = await createTenant({ name: "Lister" });
    const a = await create(p.workspace.id, { name: "A", branding_color: "#112233", countries: ["de"] }, { secret: p.workspaceKey });
    const c = await create(p.workspace.id, { name: "B", verification_mode: "consent" }, { secret: p.workspaceKey });
    expectStatus(a, 200);
    expectStatus(c, 200);
    const res = await list(p.workspace.id, { secret: p.workspaceKey });
    expectStatus(res, 200);
    expect(res.body.workspace_id).toBe(p.workspace.id);
    expect(res.body.children).toHaveLength(2);
    expect(res.body.children[0]).toEqual({
      id: a.body.workspace_id,
      name: "A",
      app_id: a.body.app_id,
      branding_display_name: null,
      branding_color: "#112233",
      branding_logo_url: null,
      countries: ["de"],
      verification_mode: "dismiss",
      created_at: expect.any(String),
    });
    expect(res.body.children[1]).toMatchObject({ id: c.body.workspace_id, verification_mode: "consent" });
    // Summaries never carry secrets.
    expect(res.text).not.toContain("scapp_");
  });

  it("leaves out soft-deleted children and other parents' children", async () => {
    const p = await createTenant({ name: "Lister 2" });
    const kept = await create(p.workspace.id, { name: "Kept" }, { secret: p.workspaceKey });
    const gone = await create(p.workspace.id, { name: "Gone" }, { secret: p.workspaceKey });
    const db = await getDb();
    await db.update(workspaces).set({ deletedAt: new Date() }).where(eq(workspaces.id, gone.body.workspace_id));
    await create(other.workspace.id, { name: "Stranger" }, { secret: other.workspaceKey });
    const res = await list(p.workspace.id, { secret: p.workspaceKey });
    expectStatus(res, 200);
    expect(res.body.children.map((c: { id: string }) => c.id)).toEqual([kept.body.workspace_id]);
  });

  it("lists a child made without a provisioned app with app_id null", async () => {
    const p = await createTenant({ name: "Lister 3" });
    const bare = await createTenant({ parentWorkspaceId: p.workspace.id, name: "Bare" });
    const db = await getDb();
    await db.update(apps).set({ deletedAt: new Date() }).where(and(eq(apps.workspaceId, bare.workspace.id), isNull(apps.deletedAt)));
    const res = await list(p.workspace.id, { secret: p.workspaceKey });
    expectStatus(res, 200);
    expect(res.body.children).toEqual([expect.objectContaining({ id: bare.workspace.id, app_id: null, verification_mode: null, countries: [] })]);
  });

  it("auth: none 401, app key 403, other workspace 404, child key on its parent 404", async () => {
    expectError(await list(parent.workspace.id), 401, "workspace_api_key_required");
    expectError(await list(parent.workspace.id, { secret: parent.appKey }), 403, "forbidden");
    expectError(await list(parent.workspace.id, { secret: other.workspaceKey }), 404, "workspace_not_found");
    expectError(await list(parent.workspace.id, { secret: legacyChild.workspaceKey }), 404, "workspace_not_found");
  });

  it("answers preflight", async () => {
    const res = await OPTIONS(new Request(`http://localhost:3999${path(parent.workspace.id)}`, { method: "OPTIONS" }));
    expect(res.status).toBe(204);
  });
});
