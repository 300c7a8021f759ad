import { createPublicKey } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { systemCtx } from "@/lib/context";
import { getJwks } from "@/lib/signing-keys/get-jwks";
import { rotateSigningKey } from "@/lib/signing-keys/rotate-signing-key";
import { signAccessToken } from "@/lib/tokens/sign-app-jwt";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { GET, OPTIONS } from "./route";

let t: Tenant;
const get = (id: string) => call(GET, "GET", `/v1/auth/${id}/public_key`, { params: { app_id: id } });

beforeAll(async () => {
  t = await createTenant();
});

describe("GET /v1/auth/{app_id}/public_key", () => {
  it("returns the current key as SPKI PEM with its kid, by public id or uuid", async () => {
    const res = await get(t.app.publicId);
    expectStatus(res, 200);
    expect(res.body).toEqual({ public_key: expect.stringMatching(/^-----BEGIN PUBLIC KEY-----\n/), algorithm: "RS256", key_id: expect.any(String) });
    expect(res.text).not.toContain("PRIVATE");
    expect(res.headers.get("cache-control")).toBe("public, max-age=60");
    const key = createPublicKey(res.body.public_key);
    expect(key.asymmetricKeyType).toBe("rsa");
    expect(key.asymmetricKeyDetails?.modulusLength).toBeGreaterThanOrEqual(2048);
    expect((await signAccessToken(t.app, { appUserId: "u", sessionId: "s" })).kid).toBe(res.body.key_id);
    const byUuid = await get(t.app.id);
    expect(byUuid.body).toEqual(res.body);
  });

  it("stays on the signing key while a rotation is pending, though the JWKS already lists the next one", async () => {
    const u = await createTenant();
    const before = await get(u.app.publicId);
    const { key } = await rotateSigningKey({ ctx: systemCtx("test"), input: { appId: u.app.id } });
    expect((await get(u.app.publicId)).body.key_id).toBe(before.body.key_id);
    expect((await getJwks(u.app.id)).body).toContain(key.kid);
  });

  it("answers 404 app_not_found for unknown apps and allows any origin", async () => {
    expectError(await get("app_AAAAAAAAAAAAAAAAAAAA"), 404, "app_not_found");
    const pre = await call(OPTIONS, "OPTIONS", `/v1/auth/${t.app.publicId}/public_key`, { headers: { origin: "https://x.test" } });
    expect(pre.headers.get("access-control-allow-origin")).toBe("https://x.test");
  });
});
