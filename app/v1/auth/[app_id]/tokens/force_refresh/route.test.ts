import { decodeJwt } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import type { AppRow } from "@/lib/apps/find-app";
import { resetEnvForTests } from "@/lib/env";
import { authPath, patchApp, patchSession, sessionRow, signIn } from "@/lib/sessions/test-fixtures";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
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

/** The server SDK's forceRefresh: no body, X-Refresh-Token + Authorization: Bearer <secret>. */
const force = (secret: string | undefined, token: string | null, extra: Record<string, string> = {}, app: AppRow = t.app) => {
  const p = authPath(app, "tokens/force_refresh");
  return call(POST, "POST", p.url, { params: p.params, secret, headers: { ...(token ? { "x-refresh-token": token } : {}), ...extra } });
};

describe("POST /v1/auth/{app_id}/tokens/force_refresh", () => {
  it("always mints a new access and refresh token, even when the app's refresh_payload is off", async () => {
    const s = await signIn(t.app);
    const res = await force(t.appKey, s.refresh);
    expectStatus(res, 200);
    expect(res.body.refresh).toBeTruthy();
    expect(res.body.refresh).not.toBe(s.refresh);
    const access = decodeJwt(res.body.access);
    expect(access.exp).toBe(Number(access.iat) + t.app.accessExpiration);
    const quiet = await createTenant();
    await patchApp(quiet.app.id, { refreshPayload: false });
    const q = await signIn(quiet.app);
    const forced = await force(quiet.appKey, q.refresh, {}, quiet.app);
    expectStatus(forced, 200);
    expect(forced.body.refresh).toBeTruthy();
  });

  it("accepts an X-CSRF-Token without requiring it (spec C15)", async () => {
    const s = await signIn(t.app);
    expectStatus(await force(t.appKey, s.refresh, { "x-csrf-token": "anything" }), 200);
  });

  it("shares the single-use rules of tokens/refresh: grace without refresh, then reuse revokes", async () => {
    const s = await signIn(t.app);
    const first = await force(t.appKey, s.refresh);
    expectStatus(first, 200);
    const again = await force(t.appKey, s.refresh);
    expectStatus(again, 200);
    expect(again.body).not.toHaveProperty("refresh");
    await patchSession(s.session.id, { refreshRotatedAt: new Date(Date.now() - (GRACE + 1) * 1000) });
    expectError(await force(t.appKey, s.refresh), 401, "refresh_token_reused");
    expectError(await force(t.appKey, first.body.refresh), 401, "session_revoked");
  });

  it("needs a secret of the route's app and a refresh token of the app", async () => {
    const s = await signIn(t.app);
    expectError(await force(undefined, s.refresh), 401, "api_key_required");
    expectError(await force(other.appKey, s.refresh), 403, "api_key_not_authorized");
    expectError(await force(other.workspaceKey, s.refresh), 404, "app_not_found");
    expectError(await force(t.appKey, null), 401, "unauthorized");
    expectError(await force(t.appKey, s.payload.access), 401, "invalid_token");
    expectError(await force(t.appKey, (await signIn(other.app)).refresh), 401, "invalid_token");
    expect((await sessionRow(s.session.id))?.refreshGeneration).toBe(0);
  });
});
