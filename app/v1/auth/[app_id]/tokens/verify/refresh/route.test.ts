import { beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { authPath, patchSession, pastTokens, sessionRow, signIn } from "@/lib/sessions/test-fixtures";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { POST as REFRESH } from "../../refresh/route";
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

const verify = (headers: Record<string, string>) => {
  const p = authPath(t.app, "tokens/verify/refresh");
  return call(POST, "POST", p.url, { params: p.params, headers });
};
const refresh = (token: string) => {
  const p = authPath(t.app, "tokens/refresh");
  return call(REFRESH, "POST", p.url, { params: p.params, headers: { "x-refresh-token": token } });
};

describe("POST /v1/auth/{app_id}/tokens/verify/refresh", () => {
  it("verifies a current refresh token from X-Refresh-Token or Authorization: Bearer, without consuming it", async () => {
    const s = await signIn(t.app);
    const res = await verify({ "x-refresh-token": s.refresh });
    expectStatus(res, 200);
    expect(res.body).toEqual({ message: "verified", verified: true });
    expectStatus(await verify({ authorization: `Bearer ${s.refresh}` }), 200);
    expect((await sessionRow(s.session.id))?.refreshGeneration).toBe(0);
    expectStatus(await refresh(s.refresh), 200);
  });

  it("treats a superseded token as invalid (read-only: the session stays live)", async () => {
    const s = await signIn(t.app);
    const rotated = await refresh(s.refresh);
    expectStatus(await verify({ "x-refresh-token": s.refresh }), 200); // within the grace window
    await patchSession(s.session.id, { refreshRotatedAt: new Date(Date.now() - (GRACE + 1) * 1000) });
    expectError(await verify({ "x-refresh-token": s.refresh }), 401, "invalid_token");
    expect((await sessionRow(s.session.id))?.revokedAt).toBeNull();
    expectStatus(await verify({ "x-refresh-token": rotated.body.refresh }), 200);
  });

  it("answers 401 for missing, access, foreign, expired and revoked tokens; ignores API secrets", async () => {
    const s = await signIn(t.app);
    expectError(await verify({}), 401, "unauthorized");
    expectError(await verify({ authorization: `Bearer ${t.appKey}` }), 401, "unauthorized");
    expectError(await verify({ "x-refresh-token": s.payload.access }), 401, "invalid_token");
    expectError(await verify({ "x-refresh-token": (await signIn(other.app)).refresh }), 401, "invalid_token");
    expectError(await verify({ "x-refresh-token": (await pastTokens(t.app, s, t.app.refreshExpiration + 60)).refresh }), 401, "token_expired");
    await patchSession(s.session.id, { revokedAt: new Date() });
    expectError(await verify({ "x-refresh-token": s.refresh }), 401, "session_revoked");
  });
});
