import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { events } from "@/db/schema";
import { signIn } from "@/lib/sessions/test-fixtures";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { GET as CURRENT_USER } from "../../../../auth/[app_id]/current_user/route";
import { GET as LIST_APPS_FAMILY } from "../../../../apps/[app_id]/users/[id]/sessions/route";
import { DELETE as REVOKE_APPS_FAMILY } from "../../../../apps/[app_id]/users/[id]/sessions/[session_id]/route";
import { DELETE as REVOKE } from "./[session_id]/route";
import { GET as LIST } from "./route";

let t: Tenant;
let other: Tenant;
beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
});

type Secret = string | null;
const lists = [
  ["/v1/{app_id}/users/{id}/sessions", LIST, (tn: Tenant, id: string) => `/v1/${tn.app.publicId}/users/${id}/sessions`],
  ["/v1/apps/{app_id}/users/{id}/sessions", LIST_APPS_FAMILY, (tn: Tenant, id: string) => `/v1/apps/${tn.app.publicId}/users/${id}/sessions`],
] as const;
const revokes = [
  ["/v1/{app_id}/users/{id}/sessions/{session_id}", REVOKE],
  ["/v1/apps/{app_id}/users/{id}/sessions/{session_id}", REVOKE_APPS_FAMILY],
] as const;

const revoke = (h: typeof REVOKE, tn: Tenant, id: string, sid: string, secret: Secret = tn.appKey) =>
  call(h, "DELETE", `/v1/${tn.app.publicId}/users/${id}/sessions/${sid}`, {
    params: { app_id: tn.app.publicId, id, session_id: sid },
    secret: secret ?? undefined,
  });
const currentUser = (tn: Tenant, access: string) =>
  call(CURRENT_USER, "GET", `/v1/auth/${tn.app.publicId}/current_user`, { params: { app_id: tn.app.publicId }, headers: { "x-authorization": access } });

describe.each(lists)("GET %s", (_path, handler, path) => {
  const list = (tn: Tenant, id: string, secret: Secret = tn.appKey) =>
    call(handler, "GET", path(tn, id), { params: { app_id: tn.app.publicId, id }, secret: secret ?? undefined });

  it("answers a bare array of the user's live sessions, newest first", async () => {
    const a = await signIn(t.app, { now: new Date(Date.now() - 5000) });
    const b = await signIn(t.app, { email: a.user.email ?? "", type: "webauthn", credentialId: "cred-1" });
    const res = await list(t, a.user.id);
    expectStatus(res, 200);
    expect(Array.isArray(res.body)).toBe(true);
    expect(res.body.map((s: { id: string }) => s.id)).toEqual([b.session.id, a.session.id]);
    expect(res.body[0]).toMatchObject({ type: "webauthn", credential_id: "cred-1" });
    expect(res.text).not.toContain(b.refresh);
    const none = await signIn(t.app);
    await revoke(REVOKE, t, none.user.id, none.session.id);
    expect((await list(t, none.user.id)).body).toEqual([]);
  });

  it("404 for unknown and other apps' users; tenant rules (T19)", async () => {
    const victim = await signIn(other.app);
    expectError(await list(t, randomUUID()), 404, "user_not_found");
    const cross = await list(t, victim.user.id);
    expectError(cross, 404, "user_not_found");
    expect(cross.text).not.toContain(victim.session.id);
    expectError(await list(other, victim.user.id, t.appKey), 403, "api_key_not_authorized");
    expectError(await list(other, victim.user.id, t.workspaceKey), 404, "app_not_found");
    expectError(await list(other, victim.user.id, null), 401, "api_key_required");
  });
});

describe.each(revokes)("DELETE %s", (_path, handler) => {
  it("revokes one session: its access token answers 401 at once, the others keep working", async () => {
    const a = await signIn(t.app);
    const b = await signIn(t.app, { email: a.user.email ?? "" });
    const res = await revoke(handler, t, a.user.id, a.session.id);
    expectStatus(res, 200);
    expect(res.body).toEqual({ message: "ok" });
    expect((await currentUser(t, a.payload.access)).status).toBe(401);
    expectStatus(await currentUser(t, b.payload.access), 200);
    const evs = await (await getDb())
      .select()
      .from(events)
      .where(and(eq(events.slug, "session.revoked"), eq(events.appUserId, a.user.id)));
    expect(evs).toHaveLength(1);
    expect(evs[0]?.params).toMatchObject({ session_id: a.session.id, reason: "revoked_by_admin" });
    // Already revoked → 404.
    expectError(await revoke(handler, t, a.user.id, a.session.id), 404, "not_found");
  });

  it("404 for another user's session, unknown ids and other apps (T19); the session stays live", async () => {
    const a = await signIn(t.app);
    const b = await signIn(t.app);
    const victim = await signIn(other.app);
    expectError(await revoke(handler, t, a.user.id, b.session.id), 404, "not_found");
    expectError(await revoke(handler, t, a.user.id, "nope"), 404, "not_found");
    expectError(await revoke(handler, t, randomUUID(), a.session.id), 404, "user_not_found");
    expectError(await revoke(handler, t, victim.user.id, victim.session.id), 404, "user_not_found");
    expectError(await revoke(handler, other, victim.user.id, victim.session.id, t.appKey), 403, "api_key_not_authorized");
    expectError(await revoke(handler, other, victim.user.id, victim.session.id, t.workspaceKey), 404, "app_not_found");
    expectError(await revoke(handler, other, victim.user.id, victim.session.id, null), 401, "api_key_required");
    expectStatus(await currentUser(t, b.payload.access), 200);
    expectStatus(await currentUser(other, victim.payload.access), 200);
  });
});
