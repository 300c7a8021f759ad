import { eq } from "drizzle-orm";
import { decodeJwt, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { appUsers, magicLinks } from "@/db/schema";
import { createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import {
  authenticate,
  eventsOf,
  expectLinkNotFound,
  linkRow,
  loginLink,
  newEmail,
  sessionsOf,
  setApp,
  userByEmail,
  verifyWithJwks,
} from "../test-fixtures";

let t: Tenant;
let other: Tenant;
beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
});

describe("PATCH /v1/auth/{app_id}/magic_links/authenticate", () => {
  it("exchanges the emailed token for a token payload whose access token verifies against the JWKS", async () => {
    const email = newEmail();
    const { id, token } = await loginLink(t.app, email);
    const res = await authenticate(t.app, { token }, { headers: { authorization: "Bearer scapp_stray", "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/125.0" } });
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ csrf: expect.any(String), key_id: expect.any(String), access_expires_at: expect.any(String) });
    expect(typeof res.body.refresh).toBe("string");

    const user = await userByEmail(t.app, email);
    expect(user).toMatchObject({ status: "active", emailVerified: true });
    expect(res.body.user_id).toBe(user?.id);

    const claims = await verifyWithJwks(t.app, res.body.access);
    const [session] = await sessionsOf(user?.id ?? "");
    expect(claims).toMatchObject({ uuid: user?.id, aid: t.app.publicId, uid: session?.id });
    expect(claims.exp).toBe((claims.iat ?? 0) + t.app.accessExpiration);
    expect(session?.type).toBe("magic");
    expect(new Date(res.body.access_expires_at).getTime()).toBe((claims.exp ?? 0) * 1000);

    const link = await linkRow(id);
    expect(link.consumedAt).not.toBeNull();
    expect(link.activatedSessionId).toBe(session?.id);
    expect((await eventsOf(t.app, "user.login")).some((e) => e.appUserId === user?.id)).toBe(true);
    expect((await eventsOf(t.app, "user.activated")).some((e) => e.appUserId === user?.id)).toBe(true);
  });

  it("is single use: the second exchange is 404 with the exact text", async () => {
    const { token } = await loginLink(t.app, newEmail());
    expectStatus(await authenticate(t.app, { token }), 200);
    expectLinkNotFound(await authenticate(t.app, { token }));
  });

  it("a link past its row's expires_at is 404, stays unused and creates no session", async () => {
    const email = newEmail();
    const { id, token } = await loginLink(t.app, email);
    await (await getDb()).update(magicLinks).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(magicLinks.id, id));
    expectLinkNotFound(await authenticate(t.app, { token }));
    expect((await linkRow(id)).consumedAt).toBeNull();
    expect(await sessionsOf((await userByEmail(t.app, email))?.id ?? "")).toHaveLength(0);
  });

  it("a token whose exp has passed is 404 (not 401)", async () => {
    const { vi } = await import("vitest");
    const email = newEmail();
    const app = await setApp(t.app, { magicLinkExpiration: 60 });
    const { token } = await loginLink(app, email);
    await setApp(t.app, { magicLinkExpiration: 2000 });
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 10 * 60_000);
      expectLinkNotFound(await authenticate(t.app, { token }));
    } finally {
      vi.useRealTimers();
    }
    const user = await userByEmail(t.app, email);
    expect(await sessionsOf(user?.id ?? "")).toHaveLength(0);
  });

  it("tampered, foreign-app and garbage tokens are 401 invalid_token; a missing token is 400", async () => {
    const { token } = await loginLink(t.app, newEmail());
    const [h, p, s] = token.split(".");
    const payload = JSON.parse(Buffer.from(p ?? "", "base64url").toString());
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...payload, uuid: "00000000-0000-4000-8000-000000000000" })).toString("base64url")}.${s}`;
    expectError(await authenticate(t.app, { token: forged }), 401, "invalid_token");
    const flipped = `${h}.${p}.${(s ?? "").slice(0, -2)}${(s ?? "").endsWith("AA") ? "BB" : "AA"}`;
    expectError(await authenticate(t.app, { token: flipped }), 401, "invalid_token");
    // A valid token of another app.
    const foreign = await loginLink(other.app, newEmail());
    expectError(await authenticate(t.app, { token: foreign.token }), 401, "invalid_token");
    // alg none / HS256.
    const none = `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${p}.`;
    expectError(await authenticate(t.app, { token: none }), 401, "invalid_token");
    const hs = await new SignJWT(payload).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(new TextEncoder().encode("k".repeat(32)));
    expectError(await authenticate(t.app, { token: hs }), 401, "invalid_token");
    for (const garbage of ["x", "../../etc/passwd", "' or 1=1 --", "a.b.c", "x".repeat(10_000)]) {
      expectError(await authenticate(t.app, { token: garbage }), 401, "invalid_token");
    }
    expectError(await authenticate(t.app, {}), 400, "bad_request");
    expectError(await authenticate(t.app, { token: "" }), 422, "validation_failed");
    // The real token still works after all that.
    expectStatus(await authenticate(t.app, { token }), 200);
  });

  it("20 parallel exchanges of one link: exactly one 200 and one session", async () => {
    const email = newEmail();
    const { token } = await loginLink(t.app, email);
    const results = await Promise.all(Array.from({ length: 20 }, () => authenticate(t.app, { token })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200), JSON.stringify(results.filter((r) => r.status !== 404 && r.status !== 200).map((r) => r.text))).toHaveLength(1);
    expect(statuses.filter((s) => s === 404)).toHaveLength(19);
    const user = await userByEmail(t.app, email);
    expect(await sessionsOf(user?.id ?? "")).toHaveLength(1);
    expect((await eventsOf(t.app, "user.login")).filter((e) => e.appUserId === user?.id)).toHaveLength(1);
  });

  it("an inactive user gets 403 user_inactive and the link stays unused", async () => {
    const email = newEmail();
    const { id, token } = await loginLink(t.app, email);
    const user = await userByEmail(t.app, email);
    await (await getDb()).update(appUsers).set({ status: "inactive" }).where(eq(appUsers.id, user?.id ?? ""));
    expectError(await authenticate(t.app, { token }), 403, "user_inactive");
    expect((await linkRow(id)).consumedAt).toBeNull();
    expect(await sessionsOf(user?.id ?? "")).toHaveLength(0);
  });

  it("keeps an active user active and marks an imported user active", async () => {
    const email = newEmail();
    const { token } = await loginLink(t.app, email);
    const user = await userByEmail(t.app, email);
    await (await getDb()).update(appUsers).set({ status: "imported" }).where(eq(appUsers.id, user?.id ?? ""));
    expectStatus(await authenticate(t.app, { token }), 200);
    expect(await userByEmail(t.app, email)).toMatchObject({ status: "active", emailVerified: true });
    const again = await loginLink(t.app, email);
    expect(decodeJwt(again.token).user_status).toBe("active");
    expectStatus(await authenticate(t.app, { token: again.token }), 200);
  });

  it("accepts the app's internal uuid in the path", async () => {
    const { token } = await loginLink(t.app, newEmail());
    const { call } = await import("@/test/harness");
    const { PATCH } = await import("./route");
    const res = await call(PATCH, "PATCH", `/v1/auth/${t.app.id}/magic_links/authenticate`, { params: { app_id: t.app.id }, body: { token } });
    expectStatus(res, 200);
  });
});
