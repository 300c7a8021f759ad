/** The M2M routes of spec §18 together: create, list, verify, refresh, revoke one, revoke own. */
import { eq } from "drizzle-orm";
import { decodeJwt } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { apiKeys, apps, events, m2mSessions } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { systemCtx } from "@/lib/context";
import { sha256Hex } from "@/lib/crypto";
import { signIn } from "@/lib/sessions/test-fixtures";
import { signAppJwt } from "@/lib/tokens/sign-app-jwt";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { GET as currentUser } from "@/app/v1/auth/[app_id]/current_user/route";
import { POST as refreshRoute } from "./refresh/route";
import { DELETE as revokeOwn } from "./session/route";
import { DELETE as revokeOne } from "./sessions/[id]/route";
import { GET as listRoute } from "./sessions/route";
import { POST as tokenRoute } from "./token/route";
import { GET as verifyRoute } from "./verify/route";

let t: Tenant;
let other: Tenant;
let child: Tenant;
beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
  child = await createTenant({ parentWorkspaceId: t.workspace.id });
});

const base = (tenant: Tenant) => `/v1/apps/${tenant.app.publicId}/m2m`;
const p = (tenant: Tenant, extra: Record<string, string> = {}) => ({ app_id: tenant.app.publicId, ...extra });
const create = (tenant: Tenant, secret?: string, body: unknown = { client_name: "billing-service" }) =>
  call(tokenRoute, "POST", `${base(tenant)}/token`, { params: p(tenant), secret, body, headers: { "user-agent": "curl/8.5.0" } });
const list = (tenant: Tenant, secret?: string) => call(listRoute, "GET", `${base(tenant)}/sessions`, { params: p(tenant), secret });
const verify = (tenant: Tenant, headers: Record<string, string>) => call(verifyRoute, "GET", `${base(tenant)}/verify`, { params: p(tenant), headers });
const refresh = (tenant: Tenant, headers: Record<string, string>, body?: unknown) =>
  call(refreshRoute, "POST", `${base(tenant)}/refresh`, { params: p(tenant), headers, body });
const revoke = (tenant: Tenant, id: string, secret?: string) =>
  call(revokeOne, "DELETE", `${base(tenant)}/sessions/${id}`, { params: p(tenant, { id }), secret });
const revokeSelf = (tenant: Tenant, headers: Record<string, string>) => call(revokeOwn, "DELETE", `${base(tenant)}/session`, { params: p(tenant), headers });
const session = async (id: string) => (await (await getDb()).select().from(m2mSessions).where(eq(m2mSessions.id, id)))[0];

describe("POST /v1/apps/{app_id}/m2m/token", () => {
  it("creates a session: M2M JWT (tt m2m, no uuid), refresh JWT, short token stored only hashed", async () => {
    const res = await create(t, t.appKey);
    expectStatus(res, 200);
    expect(Object.keys(res.body).sort()).toEqual(
      ["access", "access_expires_at", "client_name", "csrf", "key_id", "refresh", "refresh_expires_at", "short_token"].sort(),
    );
    expect(res.body.client_name).toBe("billing-service");
    expect(res.body.short_token).toMatch(/^scm2m_[A-Za-z0-9]{40,}$/);
    const claims = decodeJwt(res.body.access);
    expect(claims).toMatchObject({ tt: "m2m", m2m: true, aid: t.app.publicId, wid: t.workspace.id, m2m_use: "access" });
    expect(claims.uuid).toBeUndefined();
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(30 * 24 * 3600);
    expect(new Date(res.body.access_expires_at).getTime()).toBe((claims.exp ?? 0) * 1000);
    expect(decodeJwt(res.body.refresh)).toMatchObject({ tt: "m2m", m2m_use: "refresh", uid: claims.uid });

    const row = await session(String(claims.uid));
    expect(row).toMatchObject({ appId: t.app.id, clientName: "billing-service", shortTokenHash: sha256Hex(res.body.short_token), revokedAt: null });
    expect(JSON.stringify(row)).not.toContain(res.body.short_token);
    const [ev] = await (await getDb()).select().from(events).where(eq(events.slug, "m2m.created"));
    expect(ev?.params).toMatchObject({ m2m_session_id: claims.uid, client_name: "billing-service" });
  });

  it("defaults client_name to m2m; works with the workspace key and on child apps", async () => {
    const res = await create(t, t.workspaceKey, {});
    expectStatus(res, 200);
    expect(res.body.client_name).toBe("m2m");
    expectStatus(await create(child, t.workspaceKey), 200);
    expectError(await create(t, t.appKey, { client_name: "x".repeat(200) }), 422, "validation_failed");
  });

  it("refuses missing, revoked and foreign keys", async () => {
    expectError(await create(t), 401, "api_key_required");
    const { row, token } = await createApiKey({ ctx: systemCtx(), input: { kind: "app", workspaceId: t.workspace.id, appId: t.app.id, nickname: "r" } });
    await (await getDb()).update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, row.id));
    expectError(await create(t, token), 401, "invalid_api_key");
    expectError(await create(t, other.appKey), 403, "api_key_not_authorized");
    const foreign = await create(t, other.workspaceKey);
    expectError(foreign, 404, "app_not_found");
    expect(foreign.body.access).toBeUndefined();
    expectError(await create(t, child.workspaceKey), 404, "app_not_found");
  });
});

describe("M2M credential: verify, refresh, revoke", () => {
  it("verifies the access JWT in Authorization or X-Authorization (raw or Bearer), and the short token", async () => {
    const { body: tok } = await create(t, t.appKey);
    const sid = String(decodeJwt(tok.access).uid);
    for (const headers of <Record<string, string>[]>[
      { authorization: `Bearer ${tok.access}` },
      { "x-authorization": `Bearer ${tok.access}` },
      { "x-authorization": tok.access },
      { "x-authorization": tok.short_token },
      { authorization: `Bearer ${tok.short_token}` },
    ]) {
      const res = await verify(t, headers);
      expectStatus(res, 200);
      expect(res.body).toEqual({ message: "verified", verified: true, session_id: sid, client_name: "billing-service" });
    }
    expect((await session(sid))?.lastUsedAt).toBeTruthy();
  });

  it("refuses missing and wrong credentials: API secrets, other apps' tokens, refresh tokens, forged claims", async () => {
    const { body: tok } = await create(t, t.appKey);
    const { body: theirs } = await create(other, other.appKey);
    expectError(await verify(t, {}), 401, "unauthorized");
    expectError(await verify(t, { authorization: `Bearer ${t.appKey}` }), 401, "unauthorized");
    expectError(await verify(t, { "x-authorization": t.appKey }), 401, "invalid_token");
    expectError(await verify(t, { "x-authorization": theirs.access }), 401, "invalid_token");
    expectError(await verify(t, { "x-authorization": theirs.short_token }), 401, "invalid_token");
    expectError(await verify(t, { "x-authorization": "scm2m_doesnotexistdoesnotexistdoesnotexist" }), 401, "invalid_token");
    expectError(await verify(t, { "x-authorization": tok.refresh }), 401, "invalid_token");
    // An m2m-typed JWT that claims a user (`uuid`) or lacks `m2m: true` is not an M2M access token.
    const sid = String(decodeJwt(tok.access).uid);
    const forged1 = await signAppJwt(t.app, { type: "m2m", ttlSeconds: 60, claims: { m2m: true, uid: sid, wid: t.workspace.id, m2m_use: "access", uuid: sid } });
    expectError(await verify(t, { "x-authorization": forged1.token }), 401, "invalid_token");
    const forged2 = await signAppJwt(t.app, { type: "m2m", ttlSeconds: 60, claims: { uid: sid, wid: t.workspace.id, m2m_use: "access" } });
    expectError(await verify(t, { "x-authorization": forged2.token }), 401, "invalid_token");
  });

  it("a user access token is not an M2M token, and an M2M token is not a user access token", async () => {
    const user = await signIn(t.app);
    expectError(await verify(t, { "x-authorization": user.payload.access }), 401, "invalid_token");
    expectError(await verify(t, { authorization: `Bearer ${user.payload.access}` }), 401, "invalid_token");
    const { body: tok } = await create(t, t.appKey);
    const cu = (token: string) => call(currentUser, "GET", `/v1/auth/${t.app.publicId}/current_user`, { params: { app_id: t.app.publicId }, headers: { "x-authorization": token } });
    expectStatus(await cu(user.payload.access), 200);
    expectError(await cu(tok.access), 401, "invalid_token");
    expectError(await cu(tok.short_token), 401, "invalid_token");
  });

  it("refresh rotates the refresh token; the replaced one is reuse and revokes the session", async () => {
    const { body: tok } = await create(t, t.appKey);
    const sid = String(decodeJwt(tok.access).uid);
    const first = await refresh(t, { authorization: `Bearer ${tok.access}`, "x-refresh-token": tok.refresh });
    expectStatus(first, 200);
    expect(Object.keys(first.body).sort()).toEqual(["access", "access_expires_at", "csrf", "key_id", "refresh", "refresh_expires_at"]);
    expect(first.body.refresh).not.toBe(tok.refresh);
    expect(decodeJwt(first.body.access)).toMatchObject({ uid: sid, tt: "m2m", m2m_use: "access" });
    expectStatus(await verify(t, { "x-authorization": first.body.access }), 200);

    // Body form, with the short token as the access credential.
    const second = await refresh(t, { "x-authorization": tok.short_token }, { refresh: first.body.refresh });
    expectStatus(second, 200);

    // Replaying an old refresh token: reuse → the session is revoked.
    expectError(await refresh(t, { "x-refresh-token": first.body.refresh }), 401, "refresh_token_reused");
    expect((await session(sid))?.revokedAt).toBeTruthy();
    expectError(await verify(t, { "x-authorization": second.body.access }), 401, "session_revoked");
    expectError(await refresh(t, { "x-refresh-token": second.body.refresh }), 401, "session_revoked");
  });

  it("refresh refuses: no refresh token, an access token as refresh, another session's access, another app", async () => {
    const { body: a } = await create(t, t.appKey);
    const { body: b } = await create(t, t.appKey);
    expectError(await refresh(t, { authorization: `Bearer ${a.access}` }), 401, "unauthorized");
    expectError(await refresh(t, { "x-refresh-token": a.access }), 401, "invalid_token");
    expectError(await refresh(t, { "x-refresh-token": a.refresh, authorization: `Bearer ${b.access}` }), 401, "invalid_token");
    expectError(await refresh(t, { "x-refresh-token": a.refresh, "x-authorization": b.short_token }), 401, "invalid_token");
    expectError(await refresh(other, { "x-refresh-token": a.refresh }), 401, "invalid_token");
    const user = await signIn(t.app);
    expectError(await refresh(t, { "x-refresh-token": user.refresh }), 401, "invalid_token");
    // None of that consumed a's refresh token.
    expectStatus(await refresh(t, { "x-refresh-token": a.refresh }), 200);
  });

  it("DELETE /m2m/sessions/{id} revokes at once; lists show it inactive; other apps' ids are 404", async () => {
    const { body: tok } = await create(t, t.appKey, { client_name: "to-revoke" });
    const sid = String(decodeJwt(tok.access).uid);
    const { body: theirs } = await create(other, other.appKey);
    const theirId = String(decodeJwt(theirs.access).uid);

    expectError(await revoke(t, theirId, t.appKey), 404, "not_found");
    expect((await session(theirId))?.revokedAt).toBeNull();
    expectError(await revoke(t, "nope", t.appKey), 404, "not_found");
    expectError(await revoke(t, sid), 401, "api_key_required");
    expectError(await revoke(t, sid, other.workspaceKey), 404, "app_not_found");
    expect((await session(sid))?.revokedAt).toBeNull();

    const res = await revoke(t, sid, t.appKey);
    expectStatus(res, 200);
    expect(res.body).toEqual({ message: "ok" });
    expectStatus(await revoke(t, sid, t.appKey), 200);
    expectError(await verify(t, { "x-authorization": tok.access }), 401, "session_revoked");
    expectError(await verify(t, { "x-authorization": tok.short_token }), 401, "session_revoked");
    expectError(await refresh(t, { "x-refresh-token": tok.refresh }), 401, "session_revoked");

    const listed = await list(t, t.appKey);
    expectStatus(listed, 200);
    const mine = listed.body.sessions.find((s: { id: string }) => s.id === sid);
    expect(mine).toMatchObject({ status: false, type: "m2m", client_name: "to-revoke", display_name: "to-revoke", user_agent: "curl/8.5.0" });
    expect(Object.keys(mine).sort()).toEqual(
      ["access_expiration", "browser", "client_name", "created_at", "display_name", "id", "last_used_at", "last_used_at_ip", "nickname", "platform", "refresh_expiration", "status", "type", "updated_at", "user_agent", "user_agent_shortname"].sort(),
    );
    expect(listed.body.sessions.some((s: { status: boolean }) => s.status)).toBe(true);
    expect(listed.text).not.toContain(tok.short_token);
    expect(listed.body.sessions.map((s: { id: string }) => s.id)).not.toContain(theirId);
  });

  it("GET /m2m/sessions needs a key that reaches the app", async () => {
    expectError(await list(t), 401, "api_key_required");
    expectError(await list(t, other.appKey), 403, "api_key_not_authorized");
    const foreign = await list(t, other.workspaceKey);
    expectError(foreign, 404, "app_not_found");
    expect(foreign.body.sessions).toBeUndefined();
    expectStatus(await list(t, t.workspaceKey), 200);
  });

  it("DELETE /m2m/session revokes the caller's own session only", async () => {
    const { body: mine } = await create(t, t.appKey);
    const { body: sibling } = await create(t, t.appKey);
    expectError(await revokeSelf(t, {}), 401, "unauthorized");
    expectError(await revokeSelf(t, { authorization: `Bearer ${t.appKey}` }), 401, "unauthorized");
    expectStatus(await revokeSelf(t, { "x-authorization": mine.short_token }), 200);
    expectError(await verify(t, { "x-authorization": mine.access }), 401, "session_revoked");
    expectError(await revokeSelf(t, { "x-authorization": mine.access }), 401, "session_revoked");
    expectStatus(await verify(t, { "x-authorization": sibling.access }), 200);
  });

  it("a deleted app's M2M tokens stop verifying; an expired short token is 401", async () => {
    const gone = await createTenant();
    const { body: tok } = await create(gone, gone.appKey);
    const sid = String(decodeJwt(tok.access).uid);
    await (await getDb()).update(m2mSessions).set({ accessExpiresAt: new Date(Date.now() - 1000) }).where(eq(m2mSessions.id, sid));
    expectError(await verify(gone, { "x-authorization": tok.short_token }), 401, "token_expired");
    await (await getDb()).update(apps).set({ deletedAt: new Date() }).where(eq(apps.id, gone.app.id));
    expect((await verify(gone, { "x-authorization": tok.access })).status).toBe(401);
  });
});
