import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { appUsers, events, outboxMessages, userMetaFields } from "@/db/schema";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { confirmInvite, latestLink, newEmail, setApp } from "../../../auth/[app_id]/magic_links/test-fixtures";
import { POST as DEACTIVATE } from "../[id]/deactivate/route";
import { POST } from "./route";

let t: Tenant;
let other: Tenant;
beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
  t = { ...t, app: await setApp(t.app, { loginUrl: "https://app.test/login?from=invite" }) };
  const now = new Date();
  await (await getDb()).insert(userMetaFields).values([
    { id: randomUUID(), appId: t.app.id, name: "Company", fieldName: "company", fieldType: "string", required: true, createdAt: now, updatedAt: now },
    { id: randomUUID(), appId: t.app.id, name: "Seats", fieldName: "seats", fieldType: "integer", createdAt: now, updatedAt: now },
  ]);
});

const invite = (tn: Tenant, body: unknown, secret: string | null = tn.appKey) =>
  call(POST, "POST", `/v1/${tn.app.publicId}/users/invite`, { params: { app_id: tn.app.publicId }, body, secret: secret ?? undefined });
const messagesTo = async (to: string) => (await getDb()).select().from(outboxMessages).where(eq(outboxMessages.to, to));

describe("POST /v1/{app_id}/users/invite", () => {
  it("creates a pending user, emails a single-use invitation link that confirm_invite completes", async () => {
    const email = newEmail();
    const res = await invite(t, { identifier: email, user_meta: { company: "<b>Acme</b>", nope: 1 } });
    expectStatus(res, 200);
    expect(res.body.user).toMatchObject({ email, status: "pending", email_verified: false, meta: { company: "<b>Acme</b>" } });
    expect(res.body.user_meta_errors).toEqual({ nope: ["is not a declared meta field"] });
    const { url, token } = await latestLink(t.app, email);
    expect(`${url.origin}${url.pathname}`).toBe("https://app.test/login");
    expect(url.searchParams.get("from")).toBe("invite");
    expect(res.text).not.toContain(token);
    const db = await getDb();
    const [ev] = await db.select().from(events).where(and(eq(events.slug, "user.invited"), eq(events.appUserId, res.body.user.id)));
    expect(ev?.params).toMatchObject({ user_id: res.body.user.id, reinvite: false });
    expect(JSON.stringify(ev)).not.toContain(token);

    const done = await confirmInvite(t.app, { token });
    expectStatus(done, 200);
    expect(done.body.access).toEqual(expect.any(String));
    const [row] = await db.select().from(appUsers).where(eq(appUsers.id, res.body.user.id));
    expect(row).toMatchObject({ status: "active", emailVerified: true });
    // Single use.
    expect((await confirmInvite(t.app, { token })).status).toBe(404);
    // Now active: inviting again is a conflict.
    expectError(await invite(t, { identifier: email.toUpperCase() }), 409, "identifier_taken");
  });

  it("re-invites a pending user with a fresh link, and refuses an inactive one", async () => {
    const email = newEmail();
    const first = await invite(t, { email });
    expectStatus(first, 200);
    const again = await invite(t, { identifier: email, user_meta: { seats: "4" } });
    expectStatus(again, 200);
    expect(again.body.user).toMatchObject({ id: first.body.user.id, meta: { seats: 4 } });
    expect(await messagesTo(email)).toHaveLength(2);
    await call(DEACTIVATE, "POST", `/v1/${t.app.publicId}/users/${first.body.user.id}/deactivate`, {
      params: { app_id: t.app.publicId, id: first.body.user.id },
      secret: t.appKey,
    });
    expectError(await invite(t, { identifier: email }), 403, "user_inactive");
  });

  it("refuses missing or malformed identifiers and sends nothing", async () => {
    expectError(await invite(t, {}), 400, "email_required");
    expectError(await invite(t, { identifier: "+14155550123" }), 400, "invalid_identifier");
    expectError(await invite(t, { identifier: "a@evil.test,b@victim.test" }), 400, "invalid_identifier");
    expectError(await invite(t, { identifier: "a@x.test\r\nBcc: b@victim.test" }), 400, "invalid_identifier");
    expectError(await invite(t, { identifier: newEmail(), user_meta: "nope" }), 400, "bad_request");
    expect(await messagesTo("b@victim.test")).toHaveLength(0);
  });

  it("limits invitations per address", async () => {
    const email = newEmail();
    for (let i = 0; i < 5; i++) expectStatus(await invite(t, { identifier: email }), 200);
    const limited = await invite(t, { identifier: email });
    expectError(limited, 429, "rate_limited");
    expect(limited.headers.get("retry-after")).toBeTruthy();
  });

  it("enforces the tenant rules and creates nothing (T19)", async () => {
    const email = newEmail();
    expectError(await invite(other, { identifier: email }, null), 401, "api_key_required");
    expectError(await invite(other, { identifier: email }, t.appKey), 403, "api_key_not_authorized");
    expectError(await invite(other, { identifier: email }, t.workspaceKey), 404, "app_not_found");
    expect(await (await getDb()).select().from(appUsers).where(eq(appUsers.email, email))).toHaveLength(0);
    expect(await messagesTo(email)).toHaveLength(0);
  });
});
