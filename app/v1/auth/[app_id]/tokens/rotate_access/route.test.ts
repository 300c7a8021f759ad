import { decodeJwt } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import type { AppRow } from "@/lib/apps/find-app";
import { systemCtx } from "@/lib/context";
import { sha256Hex } from "@/lib/crypto";
import { authPath, patchApp, patchSession, pastTokens, sessionRow, setUserStatus, signIn } from "@/lib/sessions/test-fixtures";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { POST as REFRESH } from "../refresh/route";
import { POST } from "./route";

let t: Tenant;
let other: Tenant;
let child: Tenant;
beforeAll(async () => {
  [t, other] = await Promise.all([createTenant(), createTenant()]);
  child = await createTenant({ parentWorkspaceId: t.workspace.id });
});

/** The server SDK's refreshWithAccess: no body, X-Authorization raw + Authorization: Bearer <secret>. */
const rotate = (secret: string | undefined, access: string | null, app: AppRow = t.app) => {
  const p = authPath(app, "tokens/rotate_access");
  return call(POST, "POST", p.url, { params: p.params, secret, headers: access ? { "x-authorization": access } : {} });
};
const refresh = (token: string) => {
  const p = authPath(t.app, "tokens/refresh");
  return call(REFRESH, "POST", p.url, { params: p.params, headers: { "x-refresh-token": token } });
};

describe("POST /v1/auth/{app_id}/tokens/rotate_access", () => {
  it("returns access with exp = now + access_expiration exactly, and a rotated refresh token", async () => {
    const s = await signIn(t.app);
    const before = Math.floor(Date.now() / 1000);
    const res = await rotate(t.appKey, s.payload.access);
    expectStatus(res, 200);
    const access = decodeJwt(res.body.access);
    expect(access.exp).toBe(Number(access.iat) + t.app.accessExpiration);
    expect(Number(access.iat)).toBeGreaterThanOrEqual(before);
    expect(access).toMatchObject({ uid: s.session.id, uuid: s.user.id });
    expect(res.body.refresh).toBeTruthy();
    expect(res.body.refresh_expires_at).toBeTruthy();
    expect(await sessionRow(s.session.id)).toMatchObject({
      refreshGeneration: 1,
      refreshJtiHash: sha256Hex(String(decodeJwt(res.body.refresh).jti)),
    });
    // The returned refresh token is the session's current one.
    expectStatus(await refresh(res.body.refresh), 200);
  });

  it("accepts an expired access token within refresh_expiration of its iat (SDK fallback)", async () => {
    const s = await signIn(t.app);
    const { access } = await pastTokens(t.app, s, t.app.accessExpiration + 600);
    const res = await rotate(t.appKey, access);
    expectStatus(res, 200);
    expect(decodeJwt(res.body.access).exp).toBeGreaterThan(Date.now() / 1000);
  });

  it("refuses an access token older than refresh_expiration", async () => {
    const s = await signIn(t.app);
    const { access } = await pastTokens(t.app, s, t.app.refreshExpiration + 60);
    expectError(await rotate(t.appKey, access), 401, "token_expired");
  });

  it("accepts the owning workspace's key (and its parent's); returns no refresh when refresh_payload is off", async () => {
    expectStatus(await rotate(t.workspaceKey, (await signIn(t.app)).payload.access), 200);
    const c = await signIn(child.app);
    expectStatus(await rotate(t.workspaceKey, c.payload.access, child.app), 200);
    const quiet = await createTenant();
    await patchApp(quiet.app.id, { refreshPayload: false });
    const q = await signIn(quiet.app);
    const res = await rotate(quiet.appKey, q.payload.access, quiet.app);
    expectStatus(res, 200);
    expect(res.body).not.toHaveProperty("refresh");
    expect((await sessionRow(q.session.id))?.refreshGeneration).toBe(0);
  });

  it("needs a secret of the route's app: missing 401, other app's key 403, other workspace's key 404", async () => {
    const s = await signIn(t.app);
    expectError(await rotate(undefined, s.payload.access), 401, "api_key_required");
    expectError(await rotate("scapp_unknown", s.payload.access), 401, "invalid_api_key");
    expectError(await rotate(other.appKey, s.payload.access), 403, "api_key_not_authorized");
    expectError(await rotate(other.workspaceKey, s.payload.access), 404, "app_not_found");
    const { token: siblingKey } = await createApiKey({
      ctx: systemCtx("test"),
      input: { kind: "app", workspaceId: child.workspace.id, appId: child.app.id, nickname: "child" },
    });
    expectError(await rotate(siblingKey, s.payload.access), 403, "api_key_not_authorized");
    expect((await sessionRow(s.session.id))?.refreshGeneration).toBe(0);
  });

  it("needs a valid access token of the app with a live session", async () => {
    expectError(await rotate(t.appKey, null), 401, "unauthorized");
    const s = await signIn(t.app);
    expectError(await rotate(t.appKey, s.refresh), 401, "invalid_token");
    expectError(await rotate(t.appKey, (await signIn(other.app)).payload.access), 401, "invalid_token");
    await patchSession(s.session.id, { revokedAt: new Date() });
    expectError(await rotate(t.appKey, s.payload.access), 401, "session_revoked");
    const inactive = await signIn(t.app);
    await setUserStatus(inactive.user.id, "inactive");
    expectError(await rotate(t.appKey, inactive.payload.access), 401, "session_revoked");
  });
});
