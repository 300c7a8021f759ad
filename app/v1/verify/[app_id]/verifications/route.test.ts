/** §15.2–15.10 over HTTP: credentials, create variants, intent errors and limit, list/show/cancel/resend/deny/approve/verify. */
import { beforeAll, describe, expect, it } from "vitest";
import { signIn } from "@/lib/sessions/test-fixtures";
import { eventSlugs, lastMessageTo, m2mFor, patchApp, verificationRow } from "@/lib/verifications/test-fixtures";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { POST as approveRoute } from "./[id]/approve/route";
import { POST as denyRoute } from "./[id]/deny/route";
import { POST as resendRoute } from "./[id]/resend/route";
import { DELETE as cancelRoute, GET as showRoute } from "./[id]/route";
import { POST as verifyRoute } from "./[id]/verify/route";
import { POST as intentRoute } from "./intent/route";
import { GET as listRoute, POST as createRoute } from "./route";

let t: Tenant;
let other: Tenant;
let m2m: { short: string; jwt: string };
beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
  m2m = await m2mFor(t);
});

const base = (tenant: Tenant) => `/v1/verify/${tenant.app.publicId}/verifications`;
const xauth = (token: string) => ({ "x-authorization": `Bearer ${token}` });
const intent = (body: unknown, headers: Record<string, string> = xauth(m2m.short), tenant = t, query?: Record<string, string>) =>
  call(intentRoute, "POST", `${base(tenant)}/intent`, { params: { app_id: tenant.app.publicId }, headers, body, query });
const create = (body: unknown, headers: Record<string, string> = xauth(m2m.short)) =>
  call(createRoute, "POST", base(t), { params: { app_id: t.app.publicId }, headers, body });
const onId = (route: typeof showRoute, method: string, id: string, headers: Record<string, string> = xauth(m2m.short), body?: unknown, suffix = "") =>
  call(route, method, `${base(t)}/${id}${suffix}`, { params: { app_id: t.app.publicId, id }, headers, body });
const emailIntent = (email: string, extra: Record<string, unknown> = {}) =>
  intent({ intent_name: "Approve Ticket", meta_data: { contact_email: email, ticket_id: "12345", contact_id: "1991" }, ...extra });

describe("credentials (m2m, secret, user; other tenants)", () => {
  it("accepts the M2M short token, M2M JWT (raw or Bearer) and the app/workspace secrets", async () => {
    expectStatus(await emailIntent("c1@acme.test"), 200);
    expectStatus(await emailIntent("c2@acme.test", {}), 200);
    expectStatus(await intent({ intent_name: "X", meta_data: { contact_email: "c3@acme.test" } }, { "x-authorization": m2m.jwt }), 200);
    expectStatus(await intent({ intent_name: "X", meta_data: { contact_email: "c4@acme.test" } }, { authorization: `Bearer ${t.appKey}` }), 200);
    expectStatus(await intent({ intent_name: "X", meta_data: { contact_email: "c5@acme.test" } }, { authorization: `Bearer ${t.workspaceKey}` }), 200);
  });

  it("refuses no credential, another app's key or M2M token, and garbage", async () => {
    const body = { intent_name: "X", meta_data: { contact_email: "c6@acme.test" } };
    expectError(await intent(body, {}), 401, "unauthorized");
    expectError(await intent(body, { authorization: `Bearer ${other.appKey}` }), 403, "api_key_not_authorized");
    expectError(await intent(body, { authorization: `Bearer ${other.workspaceKey}` }), 404, "app_not_found");
    const foreign = await m2mFor(other);
    expect((await intent(body, xauth(foreign.short))).status).toBe(401);
    expect((await intent(body, xauth(foreign.jwt))).status).toBe(401);
    expect((await intent(body, xauth("scm2m_nope"))).status).toBe(401);
  });

  it("a user token may not create intents, and sees only its own verifications", async () => {
    const me = await signIn(t.app, { email: "me@acme.test" });
    const mine = await emailIntent("me@acme.test");
    const theirs = await emailIntent("them@acme.test");
    const user = xauth(me.payload.access);
    expectError(await intent({ intent_name: "X", meta_data: { contact_email: "me@acme.test" } }, user), 403, "forbidden");
    const list = await call(listRoute, "GET", base(t), { params: { app_id: t.app.publicId }, headers: user });
    expectStatus(list, 200);
    expect(list.body.verifications.map((v: { id: string }) => v.id)).toEqual([mine.body.verification_id]);
    expectStatus(await onId(showRoute, "GET", mine.body.verification_id, user), 200);
    expectError(await onId(showRoute, "GET", theirs.body.verification_id, user), 404, "verification_not_found");
    expectError(await onId(cancelRoute, "DELETE", theirs.body.verification_id, user), 404, "verification_not_found");
    // Backends cannot approve on a contact's behalf; the recipient can.
    expectError(await onId(approveRoute, "POST", mine.body.verification_id, xauth(m2m.short), {}, "/approve"), 403, "forbidden");
    const approved = await onId(approveRoute, "POST", mine.body.verification_id, user, {}, "/approve");
    expectStatus(approved, 200);
    expect(approved.body.verification).toMatchObject({ status: "verified", consent_decision: "approved" });
    expect(approved.body.verification.risk).toMatchObject({ level: expect.any(String), recommendation: expect.any(String) });
  });

  it("another app's credential never reaches this app's verification ids", async () => {
    const v = await emailIntent("iso@acme.test");
    const res = await call(showRoute, "GET", `${base(other)}/${v.body.verification_id}`, {
      params: { app_id: other.app.publicId, id: v.body.verification_id },
      headers: { authorization: `Bearer ${other.appKey}` },
    });
    expectError(res, 404, "verification_not_found");
  });
});

describe("POST …/verifications/intent (§15.3)", () => {
  it("sends the email with the link and answers the literal status 200", async () => {
    const res = await emailIntent("sarah@company.com", { redirect_url: "https://app.test/tickets/12345" });
    expectStatus(res, 200);
    expect(res.body).toEqual({ verification_id: expect.any(String), status: 200, message: "Verification needed, sent to an email ending in …@company.com" });
    const msg = await lastMessageTo("sarah@company.com");
    expect(msg.links[0]).toMatch(new RegExp(`/v1/verify/${t.app.publicId}/v/ch_`));
    expect(msg.html).toContain("Approve Ticket");
    expect(msg.html).toContain("12345");
    const row = await verificationRow(res.body.verification_id);
    expect(row).toMatchObject({ status: "pending", channel: "email", verificationType: "magic_link", intent: "Approve Ticket", timeout: t.app.magicLinkExpiration });
    expect(await eventSlugs(t.app.id)).toContain("verification.email.requested");
  });

  it("answers the contract's 400 codes", async () => {
    expectError(await intent({ intent_name: "X" }), 400, "meta_data_required");
    expectError(await intent({ meta_data: { contact_email: "a@b.co" } }), 400, "intent_name_required");
    expectError(await intent({ intent_name: "X", meta_data: { ticket_id: "1" } }), 400, "email_required");
    expectError(await intent({ intent_name: "X", meta_data: { contact_email: "not-an-email" } }), 400, "invalid_email");
    expectError(await intent({ intent_name: "X", method: "pigeon", meta_data: { contact_email: "a@b.co" } }), 400, "invalid_method");
    expectError(await intent({ intent_name: "X", method: "sms", meta_data: { ticket_id: "1" } }), 400, "phones_required");
    expectError(await intent({ intent_name: "X", method: "sms", meta_data: { contact_phones: [{ phone_number: " " }] } }), 400, "empty_phone");
    expectError(await intent({ intent_name: "X", method: "sms", meta_data: { contact_phones: [{ phone_number: "12" }] } }), 400, "invalid_phone");
    expectError(await intent({ intent_name: "X", meta_data: { contact_email: "a@b.co" }, redirect_url: "https://evil.com/x" }), 400, "invalid_redirect_url");
  });

  it("takes method from the query, prefers a mobile number and sends the SMS code", async () => {
    const res = await intent(
      { intent_name: "Reset", meta_data: { contact_phones: [{ phone_number: "+14155550111", phone_type: "work" }, { phone_number: "+14155550112", phone_type: "mobile" }] } },
      xauth(m2m.short),
      t,
      { method: "sms" },
    );
    expectStatus(res, 200);
    expect(res.body.message).toBe("Verification needed, sent to a phone number ending in …0112");
    const msg = await lastMessageTo("+14155550112");
    expect(msg.channel).toBe("sms");
    expect(msg.code).toMatch(/^\d{6}$/);
    expect(msg.text).toContain(msg.code ?? "none");
    expect((await verificationRow(res.body.verification_id)).verificationType).toBe("otp");
  });

  it("the 11th intent to one contact within an hour is 429 with Retry-After", async () => {
    for (let i = 0; i < 10; i++) expectStatus(await emailIntent("Limit@Acme.test"), 200);
    const res = await emailIntent("limit@acme.test");
    expectError(res, 429, "rate_limited");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expectStatus(await emailIntent("other-contact@acme.test"), 200);
  });
});

describe("POST …/verifications (§15.2)", () => {
  it("by identifier: creates the user; never returns a code", async () => {
    const res = await create({ identifier: "new@acme.test", reason: "Confirm email" });
    expectStatus(res, 200);
    expect(res.body.verification).toMatchObject({ channel: "email", verification_type: "otp", status: "pending", reason: "Confirm email" });
    expect(res.body.verification.recipient.email).toBe("new@acme.test");
    const msg = await lastMessageTo("new@acme.test");
    expect(res.text).not.toContain(msg.code ?? "never");
    expect(Object.keys(res.body.verification)).not.toContain("cached_code");
  });

  it("identifier change: OTP to the new email, applied on success; taken → 409", async () => {
    const u = await signIn(t.app, { email: "old@acme.test" });
    await signIn(t.app, { email: "taken@acme.test" });
    expectError(await create({ channel: "user_identifier", to_user_id: u.user.id, new_identifier: "taken@acme.test", identifier_type: "email" }), 409, "identifier_taken");
    const res = await create({ channel: "user_identifier", to_user_id: u.user.id, new_identifier: "fresh@acme.test", identifier_type: "email" });
    expectStatus(res, 200);
    expect(res.body.verification.metadata).toEqual({ new_identifier: "fresh@acme.test", identifier_type: "email" });
    const code = (await lastMessageTo("fresh@acme.test")).code ?? "";
    const done = await onId(verifyRoute, "POST", res.body.verification.id, xauth(m2m.short), { code }, "/verify");
    expectStatus(done, 200);
    expect(done.body.verification.recipient.email).toBe("fresh@acme.test");
  });

  it("refuses a bypassing redirect_url and unknown users", async () => {
    expectError(await create({ identifier: "r@acme.test", redirect_url: "//evil.com" }), 400, "invalid_redirect_url");
    expectError(await create({ identifier: "r@acme.test", redirect_url: "https://app.test@evil.com/" }), 400, "invalid_redirect_url");
    expectError(await create({ to_user_id: "00000000-0000-4000-8000-000000000000", channel: "email" }), 404, "user_not_found");
  });
});

describe("show, cancel, resend, deny, verify", () => {
  it("show duplicates status; cancel only pending (else 422 not_pending)", async () => {
    const v = await emailIntent("flow@acme.test");
    const id = v.body.verification_id;
    const shown = await onId(showRoute, "GET", id);
    expectStatus(shown, 200);
    expect(shown.body.status).toBe("pending");
    expect(shown.body.verification.status).toBe("pending");
    expect(shown.body.verification.attempts).toHaveLength(1);
    const cancelled = await onId(cancelRoute, "DELETE", id);
    expectStatus(cancelled, 200);
    expect(cancelled.body.verification.status).toBe("cancelled");
    expectError(await onId(cancelRoute, "DELETE", id), 422, "not_pending");
  });

  it("resend cancels the old one and sends a new link", async () => {
    const v = await emailIntent("again@acme.test");
    const firstLink = (await lastMessageTo("again@acme.test")).links[0];
    const res = await onId(resendRoute, "POST", v.body.verification_id, xauth(m2m.short), {}, "/resend");
    expectStatus(res, 200);
    expect(res.body.verification_id).toBe(res.body.verification.id);
    expect(res.body.verification_id).not.toBe(v.body.verification_id);
    expect(res.body.verification.intent).toBe("Approve Ticket");
    expect((await verificationRow(v.body.verification_id)).status).toBe("cancelled");
    expect((await lastMessageTo("again@acme.test")).links[0]).not.toBe(firstLink);
  });

  it("deny records the decision and the denied event", async () => {
    const v = await emailIntent("deny@acme.test");
    const res = await onId(denyRoute, "POST", v.body.verification_id, xauth(m2m.short), { reason: "not me" }, "/deny");
    expectStatus(res, 200);
    expect(res.body.verification).toMatchObject({ status: "denied", consent_decision: "denied" });
    expect(await eventSlugs(t.app.id)).toContain("verification.email.denied");
    expectError(await onId(denyRoute, "POST", v.body.verification_id, xauth(m2m.short), {}, "/deny"), 422, "not_pending");
  });

  it("caps code guessing: 4 wrong codes say how many remain, the 5th fails it, then even the right code is refused", async () => {
    const v = await intent({ intent_name: "Guess", method: "sms", meta_data: { contact_phones: [{ phone_number: "+14155550123" }] } });
    const id = v.body.verification_id;
    const right = (await lastMessageTo("+14155550123")).code ?? "";
    const wrong = right === "000000" ? "111111" : "000000";
    for (let i = 4; i >= 1; i--) {
      const res = await onId(verifyRoute, "POST", id, xauth(m2m.short), { code: wrong }, "/verify");
      expectError(res, 422, "invalid_code");
      expect(res.body.remaining_attempts).toBe(i);
    }
    expectError(await onId(verifyRoute, "POST", id, xauth(m2m.short), { code: wrong }, "/verify"), 422, "challenge_failed");
    expect((await onId(verifyRoute, "POST", id, xauth(m2m.short), { code: right }, "/verify")).status).toBe(422);
    expect((await verificationRow(id)).status).toBe("failed");
    expect((await eventSlugs(t.app.id)).filter((s) => s === "verification.sms.failed")).toHaveLength(1);
  });

  it("the right code verifies once, with verified + success events", async () => {
    await patchApp(t.app, { verificationRateLimitPerHour: 10 });
    const v = await intent({ intent_name: "Code", method: "sms", meta_data: { contact_phones: [{ phone_number: "+14155550124" }] } });
    const code = (await lastMessageTo("+14155550124")).code ?? "";
    const res = await onId(verifyRoute, "POST", v.body.verification_id, xauth(m2m.short), { code }, "/verify");
    expectStatus(res, 200);
    expect(res.body.verification).toMatchObject({ status: "verified", verified_at: expect.any(String) });
    expectError(await onId(verifyRoute, "POST", v.body.verification_id, xauth(m2m.short), { code }, "/verify"), 422, "not_pending");
    const slugs = await eventSlugs(t.app.id);
    expect(slugs).toContain("verification.sms.verified");
    expect(slugs).toContain("verification.success");
  });
});
