import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { apiKeys, appUsers, baseUsers, events, memberships, members, outboxMessages, userMetaFields } from "@/db/schema";
import { signIn } from "@/lib/sessions/test-fixtures";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { confirmInvite, latestLink, newEmail } from "../../auth/[app_id]/magic_links/test-fixtures";
import { GET, POST } from "./route";

let t: Tenant;
let other: Tenant;
let child: Tenant;
beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
  child = await createTenant({ parentWorkspaceId: t.workspace.id });
  const now = new Date();
  await (await getDb()).insert(userMetaFields).values([
    { id: randomUUID(), appId: t.app.id, name: "Plan", fieldName: "plan", fieldType: "string", createdAt: now, updatedAt: now },
    { id: randomUUID(), appId: t.app.id, name: "Seats", fieldName: "seats", fieldType: "integer", createdAt: now, updatedAt: now },
  ]);
});

const url = (tenant: Tenant) => `/v1/${tenant.app.publicId}/users`;
/** `secret`: the tenant's app key by default; null sends none. */
const list = (tenant: Tenant, query: Record<string, string> = {}, secret: string | null = tenant.appKey, appId = tenant.app.publicId) =>
  call(GET, "GET", url(tenant), { params: { app_id: appId }, query, secret: secret ?? undefined });
const create = (tenant: Tenant, body: unknown, secret: string | null = tenant.appKey) =>
  call(POST, "POST", url(tenant), { params: { app_id: tenant.app.publicId }, body, secret: secret ?? undefined });
const usersOf = async (tenant: Tenant) => (await getDb()).select().from(appUsers).where(eq(appUsers.appId, tenant.app.id));
const emailsOf = (res: { body: { users: { email: string }[] } }) => res.body.users.map((u) => u.email);

describe("POST /v1/{app_id}/users (full form)", () => {
  it("creates an active, unverified user with names, external id, meta and authz attributes, and records user.created", async () => {
    const email = newEmail();
    const res = await create(t, {
      email: email.toUpperCase(),
      phone: "+1 (415) 555-0101",
      first_name: "Ada",
      middle_name: "King",
      last_name: "<b>Lovelace</b>",
      external_id: "ext-1",
      user_meta: { plan: "pro", seats: "3", bogus: 1 },
      authz_attributes: { role: "admin" },
    });
    expectStatus(res, 200);
    expect(res.body.user).toMatchObject({
      status: "active",
      email: email.toUpperCase(),
      email_verified: false,
      phone: "+14155550101",
      phone_verified: false,
      name: "Ada King <b>Lovelace</b>",
      external_id: "ext-1",
      meta: { plan: "pro", seats: 3 },
      user_meta: { plan: "pro", seats: 3 },
      authz_attributes: { role: "admin" },
      sessions: [],
      app_id: t.app.publicId,
      workspace_id: t.workspace.id,
    });
    expect(res.body.user_meta_errors).toEqual({ bogus: ["is not a declared meta field"] });
    const db = await getDb();
    const [ev] = await db.select().from(events).where(and(eq(events.slug, "user.created"), eq(events.appUserId, res.body.user.id)));
    expect(ev?.actorType).toBe("api_key");
    expect(JSON.stringify(ev?.params)).not.toContain(email);
    // No email unless asked.
    expect(await db.select().from(outboxMessages).where(eq(outboxMessages.to, email.toUpperCase()))).toHaveLength(0);
  });

  it("accepts the legacy identifier, a wrapped body, form bodies and status inactive", async () => {
    const a = newEmail();
    const r1 = await create(t, { identifier: a });
    expectStatus(r1, 200);
    expect(r1.body.user.email).toBe(a);
    const r2 = await create(t, { user: { identifier: "+14155550102", status: "inactive" } });
    expectStatus(r2, 200);
    expect(r2.body.user).toMatchObject({ phone: "+14155550102", email: null, status: "inactive" });
    const b = newEmail();
    const r3 = await create(t, new URLSearchParams({ email: b, "user_meta[plan]": "team", first_name: "Form" }));
    expectStatus(r3, 200);
    expect(r3.body.user).toMatchObject({ email: b, meta: { plan: "team" }, name: "Form" });
  });

  it("sends an invitation that confirm_invite completes", async () => {
    const email = newEmail();
    const res = await create(t, { email, send_invite: true });
    expectStatus(res, 200);
    const { token } = await latestLink(t.app, email);
    const done = await confirmInvite(t.app, { token });
    expectStatus(done, 200);
    expect(done.body.access).toEqual(expect.any(String));
  });

  it("refuses duplicates with 409 and writes nothing", async () => {
    const email = newEmail();
    expectStatus(await create(t, { email, external_id: "dup-ext" }), 200);
    const before = (await usersOf(t)).length;
    expectError(await create(t, { email: email.toUpperCase() }), 409, "identifier_taken");
    expectError(await create(t, { email: newEmail(), external_id: "dup-ext" }), 409, "external_id_taken");
    expectError(await create(t, { phone: "+14155550101" }), 409, "identifier_taken");
    expect(await usersOf(t)).toHaveLength(before);
  });

  it.each([
    ["no identifier", {}, 400, "bad_request"],
    ["a bad email", { email: "a@@x.test" }, 400, "invalid_email"],
    ["a full-width at-sign", { email: "a＠x.test" }, 400, "invalid_email"],
    ["a bad phone", { phone: "5551234" }, 400, "invalid_phone"],
    ["a bad identifier", { identifier: "nope" }, 400, "invalid_identifier"],
    ["an unknown status", { email: "s@x.test", status: "imported" }, 422, "validation_failed"],
    ["a NUL in a name", { email: "n@x.test", first_name: "a\u0000b" }, 400, "bad_request"],
    ["a 257-char name", { email: "l@x.test", first_name: "n".repeat(257) }, 422, "validation_failed"],
    ["meta that is an array", { email: "m@x.test", user_meta: [1] }, 400, "bad_request"],
    ["send_invite without an email", { phone: "+14155550199", send_invite: true }, 400, "email_required"],
  ])("refuses %s", async (_label, body, status, code) => {
    const before = (await usersOf(t)).length;
    expectError(await create(t, body), status, code);
    expect(await usersOf(t)).toHaveLength(before);
  });

  it("adds a workspace member only with a workspace key, never as owner", async () => {
    const email = newEmail();
    expectError(await create(t, { email, add_as_workspace_member: true }), 403, "forbidden");
    expectError(await create(t, { email, add_as_workspace_member: true, workspace_role: "owner" }, t.workspaceKey), 422, "validation_failed");
    const res = await create(t, { email, add_as_workspace_member: true, workspace_role: "admin" }, t.workspaceKey);
    expectStatus(res, 200);
    const db = await getDb();
    const [member] = await db.select().from(members).where(eq(members.email, email));
    expect(member).toBeDefined();
    const [m] = await db.select().from(memberships).where(eq(memberships.memberId, member?.id ?? ""));
    expect(m).toMatchObject({ workspaceId: t.workspace.id, role: "admin" });
  });

  it("enforces the tenant rules and creates nothing (T19)", async () => {
    const email = newEmail();
    expectError(await create(other, { email }, null), 401, "api_key_required");
    expectError(await create(other, { email }, t.appKey), 403, "api_key_not_authorized");
    expectError(await create(other, { email }, t.workspaceKey), 404, "app_not_found");
    expectError(await create(t, { email }, child.workspaceKey), 404, "app_not_found");
    const db = await getDb();
    const revoked = await createTenant();
    await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.appId, revoked.app.id));
    expectError(await create(revoked, { email }, revoked.appKey), 401, "invalid_api_key");
    expect(await db.select().from(appUsers).where(eq(appUsers.email, email))).toHaveLength(0);
    // A parent workspace key reaches the child's app.
    expectStatus(await create(child, { email }, t.workspaceKey), 200);
  });
});

describe("GET /v1/{app_id}/users", () => {
  let s: Tenant;
  const people = [
    ["Jonathan", "Smith", "jonathan.smith@example.com", "+14155550111", "active"],
    ["Maria", "Garcia", "maria.garcia@example.com", "+14155550112", "active"],
    ["Smitty", "Werben", "smitty@example.com", null, "inactive"],
    ["Ana", "Lopez", "ana_100%@example.com", null, "active"],
    ["Zoë", "O'Brien", "zoe@example.org", null, "active"],
  ] as const;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    s = await createTenant();
    for (const [first, last, email, phone, status] of people) {
      const res = await create(s, { first_name: first, last_name: last, email, ...(phone ? { phone } : {}), status, external_id: `x-${first}` });
      expectStatus(res, 200);
      ids[first] = res.body.user.id;
    }
  });

  it("lists newest first with flat pagination meta and full users (sessions included)", async () => {
    await signIn(s.app, { email: "maria.garcia@example.com" });
    const res = await list(s);
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ total_count: 5, total_pages: 1, current_page: 1, next_page: null, prev_page: null, per_page: 25 });
    expect(emailsOf(res)).toEqual([...people].reverse().map((p) => p[2]));
    const maria = res.body.users.find((u: { email: string }) => u.email === "maria.garcia@example.com");
    expect(maria.sessions).toHaveLength(1);
    expect(maria.sessions[0]).toMatchObject({ type: "magic" });
  });

  it("pages with limit/per_page, clamps sizes over 100 and refuses zero or negative values", async () => {
    const p2 = await list(s, { page: "2", limit: "2" });
    expectStatus(p2, 200);
    expect(p2.body).toMatchObject({ total_count: 5, total_pages: 3, current_page: 2, next_page: 3, prev_page: 1, per_page: 2 });
    expect(emailsOf(p2)).toEqual([people[2][2], people[1][2]]);
    const p3 = await list(s, { page: "3", per_page: "2" });
    expect(p3.body).toMatchObject({ next_page: null, prev_page: 2 });
    expect(p3.body.users).toHaveLength(1);
    const beyond = await list(s, { page: "9", limit: "2" });
    expectStatus(beyond, 200);
    expect(beyond.body.users).toEqual([]);
    const clamped = await list(s, { limit: "1000000000" });
    expectStatus(clamped, 200);
    expect(clamped.body.per_page).toBe(100);
    for (const bad of <Record<string, string>[]>[{ page: "0" }, { page: "-1" }, { page: "1.5" }, { page: "abc" }, { limit: "0" }, { limit: "-5" }, { per_page: "10;DROP" }]) {
      expectError(await list(s, bad), 400, "bad_request");
    }
    const twice = await call(GET, "GET", `${url(s)}?limit=10&limit=1000`, { params: { app_id: s.app.publicId }, secret: s.appKey });
    expectError(twice, 400, "bad_request");
  });

  it("filters exactly by id, email (any case), phone, external_id, status and created_before", async () => {
    expect(emailsOf(await list(s, { id: ids.Maria ?? "" }))).toEqual(["maria.garcia@example.com"]);
    expect(emailsOf(await list(s, { id: "not-a-uuid" }))).toEqual([]);
    expect(emailsOf(await list(s, { email: "MARIA.garcia@example.com" }))).toEqual(["maria.garcia@example.com"]);
    expect(emailsOf(await list(s, { email: "maria.garcia@example" }))).toEqual([]);
    expect(emailsOf(await list(s, { phone: "+1 415 555 0111" }))).toEqual(["jonathan.smith@example.com"]);
    expect(emailsOf(await list(s, { external_id: "x-Ana" }))).toEqual(["ana_100%@example.com"]);
    expect(emailsOf(await list(s, { status: "inactive" }))).toEqual(["smitty@example.com"]);
    expect((await list(s, { created_before: "2000-01-01" })).body.total_count).toBe(0);
    expect((await list(s, { created_before: new Date(Date.now() + 60_000).toISOString() })).body.total_count).toBe(5);
    expect(emailsOf(await list(s, { status: "active", search: "smith" }))).toEqual(["jonathan.smith@example.com"]);
  });

  it("refuses malformed filters with 400", async () => {
    for (const bad of <Record<string, string>[]>[{ status: "deleted" }, { created_before: "not-a-date" }, { created_before: "2024-13-01" }, { created_before: "2024-02-30" }]) {
      expectError(await list(s, bad), 400, "bad_request");
    }
  });

  it("finds users by fuzzy search, misspellings included, ranked by relevance", async () => {
    // Misspelt first and last names.
    expect(emailsOf(await list(s, { search: "Jonh" }))[0]).toBe("jonathan.smith@example.com");
    expect(emailsOf(await list(s, { search: "Smtih" }))).toContain("jonathan.smith@example.com");
    expect(emailsOf(await list(s, { q: "garica" }))).toContain("maria.garcia@example.com");
    // Exact substrings rank first: "smith" is in Jonathan's name and email; "Smitty" only resembles it.
    const smith = emailsOf(await list(s, { search: "smith" }));
    expect(smith[0]).toBe("jonathan.smith@example.com");
    // Email and phone fragments: the exact match first (the others only resemble them).
    expect(emailsOf(await list(s, { search: "example.org" }))[0]).toBe("zoe@example.org");
    expect(emailsOf(await list(s, { search: "5550112" }))[0]).toBe("maria.garcia@example.com");
    expect(emailsOf(await list(s, { search: "garcia@example" }))[0]).toBe("maria.garcia@example.com");
    // Unrelated terms find nobody.
    expect((await list(s, { search: "qwxzv" })).body).toMatchObject({ users: [], total_count: 0, total_pages: 0 });
    expectStatus(await list(s, { search: "   " }), 200);
  });

  it("treats LIKE wildcards and SQL in search literally", async () => {
    expect(emailsOf(await list(s, { search: "100%" }))).toEqual(["ana_100%@example.com"]);
    expect(emailsOf(await list(s, { search: "%%%" }))).toEqual([]);
    expect(emailsOf(await list(s, { search: "___" }))).toEqual([]);
    const sqli = await list(s, { search: "'; drop table app_users;--" });
    expectStatus(sqli, 200);
    expect((await list(s)).body.total_count).toBe(5);
  });

  it("enforces the tenant rules and leaks nothing (T19)", async () => {
    expectError(await list(s, {}, null), 401, "api_key_required");
    const foreign = await list(s, {}, other.appKey);
    expectError(foreign, 403, "api_key_not_authorized");
    const ws = await list(s, {}, other.workspaceKey);
    expectError(ws, 404, "app_not_found");
    expect(ws.text).not.toContain("example.com");
    // Filters never cross apps: another app's user id finds nothing here.
    expect((await list(t, { id: ids.Maria ?? "" })).body.users).toEqual([]);
    // By internal id, with the workspace key.
    expectStatus(await list(s, {}, s.workspaceKey, s.app.id), 200);
  });
});

describe("GET /v1/{app_id}/users search tiers", () => {
  it("keeps to exact matches when there are many, and broadens to look-alikes when there are few", async () => {
    const s = await createTenant();
    const db = await getDb();
    const [base] = await db.insert(baseUsers).values({ workspaceId: s.workspace.id, email: "base@example.com" }).returning();
    const rows = Array.from({ length: 26 }, (_, i) => ({ first: "Pat", last: "Smith", email: `pat.smith${i}@example.com` }));
    rows.push({ first: "Kim", last: "Smyth", email: "kim@example.net" });
    await db.insert(appUsers).values(
      rows.map((r, i) => ({
        appId: s.app.id,
        baseUserId: base?.id ?? "",
        status: "active" as const,
        email: r.email,
        firstName: r.first,
        lastName: r.last,
        createdAt: new Date(Date.now() - i * 1000),
      })),
    );
    const exact = await list(s, { search: "smith", limit: "100" });
    expectStatus(exact, 200);
    expect(exact.body.total_count).toBe(26);
    expect(emailsOf(exact)).not.toContain("kim@example.net");
    const fuzzy = await list(s, { search: "smyth", limit: "100" });
    expect(emailsOf(fuzzy)[0]).toBe("kim@example.net");
    expect(fuzzy.body.total_count).toBe(27);
    // Pages of one search stay in one tier.
    const p2 = await list(s, { search: "smith", limit: "20", page: "2" });
    expect(p2.body).toMatchObject({ total_count: 26, total_pages: 2, current_page: 2 });
    expect(emailsOf(p2)).toHaveLength(6);
  });
});
