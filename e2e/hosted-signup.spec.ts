import { expect, test } from "@playwright/test";
import { CALLBACK_RE, createApp, exchange, fakeAppSite } from "./app-site";
import { adminApi, latestMessage } from "./helpers";

async function metaField(base: string, appId: string, field: Record<string, unknown>): Promise<void> {
  const res = await adminApi(base, "POST", `/v1/apps/${appId}/user_meta_fields`, field);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

test("sign-up asks for the registration fields, checks each, and stores them on the new user", async ({ page, context, baseURL }) => {
  const base = baseURL ?? "";
  await fakeAppSite(context);
  const appId = await createApp(base);
  await metaField(base, appId, { name: "Company", field_name: "company", field_type: "string", required: true, visible_registration: true });
  await metaField(base, appId, { name: "Team size", field_name: "team_size", field_type: "integer", visible_registration: true });
  await metaField(base, appId, { name: "Send me news", field_name: "newsletter", field_type: "boolean", visible_registration: true });
  // Not on the form: a crafted post cannot set it.
  await metaField(base, appId, { name: "Plan", field_name: "plan", field_type: "string", visible_registration: false });
  const email = `signup-${Date.now()}@example.com`;

  await page.goto(`/login/${appId}`);
  await page.getByRole("link", { name: "New to Acme Notes? Create an account" }).click();
  await page.waitForURL(`**/login/${appId}/register`);
  await expect(page.getByRole("heading", { name: "Create your Acme Notes account" })).toBeVisible();
  await expect(page.getByLabel("Plan")).toHaveCount(0);

  // Wrong and missing values are reported next to their fields; what was typed stays.
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Team size").fill("1.5");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#field-company-error")).toHaveText("This field is required.");
  await expect(page.locator("#field-team_size-error")).toHaveText("Enter a whole number.");
  await expect(page.getByLabel("Email address")).toHaveValue(email);
  await expect(page.getByLabel("Company")).toHaveAttribute("aria-invalid", "true");
  await page.screenshot({ path: "e2e/screenshots/hosted-signup-errors.png" });

  await page.getByLabel("Company").fill("<b>Acme</b> & Co");
  await page.getByLabel("Team size").fill("12");
  await page.getByLabel("Send me news").check();
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(`**/login/${appId}/check-email`);

  const message = await latestMessage(base, appId, email);
  const link = message.links.find((l) => l.includes("sct_magic=")) ?? "";
  await page.goto(link);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL(CALLBACK_RE);
  const session = await exchange(base, appId, page.url());
  expect(session.status).toBe(200);

  const { body } = await adminApi<{ users: { status: string; user_meta: Record<string, unknown> }[] }>(
    base,
    "GET",
    `/v1/${appId}/users?email=${encodeURIComponent(email)}`,
  );
  const [user] = body.users;
  expect(user?.status).toBe("active");
  expect(user?.user_meta).toEqual({ company: "<b>Acme</b> & Co", team_size: 12, newsletter: true });
});

test("sign-up is closed when public sign-up is off, and the sign-in page offers no link", async ({ page, baseURL }) => {
  const base = baseURL ?? "";
  const appId = await createApp(base, { public_signup: false });
  await metaField(base, appId, { name: "Company", field_name: "company", field_type: "string", visible_registration: true });
  await page.goto(`/login/${appId}`);
  await expect(page.getByRole("heading", { name: "Sign in to Acme Notes" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Create an account/ })).toHaveCount(0);
  await page.goto(`/login/${appId}/register`);
  await expect(page.getByText("Sign-up is closed for Acme Notes. Ask them for an invitation.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create account" })).toHaveCount(0);
});

test("an expired link and an expired code each say so, and sign no one in", async ({ browser, baseURL }) => {
  test.slow(); // one deliberate 62 s wait
  const base = baseURL ?? "";
  // The shortest lifetimes the API allows: links 60 s, codes 30 s. One wait covers both.
  const linkApp = await createApp(base, { magic_link_expiration: 60 });
  const codeApp = await createApp(base, { email_auth_type: "otp", otp_expiration: 30 });
  const linkPage = await (await browser.newContext()).newPage();
  const codePage = await (await browser.newContext()).newPage();
  const linkEmail = `late-link-${Date.now()}@example.com`;
  const codeEmail = `late-code-${Date.now()}@example.com`;

  await linkPage.goto(`/login/${linkApp}`);
  await linkPage.getByLabel("Email address").fill(linkEmail);
  await linkPage.getByRole("button", { name: "Continue" }).click();
  await linkPage.waitForURL(`**/login/${linkApp}/check-email`);
  const link = (await latestMessage(base, linkApp, linkEmail)).links.find((l) => l.includes("sct_magic=")) ?? "";

  await codePage.goto(`/login/${codeApp}`);
  await codePage.getByLabel("Email address").fill(codeEmail);
  await codePage.getByRole("button", { name: "Continue" }).click();
  await codePage.waitForURL(`**/login/${codeApp}/code`);
  const code = (await latestMessage(base, codeApp, codeEmail)).code ?? "";

  await new Promise((r) => setTimeout(r, 62_000));

  await linkPage.goto(link);
  await expect(linkPage.getByRole("heading", { name: "This link has expired" })).toBeVisible();
  await expect(linkPage.getByRole("button", { name: "Continue" })).toHaveCount(0);
  await linkPage.screenshot({ path: "e2e/screenshots/hosted-link-expired.png" });

  await codePage.getByLabel("Sign-in code").fill(code);
  await codePage.getByRole("button", { name: "Verify" }).click();
  await expect(codePage.locator("#code-error")).toHaveText("This code has expired. Start again to get a new code.");
  await expect(codePage).toHaveURL(new RegExp(`/login/${codeApp}/code$`));

  // Nobody signed in: both users are still unconfirmed.
  const pairs: [string, string][] = [[linkApp, linkEmail], [codeApp, codeEmail]];
  for (const [appId, email] of pairs) {
    const lookup = await fetch(new URL(`/v1/auth/${appId}/users?identifier=${encodeURIComponent(email)}`, base));
    const { user } = (await lookup.json()) as { user: { status: string } | null };
    expect(user?.status ?? "pending").toBe("pending");
  }
});
