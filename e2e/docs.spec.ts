import { expect, test } from "@playwright/test";
import { recordForeignRequests } from "./helpers";

test("the API reference renders offline from our own origin", async ({ page }) => {
  const foreign = recordForeignRequests(page);
  await page.goto("/docs");
  await expect(page.getByText("Tessera API").first()).toBeVisible({ timeout: 30_000 });
  // Operations generated from the zod schemas are listed.
  await expect(page.getByText("Create an app").first()).toBeVisible();
  expect(foreign, `requests left this server: ${foreign.join(", ")}`).toEqual([]);
});

test("the home page links to the reference", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Tessera" })).toBeVisible();
  await page.getByRole("link", { name: "API reference" }).click();
  await expect(page).toHaveURL(/\/docs$/);
});

test("HTML pages refuse framing and never send a Referer", async ({ request }) => {
  for (const path of ["/", "/docs"]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    expect(res.headers()["referrer-policy"], path).toBe("no-referrer");
    expect(res.headers()["x-frame-options"], path).toBe("DENY");
    expect(res.headers()["x-content-type-options"], path).toBe("nosniff");
  }
});
