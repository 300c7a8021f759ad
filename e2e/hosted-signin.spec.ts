import { type BrowserContext, expect, test } from "@playwright/test";
import { CALLBACK_RE, createApp, exchange, fakeAppSite } from "./app-site";
import { adminApi, latestMessage } from "./helpers";

async function signInCookieLinkId(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name === "tessera_signin");
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");
  expect(cookie?.value.startsWith("m.")).toBe(true);
  return (cookie?.value ?? "").slice(2);
}

test("magic link sign-in in one tab hands the session to the app's callback", async ({ page, context, baseURL }) => {
  const base = baseURL ?? "";
  await fakeAppSite(context);
  const appId = await createApp(base);
  const email = `one-tab-${Date.now()}@example.com`;

  await page.goto(`/login/${appId}`);
  await expect(page.getByRole("heading", { name: "Sign in to Acme Notes" })).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/hosted-login.png" });
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL(`**/login/${appId}/check-email`);
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/hosted-check-email.png" });
  const linkId = await signInCookieLinkId(context);

  const message = await latestMessage(base, appId, email);
  const link = message.links.find((l) => l.includes("sct_magic="));
  expect(link).toBeTruthy();
  expect(new URL(link ?? "").pathname).toBe(`/magic/${appId}`);

  // The GET (what a mail scanner does) consumes nothing.
  await page.goto(link ?? "");
  await expect(page.getByRole("heading", { name: "Continue signing in to Acme Notes" })).toBeVisible();
  const status = await fetch(new URL(`/v1/auth/${appId}/magic_links/status`, base), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ id: linkId }),
  });
  expect(status.status).toBe(202);

  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL(CALLBACK_RE);
  const session = await exchange(base, appId, page.url());
  expect(session.status).toBe(200);
  expect(typeof session.body.access).toBe("string");
  // The handoff token is single-use.
  expect((await exchange(base, appId, page.url())).status).toBe(404);
  // The hosted page's own session was closed at handoff: the app's is the only live one.
  const me = await fetch(new URL(`/v1/auth/${appId}/current_user`, base), {
    headers: { "x-authorization": String(session.body.access) },
  });
  const user = (await me.json()).user;
  expect(user.sessions.map((s: { type: string }) => s.type)).toEqual(["oauth"]);

  // Opening the used link again shows a friendly page, not JSON.
  await page.goto(link ?? "");
  await expect(page.getByRole("heading", { name: "This link was already used" })).toBeVisible();
  await page.goto(`/magic/${appId}?sct_magic=not-a-token`);
  await expect(page.getByRole("heading", { name: "This link is not valid" })).toBeVisible();
});

test("the waiting tab signs itself in when the link is used on another device", async ({ browser, baseURL }) => {
  const base = baseURL ?? "";
  const contextA = await browser.newContext({ baseURL: base });
  const contextB = await browser.newContext({ baseURL: base });
  await fakeAppSite(contextA);
  await fakeAppSite(contextB);
  const appId = await createApp(base);
  const email = `two-devices-${Date.now()}@example.com`;

  const tabA = await contextA.newPage();
  await tabA.goto(`/login/${appId}`);
  await tabA.getByLabel("Email address").fill(email);
  await tabA.getByRole("button", { name: "Continue" }).click();
  await tabA.waitForURL(`**/login/${appId}/check-email`);

  const link = (await latestMessage(base, appId, email)).links.find((l) => l.includes("sct_magic=")) ?? "";
  const tabB = await contextB.newPage();
  await tabB.goto(link);
  await tabB.getByRole("button", { name: "Continue" }).click();
  await tabB.waitForURL(CALLBACK_RE);

  // Tab A was never touched: its poll picks the sign-in up.
  await tabA.waitForURL(CALLBACK_RE, { timeout: 15_000 });
  const session = await exchange(base, appId, tabA.url());
  expect(session.status).toBe(200);
  expect(typeof session.body.access).toBe("string");
  await contextA.close();
  await contextB.close();
});

test("code sign-in shows wrong-code errors, then hands off", async ({ page, context, baseURL }) => {
  const base = baseURL ?? "";
  await fakeAppSite(context);
  const appId = await createApp(base);
  const patched = await adminApi(base, "PATCH", `/v1/apps/${appId}`, { email_auth_type: "otp" });
  expect(patched.status).toBe(200);
  const email = `code-${Date.now()}@example.com`;

  await page.goto(`/login/${appId}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL(`**/login/${appId}/code`);
  expect(page.url()).not.toContain("token");
  const cookie = (await context.cookies()).find((c) => c.name === "tessera_signin");
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.path).toBe(`/login/${appId}`);

  const code = (await latestMessage(base, appId, email)).code ?? "";
  expect(code).toMatch(/^\d+$/);
  const input = page.getByLabel("Sign-in code");
  await expect(input).toHaveAttribute("autocomplete", "one-time-code");
  const wrong = code === "000000" ? "111111" : "000000";
  await input.fill(wrong.slice(0, code.length));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.locator("#code-error")).toHaveText("That code is not right. You have 2 attempts left.");
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(new RegExp(`/login/${appId}/code$`));

  await input.fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
  await page.waitForURL(CALLBACK_RE);
  const session = await exchange(base, appId, page.url());
  expect(session.status).toBe(200);
});

test("without a callback URL the user sees the signed-in page", async ({ page, baseURL }) => {
  const base = baseURL ?? "";
  const appId = await createApp(base, { callback_url: null });
  const email = `no-callback-${Date.now()}@example.com`;
  await page.goto(`/login/${appId}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL(`**/login/${appId}/check-email`);
  const link = (await latestMessage(base, appId, email)).links.find((l) => l.includes("sct_magic=")) ?? "";
  await page.goto(link);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL(`**/login/${appId}/done`);
  await expect(page.getByRole("heading", { name: "You're signed in" })).toBeVisible();
});

test("unknown apps get a friendly page", async ({ page }) => {
  await page.goto("/login/app_doesnotexist00000000");
  await expect(page.getByRole("heading", { name: "App not found" })).toBeVisible();
});

test("pages follow the app's default language", async ({ page, baseURL }) => {
  const appId = await createApp(baseURL ?? "", { default_language: "es" });
  await page.goto(`/login/${appId}`);
  await expect(page.getByRole("heading", { name: "Inicia sesión en Acme Notes" })).toBeVisible();
  await page.getByLabel("Correo electrónico").fill("not-an-email");
  await page.getByRole("button", { name: "Continuar" }).click();
  await expect(page.locator("#identifier-error")).toHaveText("Escribe un correo electrónico válido.");
});

test("apps that allow phones send a code by SMS", async ({ page, context, baseURL }) => {
  const base = baseURL ?? "";
  await fakeAppSite(context);
  const appId = await createApp(base, { allowed_identifiers: ["email", "phone"], required_identifiers: [] });
  const phone = `+3461${String(Date.now()).slice(-7)}`;
  await page.goto(`/login/${appId}`);
  await page.getByLabel("Email address or phone number").fill(phone);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL(`**/login/${appId}/code`);
  const code = (await latestMessage(base, appId, phone)).code ?? "";
  await page.getByLabel("Sign-in code").fill(code);
  await page.keyboard.press("Enter");
  await page.waitForURL(CALLBACK_RE);
});

test("hosted pages refuse framing and never send a Referer", async ({ request, baseURL }) => {
  const appId = await createApp(baseURL ?? "");
  for (const path of [`/login/${appId}`, `/magic/${appId}?sct_magic=x`, `/login/${appId}/code`]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    expect(res.headers()["content-type"], path).toContain("text/html");
    expect(res.headers()["referrer-policy"], path).toBe("no-referrer");
    expect(res.headers()["x-frame-options"], path).toBe("DENY");
  }
});
