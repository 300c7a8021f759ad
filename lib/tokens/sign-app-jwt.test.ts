import { decodeJwt, decodeProtectedHeader } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { getPublicKey } from "@/lib/signing-keys/get-public-key";
import { signAccessToken, signAppJwt, signRefreshToken } from "@/lib/tokens/sign-app-jwt";
import { verifyAppJwt } from "@/lib/tokens/verify-app-jwt";
import { createTenant, type Tenant } from "@/test/harness";

let t: Tenant;
const session = { appUserId: "0196a1c2-0000-7000-8000-000000000001", sessionId: "0196a1c2-0000-7000-8000-000000000002" };

beforeAll(async () => {
  t = await createTenant();
});

describe("signAccessToken / signRefreshToken", () => {
  it("signs RS256 with the app's active kid and the contract's header", async () => {
    const { key_id } = await getPublicKey(t.app.id);
    const signed = await signAccessToken(t.app, session);
    expect(signed.kid).toBe(key_id);
    expect(decodeProtectedHeader(signed.token)).toEqual({ alg: "RS256", typ: "JWT", kid: key_id });
  });

  it("sets exp to exactly iat + access_expiration, and the session claims", async () => {
    const app = { ...t.app, accessExpiration: 1234 };
    const now = new Date("2030-01-01T00:00:00.750Z");
    const signed = await signAccessToken(app, { ...session, credentialId: "cred-1" }, { now });
    const claims = decodeJwt(signed.token);
    expect(claims.iat).toBe(Math.floor(now.getTime() / 1000));
    expect(claims.exp).toBe(Number(claims.iat) + 1234);
    expect(signed.expiresAt.getTime()).toBe(Number(claims.exp) * 1000);
    expect(claims).toMatchObject({
      iss: "http://localhost:3999",
      aud: t.app.publicId,
      aid: t.app.publicId,
      uuid: session.appUserId,
      uid: session.sessionId,
      wid: t.app.workspaceId,
      crid: "cred-1",
      tt: "access",
    });
    expect(typeof claims.jti).toBe("string");
    expect(signed.claims).toEqual(claims);
  });

  it("omits crid on sessions without a passkey and gives each token its own jti", async () => {
    const a = await signAccessToken(t.app, session);
    const b = await signAccessToken(t.app, session);
    expect(decodeJwt(a.token)).not.toHaveProperty("crid");
    expect(a.claims.jti).not.toBe(b.claims.jti);
  });

  it("signs refresh tokens with refresh_expiration, tt=refresh and an optional chosen jti", async () => {
    const app = { ...t.app, refreshExpiration: 7200 };
    const signed = await signRefreshToken(app, session, { jti: "refresh-jti-1" });
    const claims = decodeJwt(signed.token);
    expect(claims.exp).toBe(Number(claims.iat) + 7200);
    expect(claims.tt).toBe("refresh");
    expect(claims.jti).toBe("refresh-jti-1");
  });
});

describe("signAppJwt", () => {
  it("signs other kinds with their own claims, verifiable as that kind only", async () => {
    const signed = await signAppJwt(t.app, {
      type: "magic_link",
      ttlSeconds: t.app.magicLinkExpiration,
      claims: { uuid: session.appUserId, kind: "login", webauthnEnabled: false },
      jti: "magic-link-id",
    });
    const claims = await verifyAppJwt(t.app, signed.token, { type: "magic_link" });
    expect(claims).toMatchObject({ kind: "login", webauthnEnabled: false, jti: "magic-link-id", tt: "magic_link" });
    expect(claims.exp - claims.iat).toBe(t.app.magicLinkExpiration);
    await expect(verifyAppJwt(t.app, signed.token, { type: "access" })).rejects.toMatchObject({ code: "invalid_token" });
  });

  it("signs M2M tokens without uuid", async () => {
    const signed = await signAppJwt(t.app, { type: "m2m", ttlSeconds: 300, claims: { m2m: true, uid: "m2m-session" } });
    const claims = await verifyAppJwt(t.app, signed.token, { type: "m2m" });
    expect(claims.m2m).toBe(true);
    expect(claims).not.toHaveProperty("uuid");
  });

  it("refuses reserved claims and non-positive lifetimes (programming errors)", async () => {
    for (const name of ["iss", "aud", "aid", "exp", "iat", "nbf", "jti", "tt"]) {
      await expect(signAppJwt(t.app, { type: "m2m", ttlSeconds: 60, claims: { [name]: "x" } })).rejects.toThrow(name);
    }
    await expect(signAppJwt(t.app, { type: "m2m", ttlSeconds: 0 })).rejects.toThrow("lifetime");
    await expect(signAppJwt(t.app, { type: "m2m", ttlSeconds: 1.5 })).rejects.toThrow("lifetime");
  });
});
