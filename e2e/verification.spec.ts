/**
 * VeriScute end to end (spec §15, issue 6): a backend with an M2M token asks
 * a contact to approve an intent; the contact opens the emailed link in
 * Chromium, sees the intent, approves or denies, and lands on the app's page
 * with a `scute_token` that verifies against the app's JWKS; an SMS OTP
 * intent completes by code.
 */
import { expect, test } from "@playwright/test";
import { createLocalJWKSet, jwtVerify } from "jose";
import { APP_ORIGIN, createApp, fakeAppSite } from "./app-site";
import { createAppKey, latestMessage, latestMessageWithText } from "./helpers";

// Dev-mode runs compile each route on first use; give them room.
test.slow(process.env.E2E_DEV === "1", "next dev compiles routes on first visit");

interface Ctx {
  appId: string;
  m2m: string;
}

async function setUp(baseURL: string, mode: "consent" | "dismiss"): Promise<Ctx> {
  const appId = await createApp(baseURL, {
    name: `Helpdesk ${mode}`,
    verification_mode: mode,
    verification_redirect_url_template: `${APP_ORIGIN}/tickets/{ticket_id}?contact={contact_id}`,
    verification_redirect_delay: 1,
  });
  const appKey = await createAppKey(baseURL, appId);
  const res = await fetch(new URL(`/v1/apps/${appId}/m2m/token`, baseURL), {
    method: "POST",
    headers: { authorization: `Bearer ${appKey}`, "content-type": "application/json" },
    body: JSON.stringify({ client_name: "helpdesk-backend" }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { short_token: string };
  return { appId, m2m: body.short_token };
}

async function verifyApi(baseURL: string, c: Ctx, method: string, path: string, body?: unknown) {
  const res = await fetch(new URL(`/v1/verify/${c.appId}${path}`, baseURL), {
    method,
    headers: { "x-authorization": `Bearer ${c.m2m}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

async function sendIntent(baseURL: string, c: Ctx, meta: Record<string, unknown>, method = "email") {
  const res = await verifyApi(baseURL, c, "POST", "/verifications/intent", { intent_name: "Approve ticket 12345", method, meta_data: meta });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.status).toBe(200);
  return res.body.verification_id as string;
}

test("consent: the contact approves and lands on the app with a verifiable scute_token", async ({ page, context, baseURL }) => {
  const base = baseURL ?? "";
  await fakeAppSite(context);
  const c = await setUp(base, "consent");
  const id = await sendIntent(base, c, { contact_email: "sarah@customer.test", contact_name: "Sarah", ticket_id: "12345", contact_id: "1991" });
  const msg = await latestMessage(base, c.appId, "sarah@customer.test");
  const link = msg.links[0] ?? "";
  expect(link).toContain(`/v1/verify/${c.appId}/v/`);

  await page.goto(link);
  await expect(page.locator("#intent")).toHaveText("Approve ticket 12345");
  await expect(page.getByText("12345").last()).toBeVisible();
  // Opening the page changed nothing but was_opened.
  const opened = await verifyApi(base, c, "GET", `/verifications/${id}`);
  expect(opened.body).toMatchObject({ status: "pending", verification: { was_opened: true } });

  // The token lives 60 s: fetch the JWKS and reach the exchange first (next dev compiles routes on first use).
  const jwks = await (await fetch(new URL(`/v1/auth/${c.appId}/jwks`, base))).json();
  expect((await verifyApi(base, c, "POST", "/tokens/exchange", { token: "not.a.token" })).body.error_code).toBe("invalid_token");

  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.locator("#message")).toContainText("successfully verified");
  await page.waitForURL(/^http:\/\/localhost:4999\/tickets\/12345\?contact=1991&scute_token=/, { timeout: 15_000 });
  const token = new URL(page.url()).searchParams.get("scute_token") ?? "";

  const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), { issuer: "scute", audience: c.appId });
  expect(payload).toMatchObject({
    sub: "sarah@customer.test",
    verification_id: id,
    intent: "Approve ticket 12345",
    ticket_id: "12345",
    contact_id: "1991",
    consent_decision: "approved",
  });
  expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(60);

  const exchanged = await verifyApi(base, c, "POST", "/tokens/exchange", { token });
  expect(exchanged.status).toBe(200);
  expect((await verifyApi(base, c, "POST", "/tokens/exchange", { token })).body.error_code).toBe("token_already_used");
  expect((await verifyApi(base, c, "GET", `/verifications/${id}`)).body.status).toBe("verified");
});

test("consent: the same flow denied ends denied", async ({ page, context, baseURL }) => {
  const base = baseURL ?? "";
  await fakeAppSite(context);
  const c = await setUp(base, "consent");
  const id = await sendIntent(base, c, { contact_email: "dan@customer.test", ticket_id: "777", contact_id: "42" });
  const msg = await latestMessage(base, c.appId, "dan@customer.test");
  await page.goto(msg.links[0] ?? "");
  await page.getByRole("button", { name: "Deny" }).click();
  await expect(page.getByRole("heading", { name: "Request denied" })).toBeVisible();
  await page.waitForURL(/^http:\/\/localhost:4999\/tickets\/777\?contact=42&scute_token=/, { timeout: 15_000 });
  const shown = await verifyApi(base, c, "GET", `/verifications/${id}`);
  expect(shown.body).toMatchObject({ status: "denied", verification: { consent_decision: "denied" } });
});

test("SMS OTP intent completes by code; status, cancel and resend behave", async ({ page, context, baseURL }) => {
  const base = baseURL ?? "";
  await fakeAppSite(context);
  const c = await setUp(base, "dismiss");
  const phone = "+14155550166";
  const id = await sendIntent(base, c, { contact_phones: [{ phone_number: phone, phone_type: "mobile" }], ticket_id: "55", contact_id: "9" }, "sms");
  const sms = await latestMessageWithText(base, c.appId, phone);
  const link = /(http\S+\/v\/ch_[A-Za-z0-9_-]+)/.exec(sms.text ?? "")?.[1] ?? "";
  expect(sms.code).toMatch(/^\d{6}$/);

  await page.goto(link);
  await page.getByLabel("Enter the code we sent you").fill(sms.code ?? "");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.locator("#message")).toContainText("successfully verified");
  await page.waitForURL(/^http:\/\/localhost:4999\/tickets\/55\?contact=9&scute_token=/, { timeout: 15_000 });
  expect((await verifyApi(base, c, "GET", `/verifications/${id}`)).body.status).toBe("verified");
  expect((await verifyApi(base, c, "DELETE", `/verifications/${id}`)).body.error_code).toBe("not_pending");

  // Resend replaces a pending one; cancel closes it and its link.
  const second = await sendIntent(base, c, { contact_phones: [{ phone_number: phone }], ticket_id: "56" }, "sms");
  const resent = await verifyApi(base, c, "POST", `/verifications/${second}/resend`);
  expect(resent.status).toBe(200);
  expect(resent.body.verification_id).not.toBe(second);
  expect((await verifyApi(base, c, "GET", `/verifications/${second}`)).body.status).toBe("cancelled");
  const cancelled = await verifyApi(base, c, "DELETE", `/verifications/${resent.body.verification_id}`);
  expect(cancelled.body.verification.status).toBe("cancelled");
  const last = await latestMessageWithText(base, c.appId, phone);
  await page.goto(/(http\S+\/v\/ch_[A-Za-z0-9_-]+)/.exec(last.text ?? "")?.[1] ?? "");
  await expect(page.getByRole("heading", { name: "Request cancelled" })).toBeVisible();
});
