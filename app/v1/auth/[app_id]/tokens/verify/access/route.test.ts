import { decodeJwt, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { getPublicKey } from "@/lib/signing-keys/get-public-key";
import { authPath, patchApp, patchSession, pastTokens, signIn } from "@/lib/sessions/test-fixtures";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { POST } from "./route";

let t: Tenant;
let other: Tenant;
beforeAll(async () => {
  [t, other] = await Promise.all([createTenant(), createTenant()]);
});

const verify = (headers: Record<string, string>, app = t.app) => {
  const p = authPath(app, "tokens/verify/access");
  return call(POST, "POST", p.url, { params: p.params, headers });
};

describe("POST /v1/auth/{app_id}/tokens/verify/access", () => {
  it("answers { message: verified, verified: true } for a live access token, raw or Bearer", async () => {
    const s = await signIn(t.app);
    const res = await verify({ "x-authorization": s.payload.access });
    expectStatus(res, 200);
    expect(res.body).toEqual({ message: "verified", verified: true });
    expectStatus(await verify({ "x-authorization": `Bearer ${s.payload.access}` }), 200);
  });

  it("answers 401 for missing, refresh, foreign, expired, forged and revoked tokens and deleted apps", async () => {
    const s = await signIn(t.app);
    expectError(await verify({}), 401, "unauthorized");
    expectError(await verify({ "x-authorization": s.refresh }), 401, "invalid_token");
    expectError(await verify({ "x-authorization": (await signIn(other.app)).payload.access }), 401, "invalid_token");
    expectError(await verify({ "x-authorization": (await pastTokens(t.app, s, t.app.accessExpiration + 60)).access }), 401, "token_expired");
    const { key_id: kid, public_key: pem } = await getPublicKey(t.app.id);
    const hs = await new SignJWT(decodeJwt(s.payload.access))
      .setProtectedHeader({ alg: "HS256", typ: "JWT", kid })
      .sign(new TextEncoder().encode(pem ?? ""));
    expectError(await verify({ "x-authorization": hs }), 401, "invalid_token");
    await patchSession(s.session.id, { revokedAt: new Date() });
    expectError(await verify({ "x-authorization": s.payload.access }), 401, "session_revoked");
    const doomed = await createTenant();
    const d = await signIn(doomed.app);
    await patchApp(doomed.app.id, { deletedAt: new Date() });
    expectError(await verify({ "x-authorization": d.payload.access }, doomed.app), 401, "invalid_token");
  });
});
