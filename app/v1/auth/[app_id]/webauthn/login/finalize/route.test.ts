import { eq } from "drizzle-orm";
import { decodeJwt } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { appUsers, webauthnCredentials } from "@/db/schema";
import { createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import {
  authenticator,
  credentialsOf,
  eventsOf,
  expireCeremonies,
  loginFinalize,
  loginInitialize,
  loginWith,
  newEmail,
  sessionsOf,
  setApp,
  signUpWithPasskey,
} from "../../test-fixtures";

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
});

describe("POST /v1/auth/{app_id}/webauthn/login/initialize", () => {
  it("lists every credential of the user in allowCredentials, ids byte for byte, options not wrapped in publicKey", async () => {
    const { email, auth, passkey } = await signUpWithPasskey(t.app);
    // A second passkey for the same user (another device), added via the signed-in API elsewhere: simulated by a row copy.
    const res = await loginInitialize(t.app, { identifier: email.toUpperCase() });
    expectStatus(res, 200);
    expect(res.body.user_verification).toBe("required");
    expect(res.body.options).not.toHaveProperty("publicKey");
    expect(res.body.options).toMatchObject({
      challenge: expect.stringMatching(/^[A-Za-z0-9_-]{20,}$/),
      timeout: 60000,
      rpId: "app.test",
      userVerification: "required",
      allowCredentials: [{ type: "public-key", id: passkey.credentialId, transports: ["internal", "hybrid"] }],
    });
    expect(auth.passkeys).toHaveLength(1);
  });

  it("answers 404 user_not_found for an unknown identifier and an empty allowCredentials for a user without passkeys", async () => {
    expectError(await loginInitialize(t.app, { identifier: newEmail() }), 404, "user_not_found");
    const db = await getDb();
    const [base] = await db.select().from(appUsers).where(eq(appUsers.appId, t.app.id)).limit(1);
    const email = newEmail();
    await db.insert(appUsers).values({ appId: t.app.id, baseUserId: String(base?.baseUserId), email, status: "active" });
    const res = await loginInitialize(t.app, { identifier: email });
    expectStatus(res, 200);
    expect(res.body.options.allowCredentials).toEqual([]);
  });

  it("without an identifier names no credential (discoverable login)", async () => {
    const res = await loginInitialize(t.app, {});
    expectStatus(res, 200);
    expect(res.body.options.allowCredentials ?? []).toEqual([]);
  });

  it("answers 403 passkeys_disabled when the app has passkeys off, 400 for a bad identifier", async () => {
    const other = await createTenant();
    expectError(await loginInitialize(other.app, { identifier: "nope" }), 400, "invalid_identifier");
    await setApp(other.app, { passkeysEnabled: false });
    expectError(await loginInitialize(other.app, {}), 403, "passkeys_disabled");
  });
});

describe("POST /v1/auth/{app_id}/webauthn/login/finalize", () => {
  it("signs in: webauthn session with crid, counter and last use updated, passkey.login recorded", async () => {
    const { email, auth, passkey, payload } = await signUpWithPasskey(t.app);
    const res = await loginWith(t.app, auth, email);
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ access: expect.any(String), refresh: expect.any(String), user_id: payload.user_id });
    const claims = decodeJwt(res.body.access);
    expect(claims).toMatchObject({ uuid: payload.user_id, crid: passkey.credentialId, aid: t.app.publicId });
    const sessions = await sessionsOf(payload.user_id);
    expect(sessions.find((s) => s.id === claims.uid)).toMatchObject({ type: "webauthn", credentialId: passkey.credentialId });
    const [cred] = await credentialsOf(payload.user_id);
    expect(cred).toMatchObject({ counter: 1, lastUsedAt: expect.any(Date) });
    expect((await eventsOf(t.app, "passkey.login")).filter((e) => e.appUserId === payload.user_id)).toHaveLength(1);
    // Discoverable: no identifier, the credential decides.
    const again = await loginWith(t.app, auth);
    expectStatus(again, 200);
    expect(decodeJwt(again.body.access).uuid).toBe(payload.user_id);
    expect((await credentialsOf(payload.user_id))[0]?.counter).toBe(2);
  });

  it("skips MFA by default and still signs in with webauthn_skips_mfa=false while the MFA seam asks for nothing", async () => {
    const other = await createTenant();
    const { auth } = await signUpWithPasskey(other.app);
    await setApp(other.app, { webauthnSkipsMfa: false, mfaPolicy: "required" });
    const res = await loginWith(other.app, auth);
    expectStatus(res, 200);
    expect(res.body.access ?? res.body.mfa_required).toBeTruthy();
  });

  /** A fresh user with a passkey, and options for it. */
  async function ready(app = t.app) {
    const up = await signUpWithPasskey(app);
    const init = await loginInitialize(app, { identifier: up.email });
    const before = (await sessionsOf(up.payload.user_id)).length;
    const noNewSession = async () => expect(await sessionsOf(up.payload.user_id)).toHaveLength(before);
    return { ...up, options: init.body.options, noNewSession };
  }

  it("refuses a replayed assertion (challenge consumed) with no session created", async () => {
    const { auth, options, payload } = await ready();
    const body = auth.assert(options);
    expectStatus(await loginFinalize(t.app, body), 200);
    const after = (await sessionsOf(payload.user_id)).length;
    expectError(await loginFinalize(t.app, body), 404, "webauthn_challenge_not_found");
    expect(await sessionsOf(payload.user_id)).toHaveLength(after);
  });

  it("refuses an expired ceremony", async () => {
    const other = await createTenant();
    const { auth, options, noNewSession } = await ready(other.app);
    await expireCeremonies(other.app);
    expectError(await loginFinalize(other.app, auth.assert(options)), 404, "webauthn_challenge_not_found");
    await noNewSession();
  });

  it("refuses a wrong origin, wrong RP ID, no user verification, no user presence, a create-type clientData, a bad signature", async () => {
    const { auth, email, noNewSession } = await ready();
    const cases: Record<string, unknown>[] = [
      { origin: "https://evil.test" },
      { origin: "http://app.test" },
      { rpId: "evil.test" },
      { uv: false },
      { up: false },
      { type: "webauthn.create" },
    ];
    for (const o of cases) {
      const init = await loginInitialize(t.app, { identifier: email });
      expectError(await loginFinalize(t.app, auth.assert(init.body.options, o)), 401, "webauthn_failed");
    }
    const init = await loginInitialize(t.app, { identifier: email });
    const body = auth.assert(init.body.options);
    const sig = Buffer.from(body.response.signature, "base64url");
    sig[sig.length - 1] = (sig[sig.length - 1] ?? 0) ^ 0xff;
    expectError(await loginFinalize(t.app, { ...body, response: { ...body.response, signature: sig.toString("base64url") } }), 401, "webauthn_failed");
    await noNewSession();
  });

  it("refuses another app's credential, another user's credential, a foreign userHandle and an unknown credential alike", async () => {
    const other = await createTenant();
    const foreign = await signUpWithPasskey(other.app);
    const mine = await ready();
    // Another app's passkey against this app's challenge (same RP ID app.test: only the app scope refuses it).
    const i1 = await loginInitialize(t.app, {});
    expectError(await loginFinalize(t.app, foreign.auth.assert(i1.body.options)), 401, "webauthn_failed");
    // Options named `mine`'s user; a different user's passkey of this app answers them.
    const stranger = await signUpWithPasskey(t.app);
    const i2 = await loginInitialize(t.app, { identifier: mine.email });
    expectError(await loginFinalize(t.app, stranger.auth.assert(i2.body.options, { passkey: stranger.passkey })), 401, "webauthn_failed");
    // The right credential with someone else's user handle.
    const i3 = await loginInitialize(t.app, { identifier: mine.email });
    expectError(await loginFinalize(t.app, mine.auth.assert(i3.body.options, { userHandle: stranger.passkey.userHandle })), 401, "webauthn_failed");
    // An unknown credential id.
    const i4 = await loginInitialize(t.app, {});
    const ghost = authenticator();
    ghost.register({ challenge: "x", rp: { name: "x", id: "app.test" }, user: { id: mine.passkey.userHandle, name: "x", displayName: "x" } });
    expectError(await loginFinalize(t.app, ghost.assert(i4.body.options)), 401, "webauthn_failed");
    await mine.noNewSession();
  });

  it("refuses a revoked (deleted) credential", async () => {
    const { auth, options, payload, noNewSession } = await ready();
    await (await getDb()).delete(webauthnCredentials).where(eq(webauthnCredentials.appUserId, payload.user_id));
    expectError(await loginFinalize(t.app, auth.assert(options)), 401, "webauthn_failed");
    await noNewSession();
  });

  it("refuses a counter that does not increase and records passkey.counter_regression", async () => {
    const { auth, email, payload, noNewSession } = await ready();
    const first = await loginWith(t.app, auth, email); // counter 1
    expectStatus(first, 200);
    const before = (await sessionsOf(payload.user_id)).length;
    for (const counter of [1, 0]) {
      const init = await loginInitialize(t.app, { identifier: email });
      expectError(await loginFinalize(t.app, auth.assert(init.body.options, { counter })), 401, "webauthn_failed");
    }
    expect(await sessionsOf(payload.user_id)).toHaveLength(before);
    const regressions = (await eventsOf(t.app, "passkey.counter_regression")).filter((e) => e.appUserId === payload.user_id);
    expect(regressions.map((e) => e.params.presented_counter).sort()).toEqual([0, 1]);
    expect((await credentialsOf(payload.user_id))[0]?.counter).toBe(1);
    void noNewSession;
  });

  it("refuses an inactive user with 403 user_inactive and no session", async () => {
    const { auth, options, payload, noNewSession } = await ready();
    await (await getDb()).update(appUsers).set({ status: "inactive" }).where(eq(appUsers.id, payload.user_id));
    expectError(await loginFinalize(t.app, auth.assert(options)), 403, "user_inactive");
    await noNewSession();
  });

  it("answers 4xx for bad JSON, missing fields and oversized clientDataJSON, and a register challenge is not a login one", async () => {
    const { auth, options, noNewSession } = await ready();
    expectError(await loginFinalize(t.app, "{"), 400, "invalid_json");
    expectError(await loginFinalize(t.app, {}), 400, "bad_request");
    const body = auth.assert(options);
    expectError(await loginFinalize(t.app, { ...body, response: { clientDataJSON: body.response.clientDataJSON } }), 400, "bad_request");
    const huge = await loginFinalize(t.app, auth.assert(options, { padClientData: 8000 }));
    expect(huge.status).toBeGreaterThanOrEqual(400);
    expect(huge.status).toBeLessThan(500);
    const reg = await (await import("../../test-fixtures")).registerInitialize(t.app, { identifier: newEmail() });
    expectError(await loginFinalize(t.app, auth.assert({ ...options, challenge: reg.body.options.challenge })), 404, "webauthn_challenge_not_found");
    await noNewSession();
  });
});
