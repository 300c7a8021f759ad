/**
 * Forged and misused tokens (threats T13, T14): every one is a 401, never a
 * 5xx, and no key is ever taken from the token or fetched from a URL.
 */
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, type JWTHeaderParameters, type JWTPayload, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getActiveSigningKey } from "@/lib/signing-keys/get-active-signing-key";
import { getPublicKey } from "@/lib/signing-keys/get-public-key";
import { signAccessToken, signRefreshToken } from "@/lib/tokens/sign-app-jwt";
import { MAX_TOKEN_LENGTH, verifyAppJwt } from "@/lib/tokens/verify-app-jwt";
import { createTenant, type Tenant } from "@/test/harness";

let a: Tenant;
let b: Tenant;
let kid: string;
let pem: string;
let appKey: KeyObject;
let claims: JWTPayload;
let jkuServer: Server;
let jkuHits = 0;
let jkuUrl: string;
const attacker = generateKeyPairSync("rsa", { modulusLength: 2048 });
const session = { appUserId: "0196a1c2-0000-7000-8000-00000000000a", sessionId: "0196a1c2-0000-7000-8000-00000000000b" };

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** Sign arbitrary header and claims with the given key (RS256 unless the header says otherwise). */
function forge(header: Partial<JWTHeaderParameters>, payload: JWTPayload, key: KeyObject | Uint8Array = appKey) {
  return new SignJWT(payload).setProtectedHeader({ alg: "RS256", typ: "JWT", kid, ...header }).sign(key);
}

async function expectRejected(token: string, code = "invalid_token", type: "access" | "refresh" = "access") {
  await expect(verifyAppJwt(a.app, token, { type })).rejects.toMatchObject({ code, status: 401 });
}

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant(), createTenant()]);
  ({ key_id: kid, public_key: pem } = await getPublicKey(a.app.id));
  appKey = (await getActiveSigningKey(a.app.id)).privateKey;
  claims = (await signAccessToken(a.app, session)).claims;
  jkuServer = createServer((_req, res) => {
    jkuHits++;
    res.end(JSON.stringify({ keys: [] }));
  });
  await new Promise<void>((resolve) => jkuServer.listen(0, "127.0.0.1", resolve));
  jkuUrl = `http://127.0.0.1:${(jkuServer.address() as AddressInfo).port}/jwks.json`;
});

afterAll(async () => {
  await new Promise((resolve) => jkuServer.close(resolve));
});

describe("verifyAppJwt accepts", () => {
  it("the app's own access token, with typed claims", async () => {
    const { token } = await signAccessToken(a.app, session);
    const verified = await verifyAppJwt(a.app, token, { type: "access" });
    expect(verified).toMatchObject({ uuid: session.appUserId, uid: session.sessionId, tt: "access", aud: a.app.publicId });
  });

  it("a token forged here with the real key and valid claims (the baseline the forgeries below deviate from)", async () => {
    await expect(verifyAppJwt(a.app, await forge({}, claims), { type: "access" })).resolves.toMatchObject({ jti: claims.jti });
  });

  it("iat up to 30 s in the future (clock skew, threats R9)", async () => {
    const iat = Math.floor(Date.now() / 1000) + 20;
    await expect(verifyAppJwt(a.app, await forge({}, { ...claims, iat, exp: iat + 60 }), { type: "access" })).resolves.toBeTruthy();
  });
});

describe("T13: forged algorithms and header-supplied keys", () => {
  it("rejects alg none in any spelling", async () => {
    for (const alg of ["none", "None", "NONE"]) {
      await expectRejected(`${b64({ alg, typ: "JWT", kid })}.${b64(claims)}.`);
      await expectRejected(`${b64({ alg, typ: "JWT", kid })}.${b64(claims)}.c2ln`);
    }
  });

  it("rejects HS256 keyed with the public PEM, also with leading whitespace (fast-jwt CVE-2023-48223)", async () => {
    for (const secret of [pem, ` \n${pem}`, `\n${pem}`, pem.trim()]) {
      await expectRejected(await forge({ alg: "HS256" }, claims, new TextEncoder().encode(secret)));
    }
  });

  it("rejects RS256 signed by an attacker key advertised in a jwk header", async () => {
    const jwk = await exportJWK(attacker.publicKey);
    await expectRejected(await forge({ jwk }, claims, attacker.privateKey));
    await expectRejected(await forge({ jwk, kid: "attacker" }, claims, attacker.privateKey));
    // Even with the real key, a key-bearing header is not ours.
    await expectRejected(await forge({ jwk: await exportJWK(attacker.publicKey) }, claims));
  });

  it("rejects jku/x5u pointing at a server, which is never contacted", async () => {
    await expectRejected(await forge({ jku: jkuUrl }, claims, attacker.privateKey));
    await expectRejected(await forge({ jku: jkuUrl, kid: "attacker" }, claims, attacker.privateKey));
    await expectRejected(await forge({ x5u: jkuUrl }, claims, attacker.privateKey));
    await expectRejected(await forge({ jku: jkuUrl }, claims));
    expect(jkuHits).toBe(0);
  });

  it("rejects tampered payloads and foreign signatures", async () => {
    const [header, , signature] = (await forge({}, claims)).split(".");
    await expectRejected(`${header}.${b64({ ...claims, uuid: "someone-else" })}.${signature}`);
    await expectRejected(await forge({}, claims, attacker.privateKey));
  });
});

describe("T14: kid, apps and token kinds", () => {
  it("rejects hostile or absent kids with 401, never 5xx", async () => {
    for (const hostile of ["../../etc/passwd", "' OR 1=1 --", "x".repeat(10 * 1024), "", "\u0000", `${kid} `]) {
      await expectRejected(await forge({ kid: hostile }, claims));
    }
    const noKid = await new SignJWT(claims).setProtectedHeader({ alg: "RS256", typ: "JWT" }).sign(appKey);
    await expectRejected(noKid);
    await expectRejected(`${b64({ alg: "RS256", kid: 42 })}.${b64(claims)}.c2ln`);
  });

  it("rejects another app's token, even with this app's audience claims", async () => {
    const other = await signAccessToken(b.app, session);
    await expectRejected(other.token);
    const otherKey = (await getActiveSigningKey(b.app.id)).privateKey;
    const otherKid = (await getPublicKey(b.app.id)).key_id;
    await expectRejected(await forge({ kid: otherKid }, claims, otherKey));
    // And this app's key with the other app's audience.
    await expect(verifyAppJwt(b.app, (await signAccessToken(a.app, session)).token, { type: "access" })).rejects.toMatchObject({
      code: "invalid_token",
    });
  });

  it("rejects a refresh token as access and an access token as refresh", async () => {
    await expectRejected((await signRefreshToken(a.app, session)).token, "invalid_token", "access");
    await expectRejected((await signAccessToken(a.app, session)).token, "invalid_token", "refresh");
    await expectRejected(await forge({}, { ...claims, tt: undefined }));
    await expectRejected(await forge({}, { ...claims, tt: "m2m" }));
  });

  it("rejects the wrong issuer, audience, aid, typ or a missing claim", async () => {
    await expectRejected(await forge({}, { ...claims, iss: "https://evil.test" }));
    await expectRejected(await forge({}, { ...claims, aud: b.app.publicId }));
    await expectRejected(await forge({}, { ...claims, aud: [b.app.publicId] }));
    await expectRejected(await forge({}, { ...claims, aid: b.app.publicId }));
    await expectRejected(await forge({ typ: "at+jwt" }, claims));
    for (const name of ["uuid", "uid", "jti", "exp", "iat"]) await expectRejected(await forge({}, { ...claims, [name]: undefined }));
  });
});

describe("lifetimes", () => {
  const past = () => new Date(Date.now() - 2 * 3600 * 1000);

  it("reports an expired token as token_expired, and returns it only with allowExpired", async () => {
    const { token, claims: expired } = await signAccessToken(a.app, session, { now: past() });
    await expectRejected(token, "token_expired");
    await expect(verifyAppJwt(a.app, token, { type: "access", allowExpired: true })).resolves.toMatchObject({ jti: expired.jti });
  });

  it("still rejects a forged or foreign expired token with allowExpired", async () => {
    const { token } = await signRefreshToken(a.app, session, { now: past() });
    await expect(verifyAppJwt(a.app, token, { type: "access", allowExpired: true })).rejects.toMatchObject({ code: "invalid_token" });
    const iat = Math.floor(past().getTime() / 1000);
    const foreign = await forge({}, { ...claims, iat, exp: iat + 60 }, attacker.privateKey);
    await expect(verifyAppJwt(a.app, foreign, { type: "access", allowExpired: true })).rejects.toMatchObject({ code: "invalid_token" });
  });

  it("rejects tokens that are not yet valid: iat over 30 s ahead, or nbf in the future", async () => {
    const iat = Math.floor(Date.now() / 1000) + 60;
    await expectRejected(await forge({}, { ...claims, iat, exp: iat + 3600 }));
    await expectRejected(await forge({}, { ...claims, nbf: iat }));
    await expectRejected(await forge({}, { ...claims, exp: Number(claims.iat) - 1 }));
  });

  it("rejects oversized and malformed tokens before parsing", async () => {
    const big = await forge({}, { ...claims, pad: "x".repeat(MAX_TOKEN_LENGTH) });
    await expectRejected(big);
    for (const junk of ["", "abc", "a.b", "a.b.c.d", "....", "eyJ.eyJ.eyJ", "%%.%%.%%"]) await expectRejected(junk);
  });
});
