import { expect, test } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { CALLBACK_RE, createApp, exchange, fakeAppSite } from "./app-site";
import { latestMessage } from "./helpers";

const json = { "content-type": "application/json" };

/** Sign `email` in through the API (no MFA enrolled yet) and return its access token. */
async function apiSignIn(base: string, appId: string, email: string): Promise<string> {
  const sent = await fetch(new URL(`/v1/auth/${appId}/magic_links/login`, base), { method: "POST", headers: json, body: JSON.stringify({ identifier: email }) });
  expect(sent.status).toBe(200);
  const link = (await latestMessage(base, appId, email)).links.find((l) => l.includes("sct_magic=")) ?? "";
  const token = new URL(link).searchParams.get("sct_magic");
  const res = await fetch(new URL(`/v1/auth/${appId}/magic_links/authenticate`, base), { method: "PATCH", headers: json, body: JSON.stringify({ token }) });
  const body = (await res.json()) as { access?: string };
  expect(typeof body.access).toBe("string");
  return String(body.access);
}

test("a TOTP-enrolled user signs in by magic link, passes the MFA page and reaches the app", async ({ page, context, baseURL }) => {
  const base = baseURL ?? "";
  await fakeAppSite(context);
  const appId = await createApp(base, { mfa_policy: "optional" });
  const email = `mfa-${Date.now()}@example.com`;

  // Enroll TOTP through the API, computing codes with otpauth like an authenticator app.
  const access = await apiSignIn(base, appId, email);
  const auth = { ...json, "x-authorization": access };
  const enroll = await fetch(new URL(`/v1/auth/${appId}/mfa/enroll`, base), { method: "POST", headers: auth, body: JSON.stringify({ method: "totp" }) });
  const enrolled = (await enroll.json()) as { secret: string; enrollment: { id: string }; provisioning_uri: string };
  expect(enrolled.provisioning_uri).toMatch(/^otpauth:\/\/totp\//);
  const totp = new TOTP({ secret: Secret.fromBase32(enrolled.secret), digits: 6, period: 30, algorithm: "SHA1" });
  const verify = await fetch(new URL(`/v1/auth/${appId}/mfa/enroll/verify`, base), {
    method: "POST",
    headers: auth,
    body: JSON.stringify({ enrollment_id: enrolled.enrollment.id, code: totp.generate() }),
  });
  expect(verify.status).toBe(200);

  // Hosted magic-link sign-in.
  await page.goto(`/login/${appId}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL(`**/login/${appId}/check-email`);
  const link = (await latestMessage(base, appId, email)).links.find((l) => l.includes("sct_magic=")) ?? "";
  // A second tab, as from the mail client: the waiting tab keeps polling and may navigate on its own.
  const tab = await context.newPage();
  await tab.goto(link);
  await tab.getByRole("button", { name: "Continue" }).click();

  // The MFA page: challenge entry with the remaining attempts; no token in the URL.
  await tab.waitForURL(`**/login/${appId}/mfa`);
  await expect(tab.getByRole("heading", { name: "Two-step verification" })).toBeVisible();
  await expect(tab.getByTestId("mfa-remaining")).toHaveText("3 attempts left.");
  await tab.screenshot({ path: "e2e/screenshots/hosted-mfa.png" });
  await tab.getByLabel("Code").fill("000000" === totp.generate() ? "111111" : "000000");
  await tab.getByRole("button", { name: "Verify" }).click();
  await expect(tab.locator("main").getByRole("alert")).toContainText("2 attempts left");

  // The next step's code: the current one was used by the enrollment (no replay within a step).
  await tab.getByLabel("Code").fill(totp.generate({ timestamp: Date.now() + 30_000 }));
  await tab.getByRole("button", { name: "Verify" }).click();
  await tab.waitForURL(CALLBACK_RE);
  const session = await exchange(base, appId, tab.url());
  expect(session.status).toBe(200);
  expect(typeof session.body.access).toBe("string");
});
