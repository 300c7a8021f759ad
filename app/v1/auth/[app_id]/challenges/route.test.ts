import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { challenges, magicLinks } from "@/db/schema";
import { systemCtx } from "@/lib/context";
import { mintOAuthToken } from "@/lib/hosted/handoff";
import { randomBase62 } from "@/lib/ids";
import { createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { authenticate, latestMessage, loginLink, setApp } from "../magic_links/test-fixtures";
import {
  backupCodesCall,
  cancelChallengeCall,
  challengeRow,
  challengeStatus,
  createChallengeCall,
  denyChallengeCall,
  enrollTotp,
  eventsOf,
  forgetTotpStep,
  nextTotp,
  resendChallengeCall,
  sessionsOf,
  signedInUser,
  verifyChallengeCall,
} from "../mfa/test-fixtures";

let t: Tenant;
let other: Tenant;
beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
  t.app = await setApp(t.app, { mfaPolicy: "optional" });
});

const newEmail = () => `m-${randomBase62(10).toLowerCase()}@example.com`;

/** A TOTP-enrolled user of `t`, and the MFA body of a magic-link sign-in. */
async function mfaSignIn(email = newEmail()) {
  const { user, access } = await signedInUser(t.app, email);
  const totp = await enrollTotp(t.app, access);
  const { token, id: linkId } = await loginLink(t.app, email);
  const res = await authenticate(t.app, { token });
  expectStatus(res, 200);
  return { user, access, totp, linkId, body: res.body, email };
}

describe("MFA on magic-link sign-in (spec §14.7, §2.7)", () => {
  it("answers the MFA body, then the TOTP challenge gives the session (the done-when journey)", async () => {
    const { user, totp, linkId, body } = await mfaSignIn();
    expect(body).toMatchObject({
      mfa_required: true,
      app_user_id: user.id,
      available_methods: ["totp"],
      mfa_challenge: { status: "pending", purpose: "mfa", method: "totp", delivery_required: false, remaining_attempts: 3 },
    });
    expect(body).not.toHaveProperty("access");
    const before = await sessionsOf(user.id);
    const token = String(body.mfa_challenge.token);

    const wrong = await verifyChallengeCall(t.app, token, { code: "000000" === nextTotp(totp.secret) ? "111111" : "000000" });
    expectError(wrong, 422, "invalid_code");
    expect(wrong.body.remaining_attempts).toBe(2);
    expect(await sessionsOf(user.id)).toHaveLength(before.length);

    const ok = await verifyChallengeCall(t.app, token, { code: nextTotp(totp.secret) });
    expectStatus(ok, 200);
    expect(ok.body).toMatchObject({ access: expect.any(String), user_id: user.id, challenge: { status: "completed", purpose: "mfa" } });
    const after = await sessionsOf(user.id);
    expect(after).toHaveLength(before.length + 1);
    const session = after.find((s) => !before.some((b) => b.id === s.id));
    expect(session?.type).toBe("magic");
    const [link] = await (await getDb()).select().from(magicLinks).where(eq(magicLinks.id, linkId));
    expect(link?.activatedSessionId).toBe(session?.id);
    expect((await eventsOf(t.app, "challenge.completed")).some((e) => e.appUserId === user.id)).toBe(true);

    // The same code again (a replay within its step) is refused.
    const again = await mfaSignIn();
    await forgetTotpStep(again.totp.enrollmentId);
    expectStatus(await verifyChallengeCall(t.app, String(again.body.mfa_challenge.token), { code: nextTotp(again.totp.secret) }), 200);
  });

  it("a backup code works once, through the SDK's credential-less method switch", async () => {
    const { access, body, user, email } = await mfaSignIn();
    const codes = await backupCodesCall(t.app, access);
    expectStatus(codes, 200);
    expect(codes.body.backup_codes).toHaveLength(10);
    for (const c of codes.body.backup_codes) expect(c).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}$/);
    const code = String(codes.body.backup_codes[0]);

    // The SDK cancels the old challenge and creates the replacement, without a secret.
    const oldToken = String(body.mfa_challenge.token);
    expectStatus(await cancelChallengeCall(t.app, oldToken), 200);
    const created = await createChallengeCall(t.app, { purpose: "mfa", method: "backup_code", app_user_id: user.id });
    expectStatus(created, 200);
    expect(created.body.challenge).toMatchObject({ method: "backup_code", status: "pending", challenge_method: "backup_code" });
    expect((await challengeRow(String(created.body.challenge.token))).parentChallengeId).toBe(body.mfa_challenge && (await challengeRow(oldToken)).id);

    const ok = await verifyChallengeCall(t.app, String(created.body.challenge.token), { code: code.toUpperCase() });
    expectStatus(ok, 200);
    expect(ok.body).toMatchObject({ access: expect.any(String), remaining_backup_codes: 9 });

    // Second sign-in: the same backup code is refused; another one works.
    const { token: link2 } = await loginLink(t.app, email);
    const second = await authenticate(t.app, { token: link2 });
    expect(second.body.available_methods).toEqual(["totp", "backup_code"]);
    const sw = await createChallengeCall(t.app, { purpose: "mfa", method: "backup_code", app_user_id: user.id });
    expectStatus(sw, 200);
    const token2 = String(sw.body.challenge.token);
    expectError(await verifyChallengeCall(t.app, token2, { code }), 422, "invalid_code");
    expectStatus(await verifyChallengeCall(t.app, token2, { code: String(codes.body.backup_codes[1]) }), 200);
  });

  it("tolerates the switch race: DELETE then POST, and POST then DELETE", async () => {
    const first = await mfaSignIn();
    const oldToken = String(first.body.mfa_challenge.token);
    expectStatus(await cancelChallengeCall(t.app, oldToken), 200);
    const afterDelete = await createChallengeCall(t.app, { purpose: "mfa", method: "totp", app_user_id: first.user.id });
    expectStatus(afterDelete, 200);

    const second = await mfaSignIn();
    const oldToken2 = String(second.body.mfa_challenge.token);
    const beforeDelete = await createChallengeCall(t.app, { purpose: "mfa", method: "totp", app_user_id: second.user.id });
    expectStatus(beforeDelete, 200);
    const cancelled = await cancelChallengeCall(t.app, oldToken2);
    expectStatus(cancelled, 200);
    expect(cancelled.body.challenge.status).toBe("cancelled");
    const replacement = String(beforeDelete.body.challenge.token);
    expect((await challengeRow(replacement)).status).toBe("pending");
    await forgetTotpStep(second.totp.enrollmentId);
    expectStatus(await verifyChallengeCall(t.app, replacement, { code: nextTotp(second.totp.secret) }), 200);
  });

  it("refuses a credential-less create without an MFA context", async () => {
    const { user } = await signedInUser(t.app, newEmail());
    expectError(await createChallengeCall(t.app, { purpose: "mfa", method: "totp", app_user_id: user.id }), 401, "api_key_required");
    expectError(await createChallengeCall(t.app, { purpose: "step_up", method: "email_otp", app_user_id: user.id }), 401, "api_key_required");
    expectError(await createChallengeCall(t.app, { purpose: "mfa", method: "totp", app_user_id: crypto.randomUUID() }), 401, "api_key_required");
    // An old cancellation no longer opens the door.
    const s = await mfaSignIn();
    const oldToken = String(s.body.mfa_challenge.token);
    expectStatus(await cancelChallengeCall(t.app, oldToken), 200);
    await (await getDb())
      .update(challenges)
      .set({ updatedAt: new Date(Date.now() - 11 * 60_000) })
      .where(eq(challenges.tokenHash, (await challengeRow(oldToken)).tokenHash));
    expectError(await createChallengeCall(t.app, { purpose: "mfa", method: "totp", app_user_id: s.user.id }), 401, "api_key_required");
    // A method the user has not enrolled is refused even with a context.
    const s2 = await mfaSignIn();
    expectError(await createChallengeCall(t.app, { purpose: "mfa", method: "sms_otp", app_user_id: s2.user.id }), 422, "mfa_method_not_available");
  });

  it("gives exactly one session to 10 parallel verifies with the right code", async () => {
    const app = await setApp((await createTenant()).app, { mfaPolicy: "required" });
    const email = newEmail();
    const { user } = await signedInUser(app, email);
    const { token } = await loginLink(app, email);
    const res = await authenticate(app, { token });
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ mfa_required: true, available_methods: ["email_otp"], mfa_challenge: { method: "email_otp" } });
    const code = String((await latestMessage(app, email)).code);
    const before = (await sessionsOf(user.id)).length;
    const results = await Promise.all(
      Array.from({ length: 10 }, () => verifyChallengeCall(app, String(res.body.mfa_challenge.token), { code })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 200)) expect(r.status).toBe(422);
    expect(await sessionsOf(user.id)).toHaveLength(before + 1);
  });

  it("does not ask again after a hosted sign-in handed off (signed mfa claim), but does for a bare oauth token", async () => {
    const { user } = await mfaSignIn();
    const handed = await mintOAuthToken(systemCtx("t"), { app: t.app, user, ttlSeconds: 120, mfaSatisfied: true });
    const r1 = await authenticate(t.app, { token: handed });
    expectStatus(r1, 200);
    expect(r1.body.access).toEqual(expect.any(String));
    const bare = await mintOAuthToken(systemCtx("t"), { app: t.app, user, ttlSeconds: 120 });
    const r2 = await authenticate(t.app, { token: bare });
    expect(r2.body).toMatchObject({ mfa_required: true });
  });

  it("skips MFA when the policy is disabled or the user has nothing enrolled under optional", async () => {
    const email = newEmail();
    await signedInUser(t.app, email);
    const { token } = await loginLink(t.app, email);
    const res = await authenticate(t.app, { token });
    expect(res.body.access).toEqual(expect.any(String));
    expect(other.app.mfaPolicy).toBe("disabled");
  });
});

describe("challenges created with the API secret (spec §14.1–14.6)", () => {
  async function stepUp(over: Record<string, unknown> = {}) {
    const email = newEmail();
    const { user } = await signedInUser(t.app, email);
    const res = await createChallengeCall(
      t.app,
      { purpose: "step_up", method: "email_otp", app_user_id: user.id, intent: "delete_account", intent_fields: { a: 1 }, ...over },
      { secret: t.appKey },
    );
    expectStatus(res, 200);
    const code = String((await latestMessage(t.app, email)).code);
    return { user, email, token: String(res.body.challenge.token), code, body: res.body };
  }

  it("creates, delivers and verifies a step-up by email code", async () => {
    const { token, code, body, user } = await stepUp();
    expect(body.challenge).toMatchObject({ purpose: "step_up", method: "email_otp", delivery_required: true, intent: "delete_account", id: expect.any(String) });
    const ok = await verifyChallengeCall(t.app, token, { code });
    expectStatus(ok, 200);
    expect(ok.body).toMatchObject({ status: "completed", intent: "delete_account", intent_fields: { a: 1 }, challenge: { status: "completed" } });
    expect(ok.body).not.toHaveProperty("access");
    const events = (await eventsOf(t.app, "challenge.completed")).filter((e) => e.appUserId === user.id);
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain(code);
    expect(JSON.stringify(events)).not.toContain(token);
  });

  it("checks the credential: none, another app's key", async () => {
    const { user } = await signedInUser(t.app, newEmail());
    const body = { purpose: "step_up", method: "email_otp", app_user_id: user.id };
    expectError(await createChallengeCall(t.app, body), 401, "api_key_required");
    expectError(await createChallengeCall(t.app, body, { secret: other.appKey }), 403, "api_key_not_authorized");
    expectError(await createChallengeCall(t.app, { ...body, method: "push" }, { secret: t.appKey }), 400, "invalid_method");
    expectError(await createChallengeCall(t.app, { ...body, method: "totp" }, { secret: t.appKey }), 422, "mfa_method_not_available");
    expectError(await createChallengeCall(t.app, { ...body, redirect_url: "https://evil.test/x" }, { secret: t.appKey }), 400, "bad_request");
  });

  it("status, wrong codes to failure, expiry", async () => {
    const { token, code, user } = await stepUp();
    const st = await challengeStatus(t.app, token);
    expect(st.body.challenge).toMatchObject({ status: "pending", remaining_attempts: 3 });
    expectError(await challengeStatusOther(token), 404, "challenge_not_found");
    const bad = code.replace(/./g, (d) => String((Number(d) + 1) % 10));
    expectError(await verifyChallengeCall(t.app, token, { code: bad }), 422, "invalid_code");
    expectError(await verifyChallengeCall(t.app, token, { code: bad }), 422, "invalid_code");
    expectError(await verifyChallengeCall(t.app, token, { code: bad }), 422, "challenge_failed");
    expectError(await verifyChallengeCall(t.app, token, { code }), 422, "challenge_failed");
    expect((await eventsOf(t.app, "challenge.failed")).filter((e) => e.appUserId === user.id)).toHaveLength(1);

    const late = await stepUp();
    await (await getDb()).update(challenges).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(challenges.id, (await challengeRow(late.token)).id));
    expectError(await verifyChallengeCall(t.app, late.token, { code: late.code }), 422, "challenge_expired");
    expectError(await verifyChallengeCall(t.app, "ch_unknownunknownunknownunknown", { code: "123456" }), 404, "challenge_not_found");
  });

  it("resend gives a new token and code and cancels the old; TOTP is not resendable", async () => {
    const { token, email } = await stepUp();
    const res = await resend(token);
    expectStatus(res, 200);
    const fresh = String(res.body.challenge.token);
    expect(fresh).not.toBe(token);
    expect((await challengeRow(token)).status).toBe("cancelled");
    const code = String((await latestMessage(t.app, email)).code);
    expectStatus(await verifyChallengeCall(t.app, fresh, { code }), 200);
    expectError(await resend(token), 422, "challenge_not_open");

    const s = await mfaSignIn();
    expectError(await resend(String(s.body.mfa_challenge.token)), 422, "not_resendable");
  });

  it("deny and cancel are single transitions, with events", async () => {
    const { token, user } = await stepUp({ callback_url: "https://app.test/cb" });
    const denied = await deny(token, { reason: "not me" });
    expectStatus(denied, 200);
    expect(denied.body.challenge.status).toBe("denied");
    expectError(await deny(token), 422, "challenge_not_open");
    expect((await challengeRow(token)).denyReason).toBe("not me");
    const ev = (await eventsOf(t.app, "challenge.denied")).filter((e) => e.appUserId === user.id);
    expect(ev).toHaveLength(1);

    const c = await stepUp();
    const results = await Promise.all(Array.from({ length: 5 }, () => cancelChallengeCall(t.app, c.token)));
    for (const r of results) expect(r.body.challenge.status).toBe("cancelled");
    expect((await eventsOf(t.app, "challenge.cancelled")).filter((e) => e.appUserId === c.user.id)).toHaveLength(1);
    expectError(await verifyChallengeCall(t.app, c.token, { code: c.code }), 422, "invalid_code");
  });
});

const challengeStatusOther = (token: string) => challengeStatus(other.app, token);
const resend = (token: string) => resendChallengeCall(t.app, token);
const deny = (token: string, body: unknown = {}) => denyChallengeCall(t.app, token, body);
