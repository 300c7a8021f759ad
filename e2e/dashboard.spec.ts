/**
 * The control dashboard in real Chromium, on a fresh instance whose
 * TESSERA_ADMIN_EMAIL is owner@e2e.test (playwright.config.ts): the owner
 * signs in through our own hosted pages, creates an app, rebrands it (the
 * live preview follows), creates and revokes an API key. A stranger cannot
 * get in. Each page's screenshot goes to e2e/screenshots/dashboard-*.png.
 */
import { expect, type Page, test } from "@playwright/test";
import { outboxLinkFromServerLog, serverLogSize } from "./helpers";

const OWNER = "owner@e2e.test";

const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/screenshots/dashboard-${name}.png`, fullPage: true });

/**
 * Under `next dev` a route compiles on first request, which can outlast the
 * 2-minute hand-off token between the hosted page and the dashboard callback.
 * Compile the callback's routes before the clock starts (a no-op in production).
 */
async function warmUp(page: Page): Promise<void> {
  for (const path of ["/api/auth/providers", "/api/auth/csrf", "/api/auth/session", "/dashboard/auth/callback"]) {
    await page.request.get(path, { timeout: 600_000 });
  }
}

/** Sign in through the hosted page and the emailed link, ending on the dashboard callback. */
async function signInThroughHostedPage(page: Page, email: string): Promise<void> {
  await warmUp(page);
  await page.goto("/dashboard");
  await page.waitForURL("**/dashboard/sign-in");
  await expect(page.getByRole("heading", { name: "Sign in to Tessera" })).toBeVisible();
  await shot(page, "sign-in");
  await page.getByRole("link", { name: "Sign in", exact: true }).click();
  await page.waitForURL(/\/login\/app_[A-Za-z0-9]+$/);
  const before = serverLogSize();
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL("**/check-email");
  const link = await outboxLinkFromServerLog(email, before);
  await page.goto(link);
  await page.getByRole("button", { name: "Continue" }).click();
}

test.describe.configure({ mode: "serial" });
// Under `next dev` every page compiles on first visit, and this spec visits many.
test.setTimeout(process.env.E2E_DEV === "1" ? 900_000 : 120_000);

test("the owner signs in, creates and rebrands an app, and manages API keys", async ({ page }) => {
  await signInThroughHostedPage(page, OWNER);
  await page.waitForURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Default workspace" })).toBeVisible();
  await expect(page.getByText("No apps yet")).toBeVisible();
  await shot(page, "overview-empty");

  // Create an app; the API's own validation shows next to the field first.
  await page.getByRole("link", { name: "Create your first app" }).click();
  await page.waitForURL("**/dashboard/apps/new");
  await page.getByLabel("Name", { exact: true }).fill("Acme Notes");
  await page.getByLabel("Origin", { exact: true }).fill("ftp://notes.example.com");
  await page.getByRole("button", { name: "Create app" }).click();
  await expect(page.locator("#f-origin-error")).toContainText("Must be an origin");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Acme Notes");
  await shot(page, "app-new-error");
  await page.getByLabel("Origin", { exact: true }).fill("https://notes.example.com");
  await page.getByRole("button", { name: "Create app" }).click();
  await page.waitForURL(/\/dashboard\/apps\/app_[A-Za-z0-9]+\?created=1$/);
  await expect(page.getByRole("heading", { name: "Acme Notes", level: 1 })).toBeVisible();
  await shot(page, "app-settings");

  // Branding: the preview follows the colour as it is typed, then it is saved.
  const preview = page.getByTestId("preview-button");
  await expect(preview).toHaveCSS("background-color", "rgb(79, 70, 229)");
  await page.getByLabel("Brand colour", { exact: true }).fill("#dc2626");
  await expect(preview).toHaveCSS("background-color", "rgb(220, 38, 38)");
  await page.getByRole("button", { name: "Save branding" }).click();
  await expect(page.locator("#branding").getByText("Saved.")).toBeVisible();
  await page.locator("#branding").screenshot({ path: "e2e/screenshots/dashboard-branding.png" });
  await page.reload();
  await expect(page.getByLabel("Brand colour", { exact: true })).toHaveValue("#dc2626");

  // An app key: shown once with copy, then revoked after confirmation.
  const keys = page.locator("#keys");
  await keys.getByLabel("Nickname").fill("Production backend");
  await keys.getByRole("button", { name: "Create app key" }).click();
  const secret = keys.getByLabel("New API key secret");
  await expect(secret).toHaveValue(/^scapp_/);
  await expect(keys.getByRole("cell", { name: "Production backend", exact: true })).toBeVisible();
  await keys.screenshot({ path: "e2e/screenshots/dashboard-app-key-created.png" });
  await keys.getByRole("button", { name: "Revoke Production backend" }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke “Production backend”?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Revoke key" }).click();
  await expect(keys.getByRole("cell", { name: "Production backend", exact: true })).toHaveCount(0);

  // Workspace keys page.
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "API keys", exact: true }).click();
  await page.waitForURL("**/dashboard/api-keys");
  await page.getByLabel("Nickname").fill("CI");
  await page.getByRole("button", { name: "Create workspace key" }).click();
  await expect(page.getByLabel("New API key secret")).toHaveValue(/^scwor_/);
  await shot(page, "api-keys");

  // The overview lists the app, and stays usable on a phone-sized screen.
  await page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Overview" }).click();
  await expect(page.getByRole("link", { name: /Acme Notes/ })).toBeVisible();
  await shot(page, "overview");
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole("link", { name: /Acme Notes/ })).toBeVisible();
  await shot(page, "overview-390");
  await page.setViewportSize({ width: 1280, height: 800 });

  // Delete the app: typed confirmation required.
  await page.getByRole("link", { name: /Acme Notes/ }).click();
  await page.getByRole("button", { name: "Delete app" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete Acme Notes?" });
  const go = confirm.getByRole("button", { name: "Delete app" });
  await expect(go).toBeDisabled();
  await confirm.getByLabel(/Type Acme Notes to confirm/).fill("Acme Notes");
  await go.click();
  await page.waitForURL("**/dashboard/apps?deleted=1");
  await expect(page.getByText("No apps yet")).toBeVisible();

  // Signing out ends the session: the dashboard asks to sign in again.
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL("**/dashboard/sign-in");
  await page.goto("/dashboard/api-keys");
  await page.waitForURL("**/dashboard/sign-in");
});

test("someone who is not a member cannot get in", async ({ page }) => {
  // No dashboard account and sign-up closed (spec §7.1: public_signup_disabled): refused, and no link is sent.
  await page.goto("/dashboard/sign-in");
  await page.getByRole("link", { name: "Sign in", exact: true }).click();
  const before = serverLogSize();
  await page.getByLabel("Email address").fill("stranger@e2e.test");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText("There is no account for this address")).toBeVisible();
  await expect(outboxLinkFromServerLog("stranger@e2e.test", before)).rejects.toThrow("no outbox line");

  // A forged hand-off token is refused with a plain message, and no session is made.
  await page.goto("/dashboard/auth/callback?sct_oauth=eyJhbGciOiJSUzI1NiJ9.e30.c2ln");
  await expect(page.getByRole("alert").filter({ hasText: "already used or has expired" })).toBeVisible();
  await expect(page).toHaveURL(/\/dashboard\/auth\/callback$/);
  await shot(page, "sign-in-refused");
  await page.goto("/dashboard");
  await page.waitForURL("**/dashboard/sign-in");
});
