import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { apiKeys, appUsers, apps, baseUsers, events, sessions } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import type { AppRow } from "@/lib/apps/find-app";
import { systemCtx } from "@/lib/context";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { GET as LIST_APPS } from "../route";
import { DELETE, GET, OPTIONS, PATCH, PUT } from "./route";

let t: Tenant;
let other: Tenant;
let child: Tenant;
beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
  child = await createTenant({ parentWorkspaceId: t.workspace.id });
});

const path = (app: AppRow) => ({ url: `/v1/apps/${app.publicId}`, params: { app_id: app.publicId } });
const patch = (app: AppRow, secret: string | undefined, body: unknown, method = "PATCH") =>
  call(method === "PUT" ? PUT : PATCH, method, path(app).url, { params: path(app).params, secret, body });
const appRow = async (id: string) => (await (await getDb()).select().from(apps).where(eq(apps.id, id)))[0];
const eventsOf = async (appId: string, slug: string) =>
  (await getDb()).select().from(events).where(and(eq(events.appId, appId), eq(events.slug, slug)));
const fieldsIn = (errors: Record<string, unknown> | undefined) => Object.keys(errors ?? {}).map((k) => k.split(".")[0]);

/** A user with a live session in `app` (rows inserted directly: sign-in flows live elsewhere). */
async function sessionIn(app: AppRow): Promise<string> {
  const db = await getDb();
  const [base] = await db.insert(baseUsers).values({ workspaceId: app.workspaceId, email: "u@example.com" }).returning();
  const [user] = await db
    .insert(appUsers)
    .values({ appId: app.id, baseUserId: base?.id ?? "", email: "u@example.com", status: "active" })
    .returning();
  const [session] = await db
    .insert(sessions)
    .values({ appId: app.id, appUserId: user?.id ?? "", type: "magic", expiresAt: new Date(Date.now() + 3_600_000) })
    .returning();
  return session?.id ?? "";
}

describe("GET /v1/apps/{app_id}", () => {
  it("returns the bare public app by public id, ignoring a stray Authorization header", async () => {
    const res = await call(GET, "GET", `/v1/apps/${t.app.publicId}`, {
      params: { app_id: t.app.publicId },
      headers: { authorization: "Bearer scapp_not_a_real_key" },
    });
    expectStatus(res, 200);
    expect(res.body.id).toBe(t.app.publicId);
    expect(res.body.app).toBeUndefined();
    expect(res.body.access_expiration).toBe(3600);
    expect(res.body.auto_refresh).toBe(true);
    expect(res.body.email_auth_type).toBe("magic");
    expect(res.body.public_key).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(res.headers.get("cache-control")).toBe("private, max-age=60");
  });

  it("accepts the internal uuid and still reports the public id", async () => {
    const res = await call(GET, "GET", `/v1/apps/${t.app.id}`, { params: { app_id: t.app.id } });
    expectStatus(res, 200);
    expect(res.body.id).toBe(t.app.publicId);
  });

  it("never exposes admin-only settings or secrets", async () => {
    const res = await call(GET, "GET", `/v1/apps/${t.app.publicId}`, { params: { app_id: t.app.publicId } });
    expect(res.body).not.toHaveProperty("workspace_id");
    expect(res.body).not.toHaveProperty("test_identities_enabled");
    expect(res.text).not.toContain("PRIVATE KEY");
  });

  it("answers 404 app_not_found for unknown and malformed ids", async () => {
    for (const id of ["app_AAAAAAAAAAAAAAAAAAAA", "nope", "00000000-0000-7000-8000-000000000000"]) {
      const res = await call(GET, "GET", `/v1/apps/${id}`, { params: { app_id: id } });
      expectError(res, 404, "app_not_found");
    }
  });

  it("reflects an allowed Origin for CORS and ignores others", async () => {
    const ok = await call(GET, "GET", `/v1/apps/${t.app.publicId}`, {
      params: { app_id: t.app.publicId },
      headers: { origin: "https://app.test" },
    });
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://app.test");
    expect(ok.headers.get("access-control-allow-credentials")).toBe("true");
    const bad = await call(GET, "GET", `/v1/apps/${t.app.publicId}`, {
      params: { app_id: t.app.publicId },
      headers: { origin: "https://evil.test" },
    });
    expect(bad.headers.get("access-control-allow-origin")).toBeNull();
    const pre = await call(OPTIONS, "OPTIONS", `/v1/apps/${t.app.publicId}`, { headers: { origin: "https://app.test" } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-headers")).toContain("X-Authorization");
  });
});

/** Inputs refused on update (threats §3.8, spec §4.5 ranges). */
const BAD_INPUT: [string, Record<string, unknown>, number, string][] = [
  ["empty name", { name: "" }, 422, "validation_failed"],
  ["blank name", { name: "   " }, 422, "validation_failed"],
  ["257-char name", { name: "x".repeat(257) }, 422, "validation_failed"],
  ["empty origin", { origin: "" }, 422, "validation_failed"],
  ["http origin", { origin: "http://app.example.com" }, 422, "validation_failed"],
  ["origin with path", { origin: "https://app.example.com/x" }, 422, "validation_failed"],
  ["origin with userinfo", { origin: "https://u@app.example.com" }, 422, "validation_failed"],
  ["javascript: origin", { origin: "javascript:alert(1)" }, 422, "validation_failed"],
  ["off-origin callback_url", { callback_url: "https://evil.test/cb" }, 422, "validation_failed"],
  ["javascript: login_url", { login_url: "javascript:alert(1)" }, 422, "validation_failed"],
  ["bad colour", { colors: ["#GGGGGG"] }, 422, "validation_failed"],
  ["access_expiration 59", { access_expiration: 59 }, 422, "validation_failed"],
  ["access_expiration 604801", { access_expiration: 604_801 }, 422, "validation_failed"],
  ["refresh_expiration 3599", { refresh_expiration: 3599 }, 422, "validation_failed"],
  ["magic_link_expiration 59", { magic_link_expiration: 59 }, 422, "validation_failed"],
  ["otp_expiration 29", { otp_expiration: 29 }, 422, "validation_failed"],
  ["boolean as text", { public_signup: "maybe" }, 400, "bad_request"],
];

describe("PATCH/PUT /v1/apps/{app_id}", () => {
  it("updates with the app's own key, answers wrapped, records the changed fields", async () => {
    const { app, appKey } = await createTenant();
    const res = await patch(app, appKey, { name: "Renamed", access_expiration: 900, public_signup: true });
    expectStatus(res, 200);
    expect(res.body.app).toMatchObject({ id: app.publicId, name: "Renamed", access_expiration: 900, workspace_id: app.workspaceId });
    expect(await appRow(app.id)).toMatchObject({ name: "Renamed", accessExpiration: 900 });
    const [ev] = await eventsOf(app.id, "app.updated");
    // public_signup was already true: not a change.
    expect(ev?.params).toEqual({ app_id: app.publicId, changed: ["name", "access_expiration"] });
  });

  it("PUT behaves like PATCH; a workspace key reaches its apps and its children's", async () => {
    const res = await patch(t.app, t.workspaceKey, { app: { otp_length: 8 } }, "PUT");
    expectStatus(res, 200);
    expect(res.body.app.otp_length).toBe(8);
    const forChild = await patch(child.app, t.workspaceKey, { session_timeout: 3600 });
    expectStatus(forChild, 200);
    expect((await appRow(child.app.id))?.sessionTimeout).toBe(3600);
  });

  it("accepts form bodies with bracket keys and JSON-string colours", async () => {
    const { app, appKey } = await createTenant();
    const form = new URLSearchParams({ "app[name]": "Form name", "app[colors]": '["#0A0B0C"]', "app[auto_refresh]": "false" });
    const res = await patch(app, appKey, form);
    expectStatus(res, 200);
    expect(await appRow(app.id)).toMatchObject({ name: "Form name", colors: ["#0A0B0C"], autoRefresh: false });
  });

  it("keeps redirect targets on the merged origins", async () => {
    const { app, appKey } = await createTenant();
    const ok = await patch(app, appKey, {
      additional_origins: ["https://other.test"],
      callback_url: "https://other.test/cb",
      login_url: "https://app.test/login",
    });
    expectStatus(ok, 200);
    // Dropping the origin the stored callback_url lives on would strand it.
    const stranded = await patch(app, appKey, { additional_origins: [] });
    expectError(stranded, 422, "validation_failed");
    expect(stranded.body.errors).toHaveProperty("callback_url");
    expect((await appRow(app.id))?.additionalOrigins).toEqual(["https://other.test"]);
    const moved = await patch(app, appKey, { origin: "https://new.test", callback_url: null });
    expectError(moved, 422, "validation_failed");
    expect(moved.body.errors).toHaveProperty("login_url");
    const cleared = await patch(app, appKey, { additional_origins: [], callback_url: null });
    expectStatus(cleared, 200);
    expect(cleared.body.app.callback_url).toBeNull();
  });

  it("invalidates the cached public configuration", async () => {
    const { app, appKey } = await createTenant();
    const before = await call(GET, "GET", path(app).url, { params: path(app).params });
    expect(before.body.access_expiration).toBe(3600);
    expectStatus(await patch(app, appKey, { access_expiration: 120 }), 200);
    const after = await call(GET, "GET", path(app).url, { params: path(app).params });
    expect(after.body.access_expiration).toBe(120);
  });

  it("changes nothing and records nothing for an empty body", async () => {
    const { app, appKey } = await createTenant();
    const res = await patch(app, appKey, {});
    expectStatus(res, 200);
    expect(res.body.app.name).toBe(app.name);
    expect(await eventsOf(app.id, "app.updated")).toHaveLength(0);
  });

  it.each(BAD_INPUT)("refuses %s and leaves the row unchanged", async (_label, body, status, code) => {
    const before = await appRow(t.app.id);
    const res = await patch(t.app, t.appKey, body);
    expectError(res, status, code);
    expect(fieldsIn(res.body.errors)).toContain(Object.keys(body)[0]);
    expect(await appRow(t.app.id)).toEqual(before);
  });

  it("refuses malformed JSON", async () => {
    const res = await call(PATCH, "PATCH", path(t.app).url, {
      params: path(t.app).params,
      secret: t.appKey,
      body: "{not json",
      headers: { "content-type": "application/json" },
    });
    expectError(res, 400, "invalid_json");
  });

  it("enforces the tenant rules and leaves other tenants' rows unchanged (T19)", async () => {
    const before = await appRow(other.app.id);
    expectError(await patch(other.app, undefined, { name: "x" }), 401, "api_key_required");
    expectError(await patch(other.app, "scapp_bogus", { name: "x" }), 401, "invalid_api_key");
    expectError(await patch(other.app, t.appKey, { name: "x" }), 403, "api_key_not_authorized");
    expectError(await patch(other.app, t.workspaceKey, { name: "x" }), 404, "app_not_found");
    expectError(await patch(t.app, child.workspaceKey, { name: "x" }), 404, "app_not_found");
    expect(await appRow(other.app.id)).toEqual(before);
  });
});

describe("DELETE /v1/apps/{app_id}", () => {
  it("soft-deletes, revokes keys and sessions in one go, and records app.deleted (T21)", async () => {
    const tenant = await createTenant();
    const { app, appKey } = tenant;
    const { token: secondKey } = await createApiKey({
      ctx: systemCtx(),
      input: { kind: "app", workspaceId: app.workspaceId, appId: app.id, nickname: "second" },
    });
    const sessionId = await sessionIn(app);
    // Prime the public cache so the test proves invalidation.
    expectStatus(await call(GET, "GET", path(app).url, { params: path(app).params }), 200);

    const res = await call(DELETE, "DELETE", path(app).url, { params: path(app).params, secret: appKey });
    expectStatus(res, 200);
    expect(res.body).toEqual({ message: "ok" });

    const db = await getDb();
    expect((await appRow(app.id))?.deletedAt).toBeInstanceOf(Date);
    const keys = await db.select().from(apiKeys).where(eq(apiKeys.appId, app.id));
    expect(keys.map((k) => k.revokedAt)).toEqual([expect.any(Date), expect.any(Date)]);
    const [session] = await db.select().from(sessions).where(eq(sessions.id, sessionId));
    expect(session).toMatchObject({ revokedAt: expect.any(Date), revokedReason: "app_deleted" });
    const [ev] = await eventsOf(app.id, "app.deleted");
    expect(ev?.params).toMatchObject({ app_id: app.publicId, api_keys_revoked: 2 });

    for (const key of [appKey, secondKey]) expectError(await call(LIST_APPS, "GET", "/v1/apps", { secret: key }), 401, "invalid_api_key");
    expectError(await call(GET, "GET", path(app).url, { params: path(app).params }), 404, "app_not_found");
    const listed = await call(LIST_APPS, "GET", "/v1/apps", { secret: tenant.workspaceKey });
    expect(listed.body.apps).toEqual([]);
    expectError(await call(DELETE, "DELETE", path(app).url, { params: path(app).params, secret: tenant.workspaceKey }), 404, "app_not_found");
    expectError(await patch(app, tenant.workspaceKey, { name: "zombie" }), 404, "app_not_found");
  });

  it("lets a parent workspace key delete a child's app", async () => {
    const kid = await createTenant({ parentWorkspaceId: t.workspace.id });
    const res = await call(DELETE, "DELETE", path(kid.app).url, { params: { app_id: kid.app.id }, secret: t.workspaceKey });
    expectStatus(res, 200);
    expect((await appRow(kid.app.id))?.deletedAt).toBeInstanceOf(Date);
  });

  it("enforces the tenant rules and leaves the app live", async () => {
    const del = (secret?: string) => call(DELETE, "DELETE", path(other.app).url, { params: path(other.app).params, secret });
    expectError(await del(), 401, "api_key_required");
    expectError(await del(t.appKey), 403, "api_key_not_authorized");
    expectError(await del(t.workspaceKey), 404, "app_not_found");
    expect((await appRow(other.app.id))?.deletedAt).toBeNull();
    expectStatus(await call(LIST_APPS, "GET", "/v1/apps", { secret: other.appKey }), 200);
  });
});

describe("webauthn_rp_id (passkey RP ID, spec §9)", () => {
  it("sets a parent domain of every origin, shows it on the admin object only, and clears it with null", async () => {
    const { app, appKey } = await createTenant();
    expectStatus(await patch(app, appKey, { origin: "https://login.example.com" }), 200);
    const res = await patch(app, appKey, { webauthn_rp_id: "Example.com" });
    expectStatus(res, 200);
    expect(res.body.app.webauthn_rp_id).toBe("example.com");
    expect((await appRow(app.id))?.webauthnRpId).toBe("example.com");
    const changes = (await eventsOf(app.id, "app.updated")).map((e) => (e.params as { changed: string[] }).changed);
    expect(changes).toContainEqual(["webauthn_rp_id"]);
    const listed = await call(LIST_APPS, "GET", "/v1/apps", { secret: appKey });
    expect(listed.body.apps[0].webauthn_rp_id).toBe("example.com");
    const pub = await call(GET, "GET", path(app).url, { params: path(app).params });
    expect(pub.body).not.toHaveProperty("webauthn_rp_id");
    const cleared = await patch(app, appKey, { webauthn_rp_id: null });
    expectStatus(cleared, 200);
    expect(cleared.body.app.webauthn_rp_id).toBeNull();
  });

  it.each([
    ["a suffix off a label boundary", "ample.com"],
    ["a sibling domain", "www.example.com"],
    ["a top-level domain", "com"],
    ["a multi-label public suffix", "co.uk"],
    ["an origin, not a domain", "https://example.com"],
    ["an IP address", "127.0.0.1"],
  ])("refuses %s with 422 naming the field, and leaves the row unchanged", async (_label, rpId) => {
    const { app, appKey } = await createTenant();
    expectStatus(await patch(app, appKey, { origin: "https://login.example.com" }), 200);
    const before = await appRow(app.id);
    const res = await patch(app, appKey, { webauthn_rp_id: rpId });
    expectError(res, 422, "validation_failed");
    expect(Object.keys(res.body.errors ?? {})).toEqual(["webauthn_rp_id"]);
    expect(await appRow(app.id)).toEqual(before);
  });

  it("checks the merged origins: an additional origin or a new origin outside the RP ID is refused", async () => {
    const { app, appKey } = await createTenant();
    expectStatus(await patch(app, appKey, { origin: "https://login.example.com", webauthn_rp_id: "example.com" }), 200);
    expectStatus(await patch(app, appKey, { additional_origins: ["https://www.example.com"] }), 200);
    const extra = await patch(app, appKey, { additional_origins: ["https://www.example.com", "https://example.org"] });
    expectError(extra, 422, "validation_failed");
    expect(extra.body.errors.webauthn_rp_id[0]).toContain("https://example.org");
    const moved = await patch(app, appKey, { origin: "https://login.example.net" });
    expectError(moved, 422, "validation_failed");
    expect(moved.body.errors).toHaveProperty("webauthn_rp_id");
    // Moving the origin and the RP ID together is fine.
    const both = await patch(app, appKey, { origin: "https://login.example.net", additional_origins: [], webauthn_rp_id: "example.net" });
    expectStatus(both, 200);
    expect(both.body.app).toMatchObject({ origin: "https://login.example.net", webauthn_rp_id: "example.net" });
  });
});
