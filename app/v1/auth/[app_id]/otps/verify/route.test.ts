import { eq } from "drizzle-orm";
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { appUsers, challenges, userMetaFields } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import { createChallenge } from "@/lib/challenges/create-challenge";
import { systemCtx } from "@/lib/context";
import { newId } from "@/lib/ids";
import { getJwks } from "@/lib/signing-keys/get-jwks";
import { createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import {
  challengeByToken,
  eventsOf,
  latestCode,
  login,
  newEmail,
  newPhone,
  sendCode,
  sessionsOf,
  setApp,
  userByPhoneOrEmail,
  verify,
  wrongCode,
} from "../test-fixtures";

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
  await setApp(t.app, { emailAuthType: "otp" });
});

/** Verify `access` against the app's served JWKS and return its claims. */
async function verifiedClaims(app: AppRow, access: string) {
  const jwks = createLocalJWKSet(JSON.parse((await getJwks(app.id)).body) as JSONWebKeySet);
  const { payload } = await jwtVerify(access, jwks, { algorithms: ["RS256"], issuer: "http://localhost:3999", audience: app.publicId });
  return payload;
}

const setUser = async (id: string, values: Partial<typeof appUsers.$inferInsert>) =>
  (await getDb()).update(appUsers).set(values).where(eq(appUsers.id, id));

describe("POST /v1/auth/{app_id}/otps/verify", () => {
  it("signs a phone user in with the SMS code and the challenge token", async () => {
    const phone = newPhone();
    const { token, code } = await sendCode(t.app, phone);
    const res = await verify(t.app, { otp: code, user_id: token }, { headers: { authorization: "Bearer scapp_nope" } });
    expectStatus(res, 200);
    const user = await userByPhoneOrEmail(t.app, phone);
    expect(res.body).toMatchObject({ access: expect.any(String), csrf: expect.any(String), user_id: user?.id, key_id: expect.any(String) });
    const claims = await verifiedClaims(t.app, res.body.access);
    const [session, ...others] = await sessionsOf(String(user?.id));
    expect(others).toHaveLength(0);
    expect(claims).toMatchObject({ uuid: user?.id, aid: t.app.publicId, uid: session?.id });
    expect(session?.type).toBe("misc");
    expect(user).toMatchObject({ status: "active", phoneVerified: true, emailVerified: false });
    expect(await challengeByToken(token)).toMatchObject({ status: "completed", attempts: 1, completedAt: expect.any(Date) });
    expect((await eventsOf(t.app, "user.login")).some((e) => e.appUserId === user?.id)).toBe(true);
    expect((await eventsOf(t.app, "otp.verified")).some((e) => e.appUserId === user?.id)).toBe(true);
    const activated = (await eventsOf(t.app, "user.activated")).filter((e) => e.appUserId === user?.id);
    expect(activated.map((e) => e.params)).toEqual([{ user_id: user?.id, previous_status: "pending", via: "otp" }]);
  });

  it("signs an email user in with the app user id as user_id (what the JS SDK sends)", async () => {
    const email = newEmail();
    const { code } = await sendCode(t.app, email);
    const user = await userByPhoneOrEmail(t.app, email);
    const res = await verify(t.app, { otp: code, user_id: user?.id });
    expectStatus(res, 200);
    expect((await verifiedClaims(t.app, res.body.access)).uuid).toBe(user?.id);
    expect(await userByPhoneOrEmail(t.app, email)).toMatchObject({ status: "active", emailVerified: true, phoneVerified: false });
  });

  it("by app user id, uses the latest code: an earlier one was cancelled by the resend", async () => {
    const phone = newPhone();
    const first = await sendCode(t.app, phone);
    const second = await sendCode(t.app, phone);
    const user = await userByPhoneOrEmail(t.app, phone);
    if (first.code !== second.code) expectError(await verify(t.app, { otp: first.code, user_id: user?.id }), 422, "invalid_code");
    expectError(await verify(t.app, { otp: second.code, user_id: first.token }), 422, "invalid_code");
    expectStatus(await verify(t.app, { otp: second.code, user_id: user?.id }), 200);
  });

  it("counts wrong codes (remaining 2, 1), fails the challenge at 3 and then refuses even the right code", async () => {
    const phone = newPhone();
    const { token, code } = await sendCode(t.app, phone);
    const bad = wrongCode(code);
    const r1 = await verify(t.app, { otp: bad, user_id: token });
    expectError(r1, 422, "invalid_code");
    expect(r1.body).toMatchObject({ error: "Invalid code", remaining_attempts: 2 });
    expect((await verify(t.app, { otp: bad, user_id: token })).body.remaining_attempts).toBe(1);
    const r3 = await verify(t.app, { otp: bad, user_id: token });
    expectError(r3, 422, "challenge_failed");
    expect(r3.body.remaining_attempts).toBe(0);
    expectError(await verify(t.app, { otp: code, user_id: token }), 422, "challenge_failed");
    expect(await challengeByToken(token)).toMatchObject({ status: "failed", attempts: 3 });
    const user = await userByPhoneOrEmail(t.app, phone);
    expect(user).toMatchObject({ status: "pending", phoneVerified: false });
    expect(await sessionsOf(String(user?.id))).toHaveLength(0);
    const failed = (await eventsOf(t.app, "otp.failed")).filter((e) => e.appUserId === user?.id);
    expect(failed.map((e) => e.params.remaining_attempts).sort()).toEqual([0, 1, 2]);
    expect(JSON.stringify(failed)).not.toContain(bad);
    expect(JSON.stringify(failed)).not.toContain(code);
    // By user id nothing is pending any more.
    expectError(await verify(t.app, { otp: code, user_id: user?.id }), 422, "invalid_code");
  });

  it("answers challenge_expired after otp_expiration and marks the challenge expired", async () => {
    const phone = newPhone();
    const { token, code } = await sendCode(t.app, phone);
    const row = await challengeByToken(token);
    await (await getDb()).update(challenges).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(challenges.id, row.id));
    const user = await userByPhoneOrEmail(t.app, phone);
    expectError(await verify(t.app, { otp: code, user_id: user?.id }), 422, "challenge_expired");
    expect(await challengeByToken(token)).toMatchObject({ status: "expired", attempts: 0 });
    expectError(await verify(t.app, { otp: code, user_id: token }), 422, "challenge_expired");
  });

  it("answers the same invalid_code for unknown tokens, unknown users and users with nothing pending", async () => {
    const other = await createTenant();
    const foreign = await sendCode(other.app, newPhone());
    const done = newPhone();
    const sent = await sendCode(t.app, done);
    expectStatus(await verify(t.app, { otp: sent.code, user_id: sent.token }), 200);
    const doneUser = await userByPhoneOrEmail(t.app, done);
    for (const user_id of [
      `ch_${"A".repeat(32)}`,
      "ch_short",
      foreign.token,
      newId(),
      String(doneUser?.id),
      sent.token,
      "not-an-id",
      "../../etc/passwd",
      "' or 1=1 --",
      "x".repeat(10_000),
    ]) {
      const res = await verify(t.app, { otp: foreign.code, user_id });
      expectError(res, 422, "invalid_code");
      expect(res.body).not.toHaveProperty("remaining_attempts");
    }
    // The other app's challenge was never touched.
    expect(await challengeByToken(foreign.token)).toMatchObject({ status: "pending", attempts: 0 });
  });

  it("refuses a code whose challenge has another purpose (a login code is bound to sign-in)", async () => {
    const phone = newPhone();
    await sendCode(t.app, phone);
    const user = await userByPhoneOrEmail(t.app, phone);
    const db = await getDb();
    const { token, code } = await db.transaction((tx) =>
      createChallenge(tx, systemCtx("test"), {
        appId: t.app.id,
        appUserId: String(user?.id),
        purpose: "step_up",
        method: "sms_otp",
        identifier: phone,
        codeLength: 6,
      }),
    );
    expectError(await verify(t.app, { otp: String(code), user_id: token }), 422, "invalid_code");
    expect(await challengeByToken(token)).toMatchObject({ status: "pending", attempts: 0 });
  });

  it("counts malformed codes as attempts (422 invalid_code) and refuses wrong types and huge bodies with 4xx", async () => {
    const phone = newPhone();
    const { token, code } = await sendCode(t.app, phone);
    for (const [i, otp] of [" " + code, `${code}5`].entries()) {
      const res = await verify(t.app, { otp, user_id: token });
      expectError(res, 422, "invalid_code");
      expect(res.body.remaining_attempts).toBe(2 - i);
    }
    expectError(await verify(t.app, { otp: "１２３４５６", user_id: token }), 422, "challenge_failed");

    const next = await sendCode(t.app, phone);
    // Malformed requests never reach a challenge: nothing is counted.
    expectError(await verify(t.app, { otp: Number(next.code), user_id: next.token }), 400, "bad_request");
    expectError(await verify(t.app, { user_id: next.token }), 400, "bad_request");
    expectError(await verify(t.app, { otp: next.code }), 400, "bad_request");
    expectError(await verify(t.app, {}), 400, "bad_request");
    expectError(await verify(t.app, { otp: "1".repeat(1024 * 1024), user_id: next.token }), 413, "payload_too_large");
    expectError(await verify(t.app, { otp: `${next.code}\u0000`, user_id: next.token }), 400, "bad_request");
    expect(await challengeByToken(next.token)).toMatchObject({ status: "pending", attempts: 0 });
    for (const [i, otp] of ["12345a", "x".repeat(5000)].entries()) {
      const res = await verify(t.app, { otp, user_id: next.token });
      expectError(res, 422, "invalid_code");
      expect(res.body.remaining_attempts).toBe(2 - i);
    }
    expectStatus(await verify(t.app, { otp: next.code, user_id: next.token }), 200);
  });

  it("accepts each code once", async () => {
    const { token, code } = await sendCode(t.app, newPhone());
    expectStatus(await verify(t.app, { otp: code, user_id: token }), 200);
    expectError(await verify(t.app, { otp: code, user_id: token }), 422, "invalid_code");
  });

  it("yields exactly one session for 10 parallel verifies of the right code", async () => {
    for (let round = 0; round < 3; round++) {
      const phone = newPhone();
      const { token, code } = await sendCode(t.app, phone);
      const results = await Promise.all(Array.from({ length: 10 }, () => verify(t.app, { otp: code, user_id: token })));
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 200), JSON.stringify(results.map((r) => r.body))).toHaveLength(1);
      expect(statuses.filter((s) => s === 422)).toHaveLength(9);
      const user = await userByPhoneOrEmail(t.app, phone);
      expect(await sessionsOf(String(user?.id))).toHaveLength(1);
      expect((await challengeByToken(token)).attempts).toBeLessThanOrEqual(3);
    }
  });

  it("keeps the attempt counted when the sign-in transaction rolls back", async () => {
    const phone = newPhone();
    const { token, code } = await sendCode(t.app, phone);
    const user = await userByPhoneOrEmail(t.app, phone);
    await setUser(String(user?.id), { status: "inactive" });
    expectError(await verify(t.app, { otp: code, user_id: token }), 403, "user_inactive");
    expect(await challengeByToken(token)).toMatchObject({ status: "pending", attempts: 1, completedAt: null });
    expect(await userByPhoneOrEmail(t.app, phone)).toMatchObject({ status: "inactive", phoneVerified: false });
    expect(await sessionsOf(String(user?.id))).toHaveLength(0);
    await setUser(String(user?.id), { status: "pending" });
    expectStatus(await verify(t.app, { otp: code, user_id: token }), 200);
    expect((await challengeByToken(token)).attempts).toBe(2);
  });

  it("activates imported users and applies the user meta stored at send time", async () => {
    const u = await createTenant();
    await (await getDb()).insert(userMetaFields).values({ id: newId(), appId: u.app.id, name: "Plan", fieldName: "plan", fieldType: "string" });
    const phone = newPhone();
    expectStatus(await login(u.app, { identifier: phone }), 200);
    const user = await userByPhoneOrEmail(u.app, phone);
    await setUser(String(user?.id), { status: "imported", meta: { keep: 1 } });
    const res = await login(u.app, { identifier: phone, user_meta: { plan: "pro" } });
    const code = String(await latestCode(u.app, phone));
    // Before verification the existing user's meta is untouched (threats T7).
    expect((await userByPhoneOrEmail(u.app, phone))?.meta).toEqual({ keep: 1 });
    expectStatus(await verify(u.app, { otp: code, user_id: res.body.user_id }), 200);
    expect(await userByPhoneOrEmail(u.app, phone)).toMatchObject({ status: "active", meta: { keep: 1, plan: "pro" } });
  });

  it("only verifies the identifier the code was sent to", async () => {
    const phone = newPhone();
    const { token, code } = await sendCode(t.app, phone);
    const user = await userByPhoneOrEmail(t.app, phone);
    const moved = newPhone();
    await setUser(String(user?.id), { phone: moved });
    expectStatus(await verify(t.app, { otp: code, user_id: token }), 200);
    expect(await userByPhoneOrEmail(t.app, moved)).toMatchObject({ phoneVerified: false, status: "active" });
  });

  it("lets test identities sign in with 424242 only when the app enables them", async () => {
    const u = await createTenant();
    const phone = "+14155550107";
    const off = await login(u.app, { identifier: phone });
    expectError(await verify(u.app, { otp: "424242", user_id: off.body.user_id }), 422, "invalid_code");
    await setApp(u.app, { testIdentitiesEnabled: true });
    const on = await login(u.app, { identifier: phone });
    expectStatus(await verify(u.app, { otp: "424242", user_id: on.body.user_id }), 200);
  });
});
