/**
 * The default refresh policy (no grace window): presenting a rotated refresh
 * token again — even a moment later — is reuse and revokes the session
 * (issue 3's done-when; threats T15).
 */
import { decodeJwt } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { getEnv } from "@/lib/env";
import { authPath, sessionRow, signIn } from "@/lib/sessions/test-fixtures";
import { call, type CallResult, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { GET as CURRENT_USER } from "../../current_user/route";
import { POST } from "./route";

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
});

const refresh = (token: string) => {
  const p = authPath(t.app, "tokens/refresh");
  return call(POST, "POST", p.url, { params: p.params, headers: { "x-refresh-token": token } });
};
const me = (access: string) => {
  const p = authPath(t.app, "current_user");
  return call(CURRENT_USER, "GET", p.url, { params: p.params, headers: { "x-authorization": access } });
};

describe("refresh without a grace window (the default)", () => {
  it("is the default", () => {
    expect(getEnv().refreshGraceSeconds).toBe(0);
  });

  it("reusing the old refresh token at once answers 401 and revokes the session", async () => {
    const s = await signIn(t.app);
    const rotated = await refresh(s.refresh);
    expectStatus(rotated, 200);
    expect(rotated.body.refresh).toBeTruthy();
    expectError(await refresh(s.refresh), 401, "refresh_token_reused");
    // Everything the session issued stops working.
    expectError(await refresh(rotated.body.refresh), 401, "session_revoked");
    expectStatus(await me(rotated.body.access), 401);
    expect((await sessionRow(s.session.id))?.revokedAt).toBeInstanceOf(Date);
  });

  it("10 parallel refreshes: exactly one succeeds with one new refresh token, the rest are refused", async () => {
    const s = await signIn(t.app);
    const results: CallResult[] = await Promise.all(Array.from({ length: 10 }, () => refresh(s.refresh)));
    const ok = results.filter((r) => r.status === 200);
    expect(ok, results.map((r) => r.text).join("\n")).toHaveLength(1);
    expect(ok[0]?.body.refresh).toBeTruthy();
    expect(decodeJwt(ok[0]?.body.access).uid).toBe(s.session.id);
    for (const r of results.filter((x) => x.status !== 200)) expect(r.status, r.text).toBe(401);
    expect((await sessionRow(s.session.id))?.refreshGeneration).toBe(1);
  });
});
