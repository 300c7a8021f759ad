import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { apiKeys, appUsers, baseUsers, events, magicLinks, sessions, userMetaFields } from "@/db/schema";
import { signIn } from "@/lib/sessions/test-fixtures";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { GET as CURRENT_USER } from "../../../auth/[app_id]/current_user/route";
import { loginLink, newEmail } from "../../../auth/[app_id]/magic_links/test-fixtures";
import { POST as CREATE } from "../route";
import { DELETE, GET, PATCH, PUT } from "./route";

let t: Tenant;
let other: Tenant;
beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
  const now = new Date();
  await (await getDb()).insert(userMetaFields).values([
    { id: randomUUID(), appId: t.app.id, name: "Plan", fieldName: "plan", fieldType: "string", createdAt: now, updatedAt: now },
    { id: randomUUID(), appId: t.app.id, name: "Seats", fieldName: "seats", fieldType: "integer", createdAt: now, updatedAt: now },
  ]);
});

type Handler = typeof GET;
const at = (tenant: Tenant, id: string) => ({ url: `/v1/${tenant.app.publicId}/users/${id}`, params: { app_id: tenant.app.publicId, id } });
/** `secret`: the tenant's app key by default; null sends none. */
const req = (h: Handler, method: string, tenant: Tenant, id: string, body?: unknown, secret: string | null = tenant.appKey) =>
  call(h, method, at(tenant, id).url, { params: at(tenant, id).params, body, secret: secret ?? undefined });
const get = (tenant: Tenant, id: string, secret: string | null = tenant.appKey) => req(GET, "GET", tenant, id, undefined, secret);
const patch = (tenant: Tenant, id: string, body: unknown, secret: string | null = tenant.appKey) => req(PATCH, "PATCH", tenant, id, body, secret);
const put = (tenant: Tenant, id: string, body: unknown) => req(PUT, "PUT", tenant, id, body);
const del = (tenant: Tenant, id: string, secret: string | null = tenant.appKey) => req(DELETE, "DELETE", tenant, id, undefined, secret);
const currentUser = (tenant: Tenant, access: string) =>
  call(CURRENT_USER, "GET", `/v1/auth/${tenant.app.publicId}/current_user`, { params: { app_id: tenant.app.publicId }, headers: { "x-authorization": access } });

async function newUser(tenant: Tenant, body: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const res = await call(CREATE, "POST", `/v1/${tenant.app.publicId}/users`, {
    params: { app_id: tenant.app.publicId },
    body: { email: newEmail(), ...body },
    secret: tenant.appKey,
  });
  expectStatus(res, 200);
  return res.body.user;
}
const row = async (id: string) => (await (await getDb()).select().from(appUsers).where(eq(appUsers.id, id)))[0];

describe("GET /v1/{app_id}/users/{id}", () => {
  it("shows the full user with its live sessions (revoked ones left out)", async () => {
    const a = await signIn(t.app);
    await signIn(t.app, { email: a.user.email ?? "" });
    const gone = await signIn(t.app, { email: a.user.email ?? "" });
    await (await getDb()).update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, gone.session.id));
    const res = await get(t, a.user.id);
    expectStatus(res, 200);
    expect(res.body.user).toMatchObject({ id: a.user.id, email: a.user.email, status: "active", app_id: t.app.publicId, user_id: a.user.baseUserId });
    expect(res.body.user.sessions).toHaveLength(2);
    expect(res.body.user.sessions.map((s: { id: string }) => s.id)).not.toContain(gone.session.id);
    // By internal app id and with the workspace key too.
    expectStatus(await call(GET, "GET", at(t, a.user.id).url, { params: { app_id: t.app.id, id: a.user.id }, secret: t.workspaceKey }), 200);
  });

  it("404 for unknown, malformed and other apps' ids, and the tenant rules (T19)", async () => {
    const foreign = await newUser(other);
    expectError(await get(t, randomUUID()), 404, "user_not_found");
    expectError(await get(t, "nope"), 404, "user_not_found");
    const cross = await get(t, foreign.id);
    expectError(cross, 404, "user_not_found");
    expect(cross.text).not.toContain(foreign.email);
    expectError(await get(other, foreign.id, null), 401, "api_key_required");
    expectError(await get(other, foreign.id, t.appKey), 403, "api_key_not_authorized");
    const ws = await get(other, foreign.id, t.workspaceKey);
    expectError(ws, 404, "app_not_found");
    expect(ws.text).not.toContain(foreign.email);
  });
});

describe("PATCH / PUT /v1/{app_id}/users/{id}", () => {
  it("updates only the given fields, merges meta, stores HTML literally and records user.updated without values", async () => {
    const u = await newUser(t, { first_name: "Grace", last_name: "Hopper", user_meta: { plan: "free", seats: 1 }, external_id: "gh" });
    const res = await patch(t, u.id, {
      last_name: "<script>alert(1)</script>",
      user_meta: { seats: "5" },
      authz_attributes: { roles: ["admin"] },
      status: "inactive",
      email_verified: true,
    });
    expectStatus(res, 200);
    expect(res.body.user).toMatchObject({
      name: "Grace <script>alert(1)</script>",
      external_id: "gh",
      meta: { plan: "free", seats: 5 },
      authz_attributes: { roles: ["admin"] },
      // Not assignable through this route.
      status: "active",
      email_verified: false,
    });
    const [ev] = await (await getDb())
      .select()
      .from(events)
      .where(and(eq(events.slug, "user.updated"), eq(events.appUserId, u.id)));
    expect(ev?.params).toMatchObject({ user_id: u.id, fields: expect.arrayContaining(["last_name", "meta", "authz_attributes"]) });
    expect(JSON.stringify(ev?.params)).not.toContain("script");
    // A null meta value removes the key; `name` splits into first and last.
    const again = await patch(t, u.id, { user_meta: { plan: null }, name: "Grace Brewster Hopper" });
    expect(again.body.user.meta).toEqual({ seats: 5 });
    expect((await row(u.id))).toMatchObject({ firstName: "Grace", middleName: null, lastName: "Brewster Hopper" });
  });

  it("refuses undeclared or mistyped meta keys with 422 and writes nothing", async () => {
    const u = await newUser(t, { user_meta: { plan: "free" } });
    const before = await row(u.id);
    const res = await patch(t, u.id, { first_name: "Changed", user_meta: { plan: "pro", hacker: true } });
    expectError(res, 422, "user_meta_invalid");
    expect(res.body.errors).toEqual({ hacker: ["is not a declared meta field"] });
    expectError(await patch(t, u.id, { user_meta: { seats: "12a" } }), 422, "user_meta_invalid");
    expect(await row(u.id)).toEqual(before);
  });

  it("unverifies a changed email or phone, refuses duplicates (409) and bad identifiers (400)", async () => {
    const taken = await newUser(t, { external_id: "taken-ext" });
    const u = await newUser(t, { phone: "+14155550140" });
    await (await getDb()).update(appUsers).set({ emailVerified: true, phoneVerified: true }).where(eq(appUsers.id, u.id));
    // Same address in another case: still verified.
    expect((await patch(t, u.id, { email: u.email.toUpperCase() })).body.user.email_verified).toBe(true);
    const email = newEmail();
    const res = await patch(t, u.id, { email, phone: "+1 415 555 0141" });
    expectStatus(res, 200);
    expect(res.body.user).toMatchObject({ email, email_verified: false, phone: "+14155550141", phone_verified: false });
    expectError(await patch(t, u.id, { email: taken.email.toUpperCase() }), 409, "identifier_taken");
    expectError(await patch(t, u.id, { external_id: "taken-ext" }), 409, "external_id_taken");
    expectError(await patch(t, u.id, { email: "not-an-email" }), 400, "invalid_email");
    expectError(await patch(t, u.id, { phone: "123" }), 400, "invalid_phone");
    expectError(await patch(t, u.id, { email: null, phone: null }), 422, "validation_failed");
    expect((await row(u.id))?.email).toBe(email);
  });

  it("PUT replaces the profile: fields not given are cleared, identifiers kept", async () => {
    const u = await newUser(t, { first_name: "Alan", last_name: "Turing", external_id: "at", user_meta: { plan: "pro", seats: 2 }, authz_attributes: { a: 1 } });
    const res = await put(t, u.id, { first_name: "Alan", user_meta: { seats: 3 } });
    expectStatus(res, 200);
    expect(res.body.user).toMatchObject({ email: u.email, name: "Alan", external_id: null, meta: { seats: 3 }, authz_attributes: {} });
    expectError(await put(t, u.id, { user_meta: { nope: 1 } }), 422, "user_meta_invalid");
  });

  it("404 for other apps' users and the tenant rules, with the row unchanged (T19)", async () => {
    const foreign = await newUser(other, { first_name: "Foreign" });
    expectError(await patch(t, foreign.id, { first_name: "Hijacked" }), 404, "user_not_found");
    expectError(await patch(other, foreign.id, { first_name: "Hijacked" }, t.appKey), 403, "api_key_not_authorized");
    expectError(await patch(other, foreign.id, { first_name: "Hijacked" }, t.workspaceKey), 404, "app_not_found");
    expectError(await patch(other, foreign.id, { first_name: "Hijacked" }, null), 401, "api_key_required");
    expect((await row(foreign.id))?.firstName).toBe("Foreign");
  });

  it("refuses malformed bodies cleanly", async () => {
    const u = await newUser(t);
    expectError(await patch(t, u.id, { first_name: "a\u0000b" }), 400, "bad_request");
    expectError(await patch(t, u.id, { user_meta: "not json" }), 400, "bad_request");
    expectError(await patch(t, u.id, { authz_attributes: { big: "x".repeat(9000) } }), 422, "validation_failed");
    const bad = await call(PATCH, "PATCH", at(t, u.id).url, { params: at(t, u.id).params, body: "{", headers: { "content-type": "application/json" }, secret: t.appKey });
    expectError(bad, 400, "invalid_json");
  });
});

describe("DELETE /v1/{app_id}/users/{id}", () => {
  it("removes the user with its sessions and links; its tokens answer 401; a second delete is 404", async () => {
    const s = await signIn(t.app);
    await loginLink(t.app, s.user.email ?? "");
    expectStatus(await currentUser(t, s.payload.access), 200);
    const res = await del(t, s.user.id);
    expectStatus(res, 200);
    expect(res.body).toEqual({ message: "ok" });
    const db = await getDb();
    expect(await row(s.user.id)).toBeUndefined();
    expect(await db.select().from(sessions).where(eq(sessions.appUserId, s.user.id))).toHaveLength(0);
    expect(await db.select().from(magicLinks).where(eq(magicLinks.appUserId, s.user.id))).toHaveLength(0);
    // The base user stays (other apps of the workspace may share it).
    expect(await db.select().from(baseUsers).where(eq(baseUsers.id, s.user.baseUserId))).toHaveLength(1);
    expect((await currentUser(t, s.payload.access)).status).toBe(401);
    expectError(await get(t, s.user.id), 404, "user_not_found");
    expectError(await del(t, s.user.id), 404, "user_not_found");
    const [ev] = await db.select().from(events).where(and(eq(events.slug, "user.deleted"), eq(events.appUserId, s.user.id)));
    expect(ev?.params).toMatchObject({ user_id: s.user.id });
  });

  it("never deletes another app's user (T19), and refuses a revoked key", async () => {
    const foreign = await newUser(other);
    expectError(await del(t, foreign.id), 404, "user_not_found");
    expectError(await del(other, foreign.id, t.appKey), 403, "api_key_not_authorized");
    expectError(await del(other, foreign.id, t.workspaceKey), 404, "app_not_found");
    const revoked = await createTenant();
    const victim = await newUser(revoked);
    await (await getDb()).update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.appId, revoked.app.id));
    expectError(await del(revoked, victim.id), 401, "invalid_api_key");
    expect(await row(foreign.id)).toBeDefined();
    expect(await row(victim.id)).toBeDefined();
  });
});
