import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { appUsers, userMetaFields } from "@/db/schema";
import { newId } from "@/lib/ids";
import { createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import {
  challengeByToken,
  countUsers,
  eventsOf,
  latestCode,
  login,
  newEmail,
  newPhone,
  outboxTo,
  setApp,
  userByPhoneOrEmail,
} from "../test-fixtures";
import { OPTIONS } from "./route";

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
});

describe("POST /v1/auth/{app_id}/otps/login", () => {
  it("sends an SMS code to a new phone user, ignoring a stray Authorization header", async () => {
    const phone = newPhone();
    const res = await login(t.app, { identifier: phone, webauthn_enabled: true }, { headers: { authorization: "Bearer scapp_nope" } });
    expectStatus(res, 200);
    expect(res.body).toEqual({
      otp: { success: true, sent_at: expect.any(String), id: expect.any(String) },
      user_id: expect.stringMatching(/^ch_[A-Za-z0-9_-]{24,}$/),
      user_meta_errors: {},
    });
    const user = await userByPhoneOrEmail(t.app, phone);
    expect(user).toMatchObject({ status: "pending", phoneVerified: false, emailVerified: false });

    const [sms, ...more] = await outboxTo(t.app, phone);
    expect(more).toHaveLength(0);
    expect(sms).toMatchObject({ channel: "sms", template: "otp_code", status: "captured" });
    expect(sms?.code).toMatch(/^\d{6}$/);
    expect(sms?.text).toContain(`@app.test #${sms?.code}`);

    const challenge = await challengeByToken(res.body.user_id);
    expect(challenge).toMatchObject({
      id: res.body.otp.id,
      appUserId: user?.id,
      purpose: "authenticate",
      method: "sms_otp",
      status: "pending",
      identifier: phone,
      attempts: 0,
      maxAttempts: 3,
      metadata: { webauthn_enabled: true },
    });
    expect(challenge.expiresAt.getTime() - challenge.createdAt.getTime()).toBe(600_000);
    const sent = (await eventsOf(t.app, "otp.sent")).find((e) => e.params.challenge_id === challenge.id);
    expect(sent?.params).toMatchObject({ method: "sms_otp", test_identity: false, webauthn_enabled: true });
    expect(JSON.stringify(sent)).not.toContain(String(sms?.code));
  });

  it("stores the code only as an HMAC and the token only as a SHA-256", async () => {
    const phone = newPhone();
    const res = await login(t.app, { identifier: phone });
    const code = String(await latestCode(t.app, phone));
    const row = await challengeByToken(res.body.user_id);
    expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.codeHash).not.toContain(code);
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.tokenHash).not.toBe(res.body.user_id);
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(res.body.user_id);
    expect(stored).not.toContain(res.body.user_id.slice(3));
    // The code must not appear as a value anywhere in the row.
    expect(Object.values(row).map(String)).not.toContain(code);
  });

  it("follows otp_length and otp_expiration", async () => {
    const u = await createTenant();
    await setApp(u.app, { otpLength: 8, otpExpiration: 120 });
    const phone = newPhone();
    const res = await login(u.app, { identifier: phone });
    expectStatus(res, 200);
    expect(await latestCode(u.app, phone)).toMatch(/^\d{8}$/);
    const row = await challengeByToken(res.body.user_id);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(120_000);
  });

  it("accepts a formatted phone and a form-encoded body, normalising to E.164", async () => {
    const res = await login(t.app, new URLSearchParams({ identifier: "+1 (303) 555-0199", webauthn_enabled: "false" }));
    expectStatus(res, 200);
    expect((await outboxTo(t.app, "+13035550199")).length).toBe(1);
  });

  it("refuses emails unless email_auth_type is otp (400 invalid_identifier, no user written)", async () => {
    const u = await createTenant();
    const email = newEmail();
    expectError(await login(u.app, { identifier: email }), 400, "invalid_identifier");
    expect(await countUsers(u.app)).toBe(0);

    await setApp(u.app, { emailAuthType: "otp" });
    const res = await login(u.app, { identifier: email.toUpperCase() });
    expectStatus(res, 200);
    const [mail] = await outboxTo(u.app, email.toUpperCase());
    expect(mail).toMatchObject({ channel: "email", template: "otp_code" });
    expect(mail?.code).toMatch(/^\d{6}$/);
    expect((await challengeByToken(res.body.user_id)).method).toBe("email_otp");
  });

  it("answers 4xx (never 500) to bad input and writes no user for it", async () => {
    const u = await createTenant();
    await setApp(u.app, { emailAuthType: "otp" });
    const invalid = [
      "",
      " ",
      "junk",
      "5551234567",
      "+1555",
      "+1555CALLNOW",
      "+1 202 555 0199 0199 0199 0199",
      "１２０２５５５０１９９",
      "a＠x.test",
      "a@",
      "a@@x.test",
      '"a@evil.test"@victim.test',
      "a@evil.test,b@victim.test",
      "a@x.test\r\nBcc: b@victim.test",
      `${"a".repeat(65)}@x.test`,
      `${"a".repeat(10_000)}@x.test`,
    ];
    for (const identifier of invalid) {
      const res = await login(u.app, { identifier });
      expectError(res, 400, "invalid_identifier");
    }
    expectError(await login(u.app, {}), 400, "bad_request");
    expectError(await login(u.app, { identifier: 12025550199 }), 400, "bad_request");
    expectError(await login(u.app, { identifier: ["+12025550199", "+12025550198"] }), 400, "bad_request");
    expectError(await login(u.app, { identifier: "+12025550199\u0000" }), 400, "bad_request");
    expectError(await login(u.app, '{"identifier":', { headers: { "content-type": "application/json" } }), 400, "invalid_json");
    expectError(await login(u.app, { identifier: "+12025550199", pad: "x".repeat(70_000) }), 413, "payload_too_large");
    expect(await countUsers(u.app)).toBe(0);
  });

  it("answers 404 for an unknown app", async () => {
    const res = await login({ ...t.app, publicId: "app_AAAAAAAAAAAAAAAAAAAA" }, { identifier: newPhone() });
    expectError(res, 404, "app_not_found");
  });

  it("keeps valid user_meta on the challenge and reports invalid keys", async () => {
    const u = await createTenant();
    await (await getDb()).insert(userMetaFields).values([
      { id: newId(), appId: u.app.id, name: "Plan", fieldName: "plan", fieldType: "string" },
      { id: newId(), appId: u.app.id, name: "Age", fieldName: "age", fieldType: "integer" },
    ]);
    const phone = newPhone();
    const res = await login(u.app, { identifier: phone, user_meta: { plan: "pro", age: "old", nope: 1 } });
    expectStatus(res, 200);
    expect(res.body.user_meta_errors).toEqual({ age: ["must be an integer"], nope: ["is not a declared meta field"] });
    expect((await challengeByToken(res.body.user_id)).userMeta).toEqual({ plan: "pro" });
    // Bracket-form meta (spec §1.4) is parsed too.
    const form = await login(u.app, new URLSearchParams({ identifier: newPhone(), "user_meta[plan]": "team" }));
    expectStatus(form, 200);
    expect((await challengeByToken(form.body.user_id)).userMeta).toEqual({ plan: "team" });
  });

  it("respects public_signup: unknown identifiers are refused, known users still get codes", async () => {
    const u = await createTenant();
    const known = newPhone();
    expectStatus(await login(u.app, { identifier: known }), 200);
    await setApp(u.app, { publicSignup: false });
    expectError(await login(u.app, { identifier: newPhone() }), 403, "public_signup_disabled");
    expect(await countUsers(u.app)).toBe(1);
    expectStatus(await login(u.app, { identifier: known }), 200);
  });

  it("refuses inactive users with 403 user_inactive and sends nothing", async () => {
    const phone = newPhone();
    expectStatus(await login(t.app, { identifier: phone }), 200);
    const user = await userByPhoneOrEmail(t.app, phone);
    await (await getDb()).update(appUsers).set({ status: "inactive" }).where(eq(appUsers.id, String(user?.id)));
    expectError(await login(t.app, { identifier: phone }), 403, "user_inactive");
    expect(await outboxTo(t.app, phone)).toHaveLength(1);
  });

  it("replaces the user's pending code: a new send cancels the previous challenge", async () => {
    const phone = newPhone();
    const first = await login(t.app, { identifier: phone });
    const second = await login(t.app, { identifier: phone });
    expect((await challengeByToken(first.body.user_id)).status).toBe("cancelled");
    expect((await challengeByToken(second.body.user_id)).status).toBe("pending");
  });

  it("gives test identities the fixed code and no message, only when the app enables them", async () => {
    const u = await createTenant();
    await setApp(u.app, { emailAuthType: "otp" });
    const email = `dev-${Date.now()}+scute_test@example.com`;
    const phone = "+1 415 555 0142";
    expectStatus(await login(u.app, { identifier: email }), 200);
    expect(await latestCode(u.app, email)).toMatch(/^\d{6}$/);

    await setApp(u.app, { testIdentitiesEnabled: true });
    for (const identifier of [email, phone]) {
      const res = await login(u.app, { identifier });
      expectStatus(res, 200);
      expect((await eventsOf(u.app, "otp.sent")).find((e) => e.params.challenge_id === res.body.otp.id)?.params.test_identity).toBe(true);
    }
    expect(await outboxTo(u.app, email)).toHaveLength(1);
    expect(await outboxTo(u.app, "+14155550142")).toHaveLength(0);
    // Outside the reserved range: a real code is sent.
    expectStatus(await login(u.app, { identifier: "+1 415 555 0242" }), 200);
    expect(await latestCode(u.app, "+14155550242")).toMatch(/^\d{6}$/);
  });

  it("limits sends to 5 per identifier per 10 minutes (429 with Retry-After), whatever its spelling", async () => {
    const u = await createTenant();
    await setApp(u.app, { emailAuthType: "otp" });
    const email = newEmail();
    for (let i = 0; i < 5; i++) {
      const res = await login(u.app, { identifier: i % 2 ? email.toUpperCase() : email });
      expectStatus(res, 200);
      expect(res.headers.get("x-ratelimit-limit")).toBe("5");
      expect(res.headers.get("x-ratelimit-remaining")).toBe(String(4 - i));
      expect(Number(res.headers.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000);
    }
    const sixth = await login(u.app, { identifier: ` ${email.toUpperCase()} ` });
    expectError(sixth, 429, "rate_limited");
    expect(Number(sixth.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await outboxTo(u.app, email)).toHaveLength(3);
    expectStatus(await login(u.app, { identifier: newEmail() }), 200);
  });

  it("answers a CORS preflight for the app's origin", async () => {
    const res = await OPTIONS(
      new Request(`http://localhost:3999/v1/auth/${t.app.publicId}/otps/login`, {
        method: "OPTIONS",
        headers: { origin: "https://app.test", "access-control-request-method": "POST" },
      }),
    );
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://app.test");
  });
});
