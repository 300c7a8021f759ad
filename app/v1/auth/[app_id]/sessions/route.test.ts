import { beforeAll, describe, expect, it } from "vitest";
import { authPath, patchSession, setUserStatus, signIn } from "@/lib/sessions/test-fixtures";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { GET } from "./route";

let t: Tenant;
let other: Tenant;
beforeAll(async () => {
  [t, other] = await Promise.all([createTenant(), createTenant()]);
});

const CHROME_MAC =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
const list = (token?: string) => {
  const p = authPath(t.app, "sessions");
  return call(GET, "GET", p.url, { params: p.params, headers: token ? { "x-authorization": token } : {} });
};

describe("GET /v1/auth/{app_id}/sessions", () => {
  it("returns a bare array of the caller's live sessions, newest first, as §2.5 objects", async () => {
    const email = "lister@example.com";
    const request = new Request("http://x.test", { headers: { "user-agent": CHROME_MAC } });
    const first = await signIn(t.app, { email, type: "webauthn", credentialId: "cred-1", request });
    const second = await signIn(t.app, { email });
    const revoked = await signIn(t.app, { email });
    await patchSession(revoked.session.id, { revokedAt: new Date() });
    await signIn(t.app); // someone else
    const res = await list(second.payload.access);
    expectStatus(res, 200);
    expect(Array.isArray(res.body)).toBe(true);
    expect(res.body.map((s: { id: string }) => s.id)).toEqual([second.session.id, first.session.id]);
    expect(res.body[1]).toEqual({
      id: first.session.id,
      display_name: "Chrome on macOS",
      created_at: first.session.createdAt.toISOString(),
      updated_at: first.session.updatedAt.toISOString(),
      credential_id: "cred-1",
      last_used_at: first.session.lastUsedAt.toISOString(),
      last_used_at_ip: null,
      user_agent: CHROME_MAC,
      type: "webauthn",
      platform: "macOS",
      browser: "Chrome 124",
      user_agent_shortname: "Chrome 124",
      nickname: null,
    });
  });

  it("answers 401 without a token, for another app's token, a refresh token or an inactive user", async () => {
    expectError(await list(), 401, "unauthorized");
    expectError(await list((await signIn(other.app)).payload.access), 401, "invalid_token");
    const s = await signIn(t.app);
    expectError(await list(s.refresh), 401, "invalid_token");
    await setUserStatus(s.user.id, "inactive");
    expectError(await list(s.payload.access), 401, "session_revoked");
  });
});
