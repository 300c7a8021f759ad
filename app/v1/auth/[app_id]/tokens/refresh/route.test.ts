import { and, eq } from "drizzle-orm";
import { decodeJwt } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { events } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import { sha256Hex } from "@/lib/crypto";
import { resetEnvForTests } from "@/lib/env";
import { authPath, patchApp, patchSession, pastTokens, sessionRow, setUserStatus, signIn } from "@/lib/sessions/test-fixtures";
import { call, type CallResult, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { GET as CURRENT_USER } from "../../current_user/route";
import { POST } from "./route";

// These tests exercise the opt-in grace window (TESSERA_REFRESH_GRACE_SECONDS);
// refresh-strict.test.ts covers the default, strict mode.
const GRACE = 30;
process.env.TESSERA_REFRESH_GRACE_SECONDS = String(GRACE);
resetEnvForTests();

let t: Tenant;
let other: Tenant;
beforeAll(async () => {
  [t, other] = await Promise.all([createTenant(), createTenant()]);
});

/** The browser SDK's request: POST, no body, no Content-Type, raw X-Refresh-Token. */
const refresh = (token: string | null, extra: Record<string, string> = {}, app: AppRow = t.app) => {
  const p = authPath(app, "tokens/refresh");
  return call(POST, "POST", p.url, { params: p.params, headers: { ...(token ? { "x-refresh-token": token } : {}), ...extra } });
};
const me = (access: string) => {
  const p = authPath(t.app, "current_user");
  return call(CURRENT_USER, "GET", p.url, { params: p.params, headers: { "x-authorization": access } });
};
const jtiHash = (token: string) => sha256Hex(String(decodeJwt(token).jti));
/** Move the session's last rotation out of the grace window. */
const endGrace = (sessionId: string) =>
  patchSession(sessionId, { refreshRotatedAt: new Date(Date.now() - (GRACE + 1) * 1000) });

describe("POST /v1/auth/{app_id}/tokens/refresh", () => {
  it("rotates: new access (exp = iat + access_expiration) and a new single-use refresh token", async () => {
    const s = await signIn(t.app);
    const res = await refresh(s.refresh);
    expectStatus(res, 200);
    expect(Object.keys(res.body).sort()).toEqual(
      ["access", "access_expires_at", "csrf", "key_id", "refresh", "refresh_expires_at", "user_id"].sort(),
    );
    const access = decodeJwt(res.body.access);
    expect(access.exp).toBe(Number(access.iat) + t.app.accessExpiration);
    expect(access).toMatchObject({ uid: s.session.id, uuid: s.user.id, tt: "access" });
    expect(res.body.access_expires_at).toBe(new Date(Number(access.exp) * 1000).toISOString());
    expect(res.body.refresh).not.toBe(s.refresh);
    const next = decodeJwt(res.body.refresh);
    expect(next).toMatchObject({ uid: s.session.id, tt: "refresh" });
    expect(next.exp).toBe(Number(next.iat) + t.app.refreshExpiration);
    const row = await sessionRow(s.session.id);
    expect(row).toMatchObject({
      refreshGeneration: 1,
      refreshJtiHash: jtiHash(res.body.refresh),
      prevRefreshJtiHash: jtiHash(s.refresh),
      revokedAt: null,
    });
    // Sliding: the session lives as long as its newest refresh token.
    expect(Math.floor((row?.expiresAt.getTime() ?? 0) / 1000)).toBe(next.exp);
    expectStatus(await me(res.body.access), 200);
    // The chain goes on.
    expectStatus(await refresh(res.body.refresh), 200);
  });

  it("ignores an API secret in Authorization beside X-Refresh-Token, and never takes it for the refresh token", async () => {
    const s = await signIn(t.app);
    expectStatus(await refresh(s.refresh, { authorization: `Bearer ${t.appKey}` }), 200);
    expectError(await refresh(null, { authorization: `Bearer ${t.appKey}` }), 401, "unauthorized");
    expectError(await refresh(null, { authorization: `Bearer ${t.workspaceKey}` }), 401, "unauthorized");
  });

  it("accepts `Authorization: Bearer <refresh JWT>` only when X-Refresh-Token is absent", async () => {
    const s = await signIn(t.app);
    const res = await refresh(null, { authorization: `Bearer ${s.refresh}` });
    expectStatus(res, 200);
    // X-Refresh-Token wins over a JWT in Authorization.
    const s2 = await signIn(t.app);
    expectStatus(await refresh(s2.refresh, { authorization: `Bearer ${s.refresh}` }), 200);
    expect((await sessionRow(s2.session.id))?.refreshGeneration).toBe(1);
  });

  it("within the grace window, the replaced token gets an access token but no refresh token", async () => {
    const s = await signIn(t.app);
    const first = await refresh(s.refresh);
    expectStatus(first, 200);
    const again = await refresh(s.refresh);
    expectStatus(again, 200);
    expect(again.body).not.toHaveProperty("refresh");
    expect(again.body).not.toHaveProperty("refresh_expires_at");
    expect(decodeJwt(again.body.access).uid).toBe(s.session.id);
    expect((await sessionRow(s.session.id))?.refreshGeneration).toBe(1);
    // The successor is untouched and still redeemable.
    expectStatus(await refresh(first.body.refresh), 200);
  });

  it("reuse after the grace window revokes the session: old, newest refresh and access tokens all stop working", async () => {
    const s = await signIn(t.app);
    const rotated = await refresh(s.refresh);
    expectStatus(rotated, 200);
    await endGrace(s.session.id);
    expectError(await refresh(s.refresh), 401, "refresh_token_reused");
    expect(await sessionRow(s.session.id)).toMatchObject({ revokedReason: "refresh_token_reused" });
    expectError(await refresh(rotated.body.refresh), 401, "session_revoked");
    expectError(await me(rotated.body.access), 401, "session_revoked");
    expectError(await me(s.payload.access), 401, "session_revoked");
    const recorded = await (await getDb())
      .select()
      .from(events)
      .where(and(eq(events.appUserId, s.user.id), eq(events.slug, "session.revoked")));
    expect(recorded.map((e) => e.params)).toEqual([{ session_id: s.session.id, user_id: s.user.id, reason: "refresh_token_reused" }]);
  });

  it("a token two rotations old is reuse at once, even within the grace window (same second)", async () => {
    const s = await signIn(t.app);
    const r2 = await refresh(s.refresh);
    const r3 = await refresh(r2.body.refresh);
    expectStatus(r3, 200);
    expectError(await refresh(s.refresh), 401, "refresh_token_reused");
    expectError(await refresh(r3.body.refresh), 401, "session_revoked");
  });

  it("10 parallel refreshes of one token issue exactly one distinct new refresh token", async () => {
    for (let round = 0; round < 3; round++) {
      const s = await signIn(t.app);
      const results: CallResult[] = await Promise.all(Array.from({ length: 10 }, () => refresh(s.refresh)));
      for (const r of results) expect([200, 401], r.text).toContain(r.status);
      const minted = new Set(results.filter((r) => r.status === 200 && r.body.refresh).map((r) => r.body.refresh as string));
      expect(minted.size).toBe(1);
      for (const r of results.filter((x) => x.status === 200)) expect(decodeJwt(r.body.access).uid).toBe(s.session.id);
      const row = await sessionRow(s.session.id);
      expect(row?.refreshGeneration).toBe(1);
      const [winner] = [...minted];
      expect(row?.refreshJtiHash).toBe(jtiHash(winner ?? ""));
      expectStatus(await refresh(winner ?? null), 200);
    }
  });

  it("does not rotate when the app's refresh_payload is off: access only, same refresh token keeps working", async () => {
    const quiet = await createTenant();
    await patchApp(quiet.app.id, { refreshPayload: false });
    const s = await signIn({ ...quiet.app, refreshPayload: true });
    for (let i = 0; i < 2; i++) {
      const res = await refresh(s.refresh, {}, quiet.app);
      expectStatus(res, 200);
      expect(res.body).not.toHaveProperty("refresh");
      expect(res.body.access).toBeTruthy();
    }
    expect((await sessionRow(s.session.id))?.refreshGeneration).toBe(0);
  });

  describe("answers 401 for every bad credential", () => {
    it("missing, malformed, or an access token presented as a refresh token", async () => {
      expectError(await refresh(null), 401, "unauthorized");
      for (const junk of ["", "x", "a.b", "a b", "Bearer "]) {
        expectError(await refresh(null, { "x-refresh-token": junk }), 401, "invalid_token");
      }
      const s = await signIn(t.app);
      expectError(await refresh(s.payload.access), 401, "invalid_token");
      expectError(await refresh(null, { authorization: `Bearer ${s.payload.access}` }), 401, "invalid_token");
    });

    it("another app's refresh token, or an unknown app", async () => {
      const s = await signIn(other.app);
      expectError(await refresh(s.refresh), 401, "invalid_token");
      expect((await sessionRow(s.session.id))?.refreshGeneration).toBe(0);
      expectError(await refresh(s.refresh, {}, { ...t.app, publicId: "app_AAAAAAAAAAAAAAAAAAAA" }), 401, "invalid_token");
    });

    it("an expired refresh token", async () => {
      const s = await signIn(t.app);
      const { refresh: old } = await pastTokens(t.app, s, t.app.refreshExpiration + 60);
      expectError(await refresh(old), 401, "token_expired");
    });

    it("a revoked, expired or idle session; an inactive user; a deleted app", async () => {
      const revoked = await signIn(t.app);
      await patchSession(revoked.session.id, { revokedAt: new Date() });
      expectError(await refresh(revoked.refresh), 401, "session_revoked");
      const expired = await signIn(t.app);
      await patchSession(expired.session.id, { expiresAt: new Date(Date.now() - 1000) });
      expectError(await refresh(expired.refresh), 401, "token_expired");
      const idle = await signIn(t.app);
      await patchSession(idle.session.id, { lastUsedAt: new Date(Date.now() - (t.app.sessionTimeout + 1) * 1000) });
      expectError(await refresh(idle.refresh), 401, "token_expired");
      const inactive = await signIn(t.app);
      await setUserStatus(inactive.user.id, "inactive");
      expectError(await refresh(inactive.refresh), 401, "session_revoked");
      const doomed = await createTenant();
      const d = await signIn(doomed.app);
      await patchApp(doomed.app.id, { deletedAt: new Date() });
      expectError(await refresh(d.refresh, {}, doomed.app), 401, "invalid_token");
    });
  });
});
