import { and, eq } from "drizzle-orm";
import { decodeJwt, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { events } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import { getPublicKey } from "@/lib/signing-keys/get-public-key";
import {
  authPath,
  patchApp,
  patchSession,
  pastTokens,
  sessionRow,
  setUserStatus,
  signIn,
} from "@/lib/sessions/test-fixtures";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { POST as REFRESH } from "../tokens/refresh/route";
import { DELETE, GET, OPTIONS } from "./route";

let t: Tenant;
let other: Tenant;
beforeAll(async () => {
  [t, other] = await Promise.all([createTenant(), createTenant()]);
});

const p = (app: AppRow = t.app) => authPath(app, "current_user");
const get = (headers: Record<string, string>, app: AppRow = t.app) => call(GET, "GET", p(app).url, { params: p(app).params, headers });
const del = (headers: Record<string, string>, app: AppRow = t.app) => call(DELETE, "DELETE", p(app).url, { params: p(app).params, headers });
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("GET /v1/auth/{app_id}/current_user", () => {
  it("returns { user: ScuteUserData } with live sessions for a raw X-Authorization JWT", async () => {
    const s = await signIn(t.app, { email: "me@example.com" });
    const res = await get({ "x-authorization": s.payload.access });
    expectStatus(res, 200);
    expect(res.body.user).toMatchObject({
      id: s.user.id,
      email: "me@example.com",
      status: "active",
      meta: {},
      user_meta: {},
      app_id: t.app.publicId,
      workspace_id: t.app.workspaceId,
      login_count: 1,
    });
    expect(res.body.user.sessions.map((x: { id: string }) => x.id)).toEqual([s.session.id]);
    expect(res.body.user.sessions[0]).toMatchObject({ type: "magic", credential_id: null });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("accepts `Bearer <jwt>` in X-Authorization (spec C5) and the internal app id in the path", async () => {
    const s = await signIn(t.app);
    expectStatus(await get({ "x-authorization": `Bearer ${s.payload.access}` }), 200);
    expectStatus(await call(GET, "GET", `/v1/auth/${t.app.id}/current_user`, { params: { app_id: t.app.id }, headers: { "x-authorization": s.payload.access } }), 200);
  });

  it("lists only the user's live sessions (not revoked, expired or idle ones, nor other users')", async () => {
    const email = "many@example.com";
    const a = await signIn(t.app, { email });
    const revoked = await signIn(t.app, { email });
    const expired = await signIn(t.app, { email });
    const idle = await signIn(t.app, { email });
    await signIn(t.app);
    await patchSession(revoked.session.id, { revokedAt: new Date() });
    await patchSession(expired.session.id, { expiresAt: new Date(Date.now() - 1000) });
    await patchSession(idle.session.id, { lastUsedAt: new Date(Date.now() - (t.app.sessionTimeout + 5) * 1000) });
    const res = await get({ "x-authorization": a.payload.access });
    expectStatus(res, 200);
    expect(res.body.user.sessions.map((x: { id: string }) => x.id)).toEqual([a.session.id]);
  });

  describe("answers 401 for every bad credential", () => {
    it("missing or malformed X-Authorization", async () => {
      expectError(await get({}), 401, "unauthorized");
      // An API secret in Authorization is not a user token.
      expectError(await get({ authorization: `Bearer ${t.appKey}` }), 401, "unauthorized");
      for (const junk of ["", "Bearer ", "a b", "not-a-jwt", "a.b", "x.y.z", "a".repeat(9000)]) {
        expectError(await get({ "x-authorization": junk }), 401, "invalid_token");
      }
    });

    it("another app's token, and a token for an unknown app id", async () => {
      const s = await signIn(other.app);
      expectError(await get({ "x-authorization": s.payload.access }), 401, "invalid_token");
      const ghost = { ...t.app, publicId: "app_AAAAAAAAAAAAAAAAAAAA" };
      expectError(await get({ "x-authorization": s.payload.access }, ghost), 401, "invalid_token");
    });

    it("a refresh token presented as an access token", async () => {
      const s = await signIn(t.app);
      expectError(await get({ "x-authorization": s.refresh }), 401, "invalid_token");
    });

    it("an expired access token", async () => {
      const s = await signIn(t.app);
      const { access } = await pastTokens(t.app, s, t.app.accessExpiration + 120);
      expectError(await get({ "x-authorization": access }), 401, "token_expired");
    });

    it("a revoked, expired or idle session", async () => {
      const revoked = await signIn(t.app);
      await patchSession(revoked.session.id, { revokedAt: new Date(), revokedReason: "test" });
      expectError(await get({ "x-authorization": revoked.payload.access }), 401, "session_revoked");
      const expired = await signIn(t.app);
      await patchSession(expired.session.id, { expiresAt: new Date(Date.now() - 1000) });
      expectError(await get({ "x-authorization": expired.payload.access }), 401, "token_expired");
      const idle = await signIn(t.app);
      await patchSession(idle.session.id, { lastUsedAt: new Date(Date.now() - (t.app.sessionTimeout + 1) * 1000) });
      expectError(await get({ "x-authorization": idle.payload.access }), 401, "token_expired");
    });

    it("an inactive user", async () => {
      const s = await signIn(t.app);
      await setUserStatus(s.user.id, "inactive");
      expectError(await get({ "x-authorization": s.payload.access }), 401, "session_revoked");
    });

    it("a deleted app, even with its sessions left unrevoked and its row still cached", async () => {
      const doomed = await createTenant();
      const s = await signIn(doomed.app);
      expectStatus(await get({ "x-authorization": s.payload.access }, doomed.app), 200);
      await patchApp(doomed.app.id, { deletedAt: new Date() });
      expectError(await get({ "x-authorization": s.payload.access }, doomed.app), 401, "invalid_token");
    });

    it("forged tokens: alg none, HS256 keyed with the public PEM (also whitespace-prefixed), uuid of another session", async () => {
      const s = await signIn(t.app);
      const claims = decodeJwt(s.payload.access);
      const { key_id: kid, public_key: pem } = await getPublicKey(t.app.id);
      const forged = [
        `${b64({ alg: "none", typ: "JWT", kid })}.${b64(claims)}.`,
        await new SignJWT(claims).setProtectedHeader({ alg: "HS256", typ: "JWT", kid }).sign(new TextEncoder().encode(pem ?? "")),
        await new SignJWT(claims).setProtectedHeader({ alg: "HS256", typ: "JWT", kid }).sign(new TextEncoder().encode(` \n${pem}`)),
      ];
      for (const token of forged) expectError(await get({ "x-authorization": token }), 401, "invalid_token");
      // A genuine token whose uuid does not own the session it names.
      const victim = await signIn(t.app);
      const [h, , sig] = s.payload.access.split(".");
      expectError(await get({ "x-authorization": `${h}.${b64({ ...claims, uid: victim.session.id })}.${sig}` }), 401, "invalid_token");
    });
  });

  it("answers CORS preflight for the app's origin", async () => {
    const res = await call(OPTIONS, "OPTIONS", p().url, {
      params: p().params,
      headers: { origin: "https://app.test", "access-control-request-method": "GET", "access-control-request-headers": "x-authorization" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://app.test");
  });
});

describe("DELETE /v1/auth/{app_id}/current_user", () => {
  it("revokes only the token's session; its access and refresh tokens then answer 401", async () => {
    const email = "signout@example.com";
    const a = await signIn(t.app, { email });
    const b = await signIn(t.app, { email });
    const res = await del({ "x-authorization": a.payload.access });
    expectStatus(res, 200);
    expect(res.body).toEqual({ message: "ok" });
    expect(await sessionRow(a.session.id)).toMatchObject({ revokedReason: "sign_out" });
    expectError(await get({ "x-authorization": a.payload.access }), 401, "session_revoked");
    const refresh = authPath(t.app, "tokens/refresh");
    expectError(await call(REFRESH, "POST", refresh.url, { params: refresh.params, headers: { "x-refresh-token": a.refresh } }), 401, "session_revoked");
    // The other session is untouched.
    expectStatus(await get({ "x-authorization": b.payload.access }), 200);
    const recorded = await (await getDb())
      .select()
      .from(events)
      .where(and(eq(events.appUserId, a.user.id), eq(events.slug, "session.revoked")));
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ actorType: "end_user", actorId: a.user.id, params: { session_id: a.session.id, reason: "sign_out" } });
  });

  it("answers 401 when already signed out, and without a token", async () => {
    const s = await signIn(t.app);
    expectStatus(await del({ "x-authorization": s.payload.access }), 200);
    expectError(await del({ "x-authorization": s.payload.access }), 401, "session_revoked");
    expectError(await del({}), 401, "unauthorized");
  });

  it("does not sign out with another app's token", async () => {
    const s = await signIn(other.app);
    expectError(await del({ "x-authorization": s.payload.access }), 401, "invalid_token");
    expect((await sessionRow(s.session.id))?.revokedAt).toBeNull();
  });
});
