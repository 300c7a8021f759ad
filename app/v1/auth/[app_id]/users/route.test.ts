import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { appUsers, outboxMessages, userMetaFields } from "@/db/schema";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { authenticate, countUsers, latestLink, latestMessage, loginLink, newEmail, setApp, userByEmail } from "../magic_links/test-fixtures";
import { GET, POST } from "./route";

let t: Tenant;
let other: Tenant;
beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
  const now = new Date();
  await (await getDb())
    .insert(userMetaFields)
    .values({ id: randomUUID(), appId: t.app.id, name: "Company", fieldName: "company", fieldType: "string", required: true, createdAt: now, updatedAt: now });
});

const lookup = (query: Record<string, string>, headers: Record<string, string> = {}) =>
  call(GET, "GET", `/v1/auth/${t.app.publicId}/users`, { params: { app_id: t.app.publicId }, query, headers });
const create = (body: unknown, secret?: string, appId = t.app.publicId) =>
  call(POST, "POST", `/v1/auth/${appId}/users`, { params: { app_id: appId }, body, secret });
const messagesTo = async (to: string) =>
  (await getDb()).select().from(outboxMessages).where(eq(outboxMessages.to, to));

describe("GET /v1/auth/{app_id}/users (public lookup)", () => {
  it("answers 200 { user: null } for unknown identifiers and ids, and never creates a user", async () => {
    const before = await countUsers(t.app);
    const queries: Record<string, string>[] = [{ identifier: newEmail() }, { identifier: "+14155550123" }, { user_id: randomUUID() }, { user_id: "nope" }];
    for (const query of queries) {
      const res = await lookup(query, { authorization: "Bearer scapp_whatever" });
      expectStatus(res, 200);
      expect(res.body).toEqual({ user: null });
    }
    expect(await countUsers(t.app)).toBe(before);
  });

  it("finds a user exactly (email case-insensitive) by identifier or id, with required_fields", async () => {
    const email = newEmail();
    await loginLink(t.app, email);
    const res = await lookup({ identifier: email.toUpperCase() });
    expectStatus(res, 200);
    const user = await userByEmail(t.app, email);
    expect(res.body.user).toEqual({
      id: user?.id,
      status: "pending",
      email,
      email_verified: false,
      phone: null,
      phone_verified: false,
      webauthn_enabled: false,
      required_fields: [{ field: "company", required: true }],
    });
    expect((await lookup({ user_id: user?.id ?? "" })).body.user.id).toBe(user?.id);
    // Never fuzzy: a prefix or another app finds nothing.
    expect((await lookup({ identifier: email.slice(0, -1) })).body.user).toBeNull();
    const foreign = await call(GET, "GET", `/v1/auth/${other.app.publicId}/users`, {
      params: { app_id: other.app.publicId },
      query: { user_id: user?.id ?? "" },
    });
    expect(foreign.body).toEqual({ user: null });
  });

  it("reports inactive users with their status", async () => {
    const email = newEmail();
    await loginLink(t.app, email);
    await (await getDb()).update(appUsers).set({ status: "inactive" }).where(eq(appUsers.email, email));
    expect((await lookup({ identifier: email })).body.user.status).toBe("inactive");
  });

  it("400 for neither or both parameters and for malformed identifiers", async () => {
    expectError(await lookup({}), 400, "bad_request");
    expectError(await lookup({ identifier: newEmail(), user_id: randomUUID() }), 400, "bad_request");
    expectError(await lookup({ identifier: "a＠x.test" }), 400, "invalid_identifier");
  });
});

describe("POST /v1/auth/{app_id}/users (create)", () => {
  it("with the app's secret: active, unverified, silent; invalid meta reported, valid meta stored", async () => {
    const email = newEmail();
    const res = await create({ identifier: email, user_meta: { company: "Acme", extra: 1 } }, t.appKey);
    expectStatus(res, 200);
    expect(res.body.user).toMatchObject({ email, status: "active", email_verified: false, meta: { company: "Acme" }, app_id: t.app.publicId });
    expect(res.body.user_meta_errors).toEqual({ extra: [expect.any(String)] });
    expect(await messagesTo(email)).toHaveLength(0);
    expectError(await create({ identifier: email.toUpperCase() }, t.appKey), 409, "identifier_taken");
  });

  it("with a secret and send_confirmation: emails a register link; phones are accepted when the app allows them", async () => {
    const email = newEmail();
    expectStatus(await create({ identifier: email, send_confirmation: "true" }, t.workspaceKey), 200);
    expect((await latestMessage(t.app, email)).template).toBe("magic_link_register");
    expectError(await create({ identifier: "+14155550123" }, t.appKey), 400, "invalid_identifier");
    await setApp(t.app, { allowedIdentifiers: ["email", "phone"] });
    try {
      const res = await create({ identifier: "+1 (415) 555-0124" }, t.appKey);
      expectStatus(res, 200);
      expect(res.body.user.phone).toBe("+14155550124");
    } finally {
      await setApp(t.app, { allowedIdentifiers: ["email"] });
    }
  });

  it("without a secret: pending plus a confirmation link that activates the user", async () => {
    const email = newEmail();
    const res = await create({ identifier: email, user_meta: JSON.stringify({ company: "Self" }) });
    expectStatus(res, 200);
    expect(res.body.user).toMatchObject({ status: "pending", meta: { company: "Self" } });
    expect((await latestMessage(t.app, email)).template).toBe("magic_link_register");
    expectStatus(await authenticate(t.app, { token: (await latestLink(t.app, email)).token }), 200);
    expect((await userByEmail(t.app, email))?.status).toBe("active");
  });

  it("without a secret and with public sign-up off: 401 api_key_required, nothing written", async () => {
    await setApp(t.app, { publicSignup: false });
    try {
      const before = await countUsers(t.app);
      expectError(await create({ identifier: newEmail() }), 401, "api_key_required");
      expect(await countUsers(t.app)).toBe(before);
      expectStatus(await create({ identifier: newEmail() }, t.appKey), 200);
    } finally {
      await setApp(t.app, { publicSignup: true });
    }
  });

  it("refuses bad secrets and other apps' keys", async () => {
    expectError(await create({ identifier: newEmail() }, "scapp_unknownunknownunknownunknown00"), 401, "invalid_api_key");
    expectError(await create({ identifier: newEmail() }, other.appKey), 403, "api_key_not_authorized");
    expectError(await create({ identifier: newEmail() }, other.workspaceKey), 404, "app_not_found");
  });

  it("bad inputs are 4xx and write nothing", async () => {
    const before = await countUsers(t.app);
    expectError(await create({}), 400, "bad_request");
    expectError(await create({ identifier: "junk" }), 400, "invalid_identifier");
    expectError(await create({ identifier: newEmail(), user_meta: [1, 2] }), 400, "bad_request");
    expectError(await create({ identifier: newEmail(), user_meta: "text" }), 400, "bad_request");
    expect(await countUsers(t.app)).toBe(before);
  });

  it("anonymous creates share the magic-link send limit per identifier", async () => {
    const email = newEmail();
    for (let i = 0; i < 4; i++) await loginLink(t.app, email);
    expectError(await create({ identifier: email }), 409, "identifier_taken");
    expectError(await create({ identifier: email }), 429, "rate_limited");
  });
});
