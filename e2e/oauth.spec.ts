import { expect, test } from "@playwright/test";
import { type LoopbackProvider, startOidcProvider } from "../test/oidc-provider";
import { APP_ORIGIN, CALLBACK_RE, createApp, exchange, fakeAppSite } from "./app-site";
import { adminApi } from "./helpers";

// Under `next dev` every route compiles on first use (authorize, callback, authenticate, current_user): allow for it.
test.setTimeout(process.env.E2E_DEV === "1" ? 420_000 : 90_000);

let op: LoopbackProvider;
test.beforeAll(async () => {
  op = await startOidcProvider();
});
test.afterAll(async () => {
  await op?.close();
});

/** An app with the loopback OpenID provider configured as `slug`. */
async function appWithProvider(base: string, slug = "loopback"): Promise<string> {
  const appId = await createApp(base);
  const clientId = `e2e-${Date.now()}`;
  const clientSecret = `e2e-secret-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  await op.registerClient({
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: [new URL(`/v1/auth/${appId}/oauth/callback`, base).toString()],
  });
  const res = await adminApi<{ auth_provider: Record<string, unknown> }>(base, "POST", `/v1/apps/${appId}/auth_providers`, {
    auth_provider: { slug, name: "Loopback ID", client_id: clientId, client_secret: clientSecret, issuer: op.issuer },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(JSON.stringify(res.body)).not.toContain(clientSecret);
  return appId;
}

test("the hosted sign-in page's provider button signs in through the loopback OpenID provider", async ({ page, context, baseURL }) => {
  const base = baseURL ?? "";
  await fakeAppSite(context);
  const appId = await appWithProvider(base);
  const email = `oauth-${Date.now()}@example.com`;
  op.setAccount({ sub: `e2e-${Date.now()}`, email, email_verified: true, name: "E2E User" });

  await page.goto(`/login/${appId}`);
  const button = page.getByRole("link", { name: "Continue with Loopback ID" });
  await expect(button).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/hosted-login-oauth.png" });
  await button.click();
  await page.waitForURL(`${APP_ORIGIN}/**`);
  expect(page.url()).toMatch(CALLBACK_RE);

  const session = await exchange(base, appId, page.url());
  expect(session.status).toBe(200);
  expect(typeof session.body.access).toBe("string");
  const me = await fetch(new URL(`/v1/auth/${appId}/current_user`, base), {
    headers: { "x-authorization": String(session.body.access) },
  });
  const user = (await me.json()).user;
  expect(user.email).toBe(email);
  expect(user.sessions.map((s: { type: string }) => s.type)).toEqual(["oauth"]);
  // The sct_oauth token is single-use.
  expect((await exchange(base, appId, page.url())).status).toBe(404);
});

test("denied consent brings the browser back to the hosted sign-in page", async ({ page, context, baseURL }) => {
  const base = baseURL ?? "";
  await fakeAppSite(context);
  const appId = await appWithProvider(base);
  op.setDecision("deny");
  try {
    await page.goto(`/login/${appId}`);
    await page.getByRole("link", { name: "Continue with Loopback ID" }).click();
    await page.waitForURL(`**/login/${appId}?sct_error=oauth_access_denied`);
    await expect(page.locator("main").getByRole("alert")).toHaveText("The sign-in was cancelled at the provider.");
    await expect(page.getByRole("link", { name: "Continue with Loopback ID" })).toBeVisible();
  } finally {
    op.setDecision("allow");
  }
});
