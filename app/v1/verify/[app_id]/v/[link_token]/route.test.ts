/** §15.12 hosted pages, the scute_token and its exchange, §15.13 expiry sweep, §15.11 autocomplete. */
import { eq } from "drizzle-orm";
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { challenges, outboxMessages, verifications } from "@/db/schema";
import { systemCtx } from "@/lib/context";
import { getActiveSigningKey } from "@/lib/signing-keys/get-active-signing-key";
import { signIn } from "@/lib/sessions/test-fixtures";
import { signScuteToken } from "@/lib/verifications/scute-token";
import { sweepExpiredVerifications } from "@/lib/verifications/sweep-expired-verifications";
import { eventsOf, lastMessageTo, linkTokenTo, m2mFor, patchApp, verificationRow } from "@/lib/verifications/test-fixtures";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { GET as autocompleteRoute } from "../../autocomplete/route";
import { POST as exchangeRoute } from "../../tokens/exchange/route";
import { POST as intentRoute } from "../../verifications/intent/route";
import { GET as jwksRoute } from "@/app/v1/auth/[app_id]/jwks/route";
import { GET as pageGet, POST as pagePost } from "./route";

let t: Tenant;
let other: Tenant;
let m2m: { short: string };
beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
  m2m = await m2mFor(t);
  await patchApp(t.app, { verificationMode: "consent", verificationRedirectUrlTemplate: "https://app.test/tickets/{ticket_id}?c={contact_id}" });
});

const send = async (email: string, extra: Record<string, unknown> = {}, tenant = t) => {
  const res = await call(intentRoute, "POST", `/v1/verify/${tenant.app.publicId}/verifications/intent`, {
    params: { app_id: tenant.app.publicId },
    headers: tenant === t ? { "x-authorization": `Bearer ${m2m.short}` } : { authorization: `Bearer ${tenant.appKey}` },
    body: { intent_name: "Approve Ticket", meta_data: { contact_email: email, ticket_id: "12345", contact_id: "1991" }, ...extra },
  });
  expectStatus(res, 200);
  return { id: res.body.verification_id as string, link: await linkTokenTo(email) };
};
const page = (link: string, tenant = t) => ({ params: { app_id: tenant.app.publicId, link_token: link } });
const open = (link: string, tenant = t) => call(pageGet, "GET", `/v1/verify/${tenant.app.publicId}/v/${link}`, page(link, tenant));
const submit = (link: string, form: Record<string, string>, tenant = t) =>
  call(pagePost, "POST", `/v1/verify/${tenant.app.publicId}/v/${link}`, {
    ...page(link, tenant),
    body: new URLSearchParams(form),
    headers: { "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1" },
  });
const redirectOf = (html: string) => {
  const m = /content="\d+;url=([^"]+)"/.exec(html);
  return m?.[1] ? m[1].replace(/&amp;/g, "&") : null;
};
const exchange = (token: string, headers: Record<string, string> = { authorization: `Bearer ${t.appKey}` }, tenant = t) =>
  call(exchangeRoute, "POST", `/v1/verify/${tenant.app.publicId}/tokens/exchange`, { params: { app_id: tenant.app.publicId }, headers, body: { token } });

describe("hosted landing page", () => {
  it("GET shows the intent and context, marks was_opened, never completes; secure headers", async () => {
    const { id, link } = await send("open@acme.test");
    for (let i = 0; i < 3; i++) {
      const res = await open(link);
      expectStatus(res, 200);
      expect(res.headers.get("content-type")).toContain("text/html");
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.text).toContain("Approve Ticket");
      expect(res.text).toContain("12345");
      expect(res.text).toContain('value="approve"');
      expect(res.text).toContain('value="deny"');
    }
    const row = await verificationRow(id);
    expect(row).toMatchObject({ status: "pending", wasOpened: true });
    expect((await eventsOf(t.app.id, "verification.email.verified")).filter((e) => e.params.verification_id === id)).toHaveLength(0);
  });

  it("escapes meta_data in the page", async () => {
    const { link } = await send("xss@acme.test", { meta_data: { contact_email: "xss@acme.test", note: "<script>alert(1)</script>" } });
    const res = await open(link);
    expect(res.text).not.toContain("<script>alert(1)</script>");
    expect(res.text).toContain("&lt;script&gt;");
  });

  it("unknown links and other apps' links are 404 pages", async () => {
    expect((await open("ch_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).status).toBe(404);
    const { link } = await send("cross@acme.test");
    expect((await open(link, other)).status).toBe(404);
  });

  it("consent approve: verified, redirect with a scute_token that verifies with the JWKS; a second POST changes nothing", async () => {
    const { id, link } = await send("approve@acme.test");
    const res = await submit(link, { decision: "approve" });
    expectStatus(res, 200);
    expect(res.text).toContain("Your identity has been successfully verified.");
    const target = redirectOf(res.text);
    expect(target).toMatch(/^https:\/\/app\.test\/tickets\/12345\?c=1991&scute_token=/);
    const token = new URL(target ?? "").searchParams.get("scute_token") ?? "";
    const jwks = await call(jwksRoute, "GET", `/v1/auth/${t.app.publicId}/jwks`, { params: { app_id: t.app.publicId } });
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(jwks.body), { issuer: "scute", audience: t.app.publicId });
    expect(protectedHeader.alg).toBe("RS256");
    expect(payload).toMatchObject({ sub: "approve@acme.test", verification_id: id, intent: "Approve Ticket", ticket_id: "12345", contact_id: "1991", consent_decision: "approved" });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(60);
    expect(typeof payload.jti).toBe("string");
    expect(payload.risk).toMatchObject({ level: expect.any(String) });
    const row = await verificationRow(id);
    expect(row).toMatchObject({ status: "verified", consentDecision: "approved" });
    const [event] = (await eventsOf(t.app.id, "verification.email.verified")).filter((e) => e.params.verification_id === id);
    expect(event?.params).toMatchObject({ outcome: "verified", consent_decision: "approved", was_opened: false, device: { os: "iOS" } });
    expect((await eventsOf(t.app.id, "verification.success")).some((e) => e.params.verification_id === id)).toBe(true);

    const again = await submit(link, { decision: "deny" });
    expect(again.text).toContain("Already confirmed");
    expect((await verificationRow(id)).status).toBe("verified");
  });

  it("consent deny: denied, the token says so", async () => {
    const { id, link } = await send("nope@acme.test");
    const res = await submit(link, { decision: "deny" });
    expectStatus(res, 200);
    expect(res.text).toContain("Request denied");
    const token = new URL(redirectOf(res.text) ?? "").searchParams.get("scute_token") ?? "";
    expect(decodeJwt(token)).toMatchObject({ verification_id: id, consent_decision: "denied", status: "denied" });
    expect(await verificationRow(id)).toMatchObject({ status: "denied", consentDecision: "denied" });
    expect((await eventsOf(t.app.id, "verification.email.denied")).some((e) => e.params.verification_id === id)).toBe(true);
  });

  it("dismiss mode OTP: the code form completes with the right code only", async () => {
    await patchApp(other.app, { verificationMode: "dismiss" });
    const res = await call(intentRoute, "POST", `/v1/verify/${other.app.publicId}/verifications/intent`, {
      params: { app_id: other.app.publicId },
      secret: other.appKey,
      body: { intent_name: "Reset", method: "sms", redirect_url: "https://app.test/done", meta_data: { contact_phones: [{ phone_number: "+14155550177" }] } },
    });
    expectStatus(res, 200);
    const msg = await lastMessageTo("+14155550177");
    const link = /\/v\/(ch_[A-Za-z0-9_-]+)/.exec(msg.text ?? "")?.[1] ?? "";
    const form = await open(link, other);
    expect(form.text).toContain('name="code"');
    expect(form.text).toContain('value="confirm"');
    const wrong = await submit(link, { decision: "confirm", code: msg.code === "000000" ? "111111" : "000000" }, other);
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain("4 tries left");
    const done = await submit(link, { decision: "confirm", code: msg.code ?? "" }, other);
    expectStatus(done, 200);
    expect(redirectOf(done.text)).toMatch(/^https:\/\/app\.test\/done\?scute_token=/);
    expect((await verificationRow(res.body.verification_id)).status).toBe("verified");
  });

  it("re-checks the redirect at redirect time: a template that now points off-origin gives no redirect", async () => {
    const { link } = await send("moved@acme.test");
    await patchApp(t.app, { verificationRedirectUrlTemplate: "https://app.test.evil.com/{ticket_id}" });
    const res = await submit(link, { decision: "approve" });
    expectStatus(res, 200);
    expect(redirectOf(res.text)).toBeNull();
    expect(res.text).not.toContain("evil.com");
    await patchApp(t.app, { verificationRedirectUrlTemplate: "https://app.test/tickets/{ticket_id}?c={contact_id}" });
  });
});

describe("POST /v1/verify/{app_id}/tokens/exchange", () => {
  const approvedToken = async (email: string) => {
    const { link } = await send(email);
    const res = await submit(link, { decision: "approve" });
    return new URL(redirectOf(res.text) ?? "").searchParams.get("scute_token") ?? "";
  };

  it("accepts a fresh token once (M2M or secret), then refuses the replay", async () => {
    const token = await approvedToken("ex1@acme.test");
    const ok = await exchange(token, { "x-authorization": `Bearer ${m2m.short}` });
    expectStatus(ok, 200);
    expect(ok.body.verification.status).toBe("verified");
    expect(ok.body.claims.ticket_id).toBe("12345");
    expectError(await exchange(token), 401, "token_already_used");
  });

  it("refuses another app's audience, an expired token, a forged one and user callers", async () => {
    const token = await approvedToken("ex2@acme.test");
    expect((await exchange(token, { authorization: `Bearer ${other.appKey}` }, other)).status).toBe(401);
    const row = await verificationRow(decodeJwt(token).verification_id as string);
    const old = await signScuteToken(t.app, row, new Date(Date.now() - 120_000));
    expectError(await exchange(old.token), 401, "token_expired");
    const { kid } = await getActiveSigningKey(t.app.id);
    const { privateKey } = await getActiveSigningKey(other.app.id);
    const forged = await new SignJWT({ ...decodeJwt(token) }).setProtectedHeader({ alg: "RS256", typ: "JWT", kid }).sign(privateKey);
    expectError(await exchange(forged), 401, "invalid_token");
    expect(decodeProtectedHeader(token).kid).toBe(kid);
    const own = await getActiveSigningKey(t.app.id);
    const wrongAud = await new SignJWT({ ...decodeJwt(token), aud: other.app.publicId }).setProtectedHeader({ alg: "RS256", typ: "JWT", kid }).sign(own.privateKey);
    expectError(await exchange(wrongAud), 401, "invalid_token");
    expectError(await exchange(token, { "x-authorization": "Bearer not.a.jwt" }), 401, "invalid_token");
    const user = await signIn(t.app, { email: "ex2@acme.test" });
    expectError(await exchange(token, { "x-authorization": user.payload.access }), 403, "forbidden");
    // None of the refusals spent the token.
    expectStatus(await exchange(token), 200);
  });
});

describe("expiry sweep (§15.13)", () => {
  it("expires pending verifications once, with was_opened in the event", async () => {
    const a = await send("exp-opened@acme.test");
    const b = await send("exp-never@acme.test");
    await open(a.link);
    const db = await getDb();
    const past = new Date(Date.now() - 1000);
    for (const id of [a.id, b.id]) await db.update(verifications).set({ expiresAt: past }).where(eq(verifications.id, id));
    const result = await sweepExpiredVerifications({ ctx: systemCtx("test"), input: {} });
    expect(result.expired).toBeGreaterThanOrEqual(2);
    expect((await sweepExpiredVerifications({ ctx: systemCtx("test") })).expired).toBe(0);
    const expired = await eventsOf(t.app.id, "verification.email.expired");
    expect(expired.find((e) => e.params.verification_id === a.id)?.params.was_opened).toBe(true);
    expect(expired.find((e) => e.params.verification_id === b.id)?.params.was_opened).toBe(false);
    const row = await verificationRow(a.id);
    expect(row.status).toBe("expired");
    const [ch] = await db.select().from(challenges).where(eq(challenges.id, row.challengeId ?? ""));
    expect(ch?.status).toBe("expired");
    expect((await submit(a.link, { decision: "approve" })).text).toContain("Link expired");
  });
});

describe("delivery failures (§15.13)", () => {
  it("a message the sender gave up on yields one delivery_failed event", async () => {
    const { id } = await send("bounce@acme.test");
    const msg = await lastMessageTo("bounce@acme.test");
    const db = await getDb();
    await db.update(outboxMessages).set({ status: "failed" }).where(eq(outboxMessages.id, msg.id));
    expect((await sweepExpiredVerifications({ ctx: systemCtx("test") })).deliveryFailed).toBe(1);
    expect((await sweepExpiredVerifications({ ctx: systemCtx("test") })).deliveryFailed).toBe(0);
    const failed = (await eventsOf(t.app.id, "verification.email.delivery_failed")).filter((e) => e.params.verification_id === id);
    expect(failed).toHaveLength(1);
  });
});

describe("GET /v1/verify/{app_id}/autocomplete", () => {
  it("finds contacts by partial email for backends, refuses short queries", async () => {
    const res = await call(autocompleteRoute, "GET", `/v1/verify/${t.app.publicId}/autocomplete`, {
      params: { app_id: t.app.publicId },
      query: { query: "ex1@" },
      secret: t.appKey,
    });
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ query: "ex1@", count: 1 });
    expect(res.body.results[0]).toMatchObject({ type: "email", value: "ex1@acme.test", verified: true, last_verified_at: expect.any(String) });
    const short = await call(autocompleteRoute, "GET", `/v1/verify/${t.app.publicId}/autocomplete`, { params: { app_id: t.app.publicId }, query: { query: "e" }, secret: t.appKey });
    expect(short.status).toBe(422);
  });
});
