import { eq } from "drizzle-orm";
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from "jose";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { apps } from "@/db/schema";
import { invalidateAppCache } from "@/lib/apps/find-app";
import { systemCtx } from "@/lib/context";
import { getPublicKey } from "@/lib/signing-keys/get-public-key";
import { rotateSigningKey } from "@/lib/signing-keys/rotate-signing-key";
import { signAccessToken } from "@/lib/tokens/sign-app-jwt";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { GET, OPTIONS } from "./route";

let t: Tenant;
const path = (id: string) => `/v1/auth/${id}/jwks`;
const get = (id: string, headers: Record<string, string> = {}) => call(GET, "GET", path(id), { params: { app_id: id }, headers });
const session = { appUserId: "0196a1c2-0000-7000-8000-0000000000d1", sessionId: "0196a1c2-0000-7000-8000-0000000000d2" };

beforeAll(async () => {
  t = await createTenant();
});

describe("GET /v1/auth/{app_id}/jwks", () => {
  it("serves the app's RS256 key set, cacheable, ignoring a stray Authorization header", async () => {
    const res = await get(t.app.publicId, { authorization: "Bearer scapp_not_a_real_key" });
    expectStatus(res, 200);
    const { key_id } = await getPublicKey(t.app.id);
    expect(res.body).toEqual({
      keys: [{ kty: "RSA", kid: key_id, use: "sig", alg: "RS256", n: expect.any(String), e: "AQAB" }],
    });
    expect(res.headers.get("cache-control")).toBe("public, max-age=600");
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("etag")).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(res.headers.get("x-request-id")).toBeTruthy();
    expect(res.text).not.toMatch(/"d"|PRIVATE/);
  });

  it("accepts the internal uuid and serves the same document", async () => {
    const [byPublic, byUuid] = [await get(t.app.publicId), await get(t.app.id)];
    expectStatus(byUuid, 200);
    expect(byUuid.text).toBe(byPublic.text);
    expect(byUuid.headers.get("etag")).toBe(byPublic.headers.get("etag"));
  });

  it("verifies the app's tokens with jose's createLocalJWKSet over the served document", async () => {
    const { token } = await signAccessToken(t.app, session);
    const jwks = createLocalJWKSet((await get(t.app.publicId)).body as JSONWebKeySet);
    const { payload } = await jwtVerify(token, jwks, {
      algorithms: ["RS256"],
      issuer: "http://localhost:3999",
      audience: t.app.publicId,
    });
    expect(payload.uuid).toBe(session.appUserId);
  });

  it("answers 304 to a matching If-None-Match, 200 otherwise", async () => {
    const etag = (await get(t.app.publicId)).headers.get("etag") ?? "";
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
      const res = await get(t.app.publicId, { "if-none-match": ifNoneMatch });
      expectStatus(res, 304);
      expect(res.text).toBe("");
      expect(res.headers.get("etag")).toBe(etag);
      expect(res.headers.get("cache-control")).toBe("public, max-age=600");
    }
    expectStatus(await get(t.app.publicId, { "if-none-match": '"stale"' }), 200);
  });

  it("runs no DB statement once warm (perf S2: body and ETag precomputed per key-set load)", async () => {
    await get(t.app.publicId);
    // Every Drizzle query (builders, relational queries, execute) is prepared through the session.
    const session = (await getDb() as unknown as { session: { prepareQuery: () => unknown; transaction: () => unknown } }).session;
    const prepare = vi.spyOn(session, "prepareQuery");
    const transaction = vi.spyOn(session, "transaction");
    try {
      const full = await get(t.app.publicId, { origin: "https://anywhere.test" });
      const revalidated = await get(t.app.publicId, { "if-none-match": full.headers.get("etag") ?? "" });
      expectStatus(full, 200);
      expectStatus(revalidated, 304);
      expect(prepare).not.toHaveBeenCalled();
      expect(transaction).not.toHaveBeenCalled();
      // The probe itself works: a cold app's first request does read the database.
      const cold = await createTenant();
      await get(cold.app.publicId);
      expect(prepare).toHaveBeenCalled();
    } finally {
      prepare.mockRestore();
      transaction.mockRestore();
    }
  });

  it("publishes a rotation's pending key at once, with a new ETag", async () => {
    const u = await createTenant();
    const before = await get(u.app.publicId);
    const { key } = await rotateSigningKey({ ctx: systemCtx("test"), input: { appId: u.app.id } });
    const after = await get(u.app.publicId, { "if-none-match": before.headers.get("etag") ?? "" });
    expectStatus(after, 200);
    expect((after.body as JSONWebKeySet).keys.map((k) => k.kid)).toEqual([(await getPublicKey(u.app.id)).key_id, key.kid]);
    expect(after.headers.get("etag")).not.toBe(before.headers.get("etag"));
  });

  it("answers 404 app_not_found for unknown, malformed and deleted apps", async () => {
    for (const id of ["app_AAAAAAAAAAAAAAAAAAAA", "nope", "00000000-0000-7000-8000-000000000000", "../../etc/passwd"]) {
      expectError(await get(id), 404, "app_not_found");
    }
    const gone = await createTenant();
    const db = await getDb();
    await db.update(apps).set({ deletedAt: new Date() }).where(eq(apps.id, gone.app.id));
    invalidateAppCache(gone.app);
    expectError(await get(gone.app.publicId), 404, "app_not_found");
  });

  it("allows any origin (key publication), including preflight", async () => {
    const res = await get(t.app.publicId, { origin: "https://anywhere.test" });
    expect(res.headers.get("access-control-allow-origin")).toBe("https://anywhere.test");
    const pre = await call(OPTIONS, "OPTIONS", path(t.app.publicId), { headers: { origin: "https://anywhere.test" } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-methods")).toContain("GET");
  });
});
