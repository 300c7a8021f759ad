import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { appUsers, events, sessions } from "@/db/schema";
import { signIn } from "@/lib/sessions/test-fixtures";
import { call, type CallResult, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { GET as CURRENT_USER } from "../../../../auth/[app_id]/current_user/route";
import { POST as REFRESH } from "../../../../auth/[app_id]/tokens/refresh/route";
import { sendLogin } from "../../../../auth/[app_id]/magic_links/test-fixtures";
import { POST as ACTIVATE } from "../activate/route";
import { POST as DEACTIVATE } from "./route";

let t: Tenant;
let other: Tenant;
beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
});

/** `secret`: the tenant's app key by default; null sends none. */
const setStatus = (h: typeof ACTIVATE, tenant: Tenant, id: string, secret: string | null = tenant.appKey): Promise<CallResult> => {
  const verb = h === ACTIVATE ? "activate" : "deactivate";
  // The SDK posts with no body and no Content-Type.
  return call(h, "POST", `/v1/${tenant.app.publicId}/users/${id}/${verb}`, { params: { app_id: tenant.app.publicId, id }, secret: secret ?? undefined });
};
const currentUser = (tenant: Tenant, access: string) =>
  call(CURRENT_USER, "GET", `/v1/auth/${tenant.app.publicId}/current_user`, { params: { app_id: tenant.app.publicId }, headers: { "x-authorization": access } });
const refresh = (tenant: Tenant, token: string) =>
  call(REFRESH, "POST", `/v1/auth/${tenant.app.publicId}/tokens/refresh`, { params: { app_id: tenant.app.publicId }, headers: { "x-refresh-token": token } });
const eventsOf = async (slug: string, userId: string) =>
  (await getDb()).select().from(events).where(and(eq(events.slug, slug), eq(events.appUserId, userId)));

describe("POST /v1/{app_id}/users/{id}/deactivate and /activate", () => {
  it("deactivation revokes every session at once: live tokens answer 401, sign-in is refused; activation lets the user back", async () => {
    const a = await signIn(t.app);
    const b = await signIn(t.app, { email: a.user.email ?? "" });
    expectStatus(await currentUser(t, a.payload.access), 200);

    const res = await setStatus(DEACTIVATE, t, a.user.id);
    expectStatus(res, 200);
    expect(res.body.user).toMatchObject({ id: a.user.id, status: "inactive", sessions: [] });
    expect((await currentUser(t, a.payload.access)).status).toBe(401);
    expect((await currentUser(t, b.payload.access)).status).toBe(401);
    expect((await refresh(t, b.refresh)).status).toBe(401);
    const rows = await (await getDb()).select().from(sessions).where(eq(sessions.appUserId, a.user.id));
    expect(rows.every((s) => s.revokedAt !== null && s.revokedReason === "user_deactivated")).toBe(true);
    expectError(await sendLogin(t.app, { identifier: a.user.email }), 403, "user_inactive");
    const [ev] = await eventsOf("user.deactivated", a.user.id);
    expect(ev?.params).toMatchObject({ user_id: a.user.id, previous_status: "active", sessions_revoked: 2 });

    // Idempotent: a second deactivation is a 200 and records nothing new.
    expectStatus(await setStatus(DEACTIVATE, t, a.user.id), 200);
    expect(await eventsOf("user.deactivated", a.user.id)).toHaveLength(1);

    const back = await setStatus(ACTIVATE, t, a.user.id);
    expectStatus(back, 200);
    expect(back.body.user.status).toBe("active");
    // Revoked sessions stay revoked; a new sign-in works.
    expect((await currentUser(t, a.payload.access)).status).toBe(401);
    const fresh = await signIn(t.app, { email: a.user.email ?? "" });
    expectStatus(await currentUser(t, fresh.payload.access), 200);
    expectStatus(await setStatus(ACTIVATE, t, a.user.id), 200);
    expect(await eventsOf("user.activated", a.user.id)).toHaveLength(1);
  });

  it("activates a pending user", async () => {
    const p = await signIn(t.app, { status: "pending" });
    const res = await setStatus(ACTIVATE, t, p.user.id);
    expectStatus(res, 200);
    expect(res.body.user.status).toBe("active");
  });

  it("404 for unknown and other apps' users, and the tenant rules; nothing changes (T19)", async () => {
    const victim = await signIn(other.app);
    for (const h of [ACTIVATE, DEACTIVATE]) {
      expectError(await setStatus(h, t, randomUUID()), 404, "user_not_found");
      expectError(await setStatus(h, t, victim.user.id), 404, "user_not_found");
      expectError(await setStatus(h, other, victim.user.id, t.appKey), 403, "api_key_not_authorized");
      expectError(await setStatus(h, other, victim.user.id, t.workspaceKey), 404, "app_not_found");
      expectError(await setStatus(h, other, victim.user.id, null), 401, "api_key_required");
    }
    const [row] = await (await getDb()).select().from(appUsers).where(eq(appUsers.id, victim.user.id));
    expect(row?.status).toBe("active");
    expectStatus(await currentUser(other, victim.payload.access), 200);
  });
});
