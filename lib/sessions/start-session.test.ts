import { and, eq } from "drizzle-orm";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { appUsers, events, sessions } from "@/db/schema";
import { systemCtx } from "@/lib/context";
import { sha256Hex } from "@/lib/crypto";
import { assertCanAuthenticate, startSession } from "@/lib/sessions/start-session";
import { signIn } from "@/lib/sessions/test-fixtures";
import { verifyAppJwt } from "@/lib/tokens/verify-app-jwt";
import type { AppUserRow } from "@/lib/users/serialize";
import { createTenant, type Tenant } from "@/test/harness";

const CHROME_MAC =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

let t: Tenant;

beforeAll(async () => {
  t = await createTenant();
});

describe("startSession", () => {
  it("returns the §2.1 payload: exp = iat + access_expiration, key_id = kid, user_id = uuid", async () => {
    const { payload, user, session } = await signIn(t.app);
    expect(Object.keys(payload).sort()).toEqual(
      ["access", "access_expires_at", "csrf", "key_id", "refresh", "refresh_expires_at", "user_id"].sort(),
    );
    const access = decodeJwt(payload.access);
    expect(access.exp).toBe(Number(access.iat) + t.app.accessExpiration);
    expect(payload.access_expires_at).toBe(new Date(Number(access.exp) * 1000).toISOString());
    expect(decodeProtectedHeader(payload.access).kid).toBe(payload.key_id);
    expect(access).toMatchObject({ uuid: user.id, uid: session.id, wid: t.app.workspaceId, aid: t.app.publicId, tt: "access" });
    expect(access).not.toHaveProperty("crid");
    const refresh = await verifyAppJwt(t.app, payload.refresh ?? "", { type: "refresh" });
    expect(refresh.exp).toBe(refresh.iat + t.app.refreshExpiration);
    expect(refresh.uid).toBe(session.id);
    expect(payload.refresh_expires_at).toBe(new Date(refresh.exp * 1000).toISOString());
    expect(payload.user_id).toBe(user.id);
    expect(payload.csrf.length).toBeGreaterThan(20);
  });

  it("stores the session: type, user agent summary, ip, fingerprint, jti hash and expiry", async () => {
    const now = new Date(Date.now() - 5000);
    const request = new Request("http://x.test", { headers: { "user-agent": CHROME_MAC, "x-fingerprint": "fp_abc123" } });
    const { session, payload } = await signIn(t.app, { type: "webauthn", credentialId: "cred-xyz", request, now });
    const [row] = await (await getDb()).select().from(sessions).where(eq(sessions.id, session.id));
    const jti = decodeJwt(payload.refresh ?? "").jti ?? "";
    expect(row).toMatchObject({
      appId: t.app.id,
      type: "webauthn",
      credentialId: "cred-xyz",
      displayName: "Chrome on macOS",
      browser: "Chrome 124",
      platform: "macOS",
      userAgent: CHROME_MAC,
      fingerprint: "fp_abc123",
      refreshJtiHash: sha256Hex(jti),
      refreshGeneration: 0,
      prevRefreshJtiHash: null,
      revokedAt: null,
    });
    expect(row?.expiresAt.getTime()).toBe(now.getTime() + t.app.refreshExpiration * 1000);
    expect(decodeJwt(payload.access).crid).toBe("cred-xyz");
  });

  it("drops a malformed fingerprint and tolerates no request at all", async () => {
    const request = new Request("http://x.test", { headers: { "x-fingerprint": "<script>" } });
    const { session } = await signIn(t.app, { request });
    expect(session.fingerprint).toBeNull();
    const bare = await signIn(t.app);
    expect(bare.session).toMatchObject({ fingerprint: null, userAgent: null, displayName: null });
  });

  it("bumps login_count, last_login_at, last_used_at and records user.login", async () => {
    const email = "counter@example.com";
    await signIn(t.app, { email });
    const { user, session } = await signIn(t.app, { email });
    const db = await getDb();
    const [row] = await db.select().from(appUsers).where(eq(appUsers.id, user.id));
    expect(row?.loginCount).toBe(2);
    expect(row?.lastLoginAt).toBeInstanceOf(Date);
    expect(row?.lastUsedAt).toBeInstanceOf(Date);
    const logins = await db
      .select()
      .from(events)
      .where(and(eq(events.appUserId, user.id), eq(events.slug, "user.login")));
    expect(logins).toHaveLength(2);
    expect(logins.map((e) => e.params)).toContainEqual({ user_id: user.id, session_id: session.id, session_type: "magic" });
    expect(JSON.stringify(logins)).not.toContain("eyJ");
  });

  it("omits refresh (but still binds a refresh jti) when refresh_payload is false", async () => {
    const { payload, session } = await signIn({ ...t.app, refreshPayload: false });
    expect(payload).not.toHaveProperty("refresh");
    expect(payload).not.toHaveProperty("refresh_expires_at");
    expect(session.refreshJtiHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses inactive users with 403 user_inactive and creates nothing", async () => {
    const email = "inactive@example.com";
    await expect(signIn(t.app, { email, status: "inactive" })).rejects.toMatchObject({ code: "user_inactive", status: 403 });
    const db = await getDb();
    const found = await db.select().from(appUsers).where(eq(appUsers.email, email));
    expect(found).toHaveLength(0); // the whole transaction rolled back
  });

  it("refuses a user of another app (programming error)", async () => {
    const other = await createTenant();
    const { user } = await signIn(other.app);
    const db = await getDb();
    await expect(
      db.transaction((tx) => startSession(tx, systemCtx("test"), { app: t.app, user, type: "magic" })),
    ).rejects.toThrow("does not belong");
  });
});

describe("assertCanAuthenticate", () => {
  const user = (status: AppUserRow["status"]) => ({ status }) as AppUserRow;
  it("lets active, pending and imported users sign in", () => {
    for (const status of ["active", "pending", "imported"] as const) expect(() => assertCanAuthenticate(user(status))).not.toThrow();
  });
  it("throws user_inactive (403) for inactive users", () => {
    expect(() => assertCanAuthenticate(user("inactive"))).toThrow(expect.objectContaining({ code: "user_inactive", status: 403 }));
  });
});
