import { type BrowserContext, expect } from "@playwright/test";
import { adminApi } from "./helpers";

/** The app's own site: never contacted, every request to it is answered here (nothing leaves loopback). */
export const APP_ORIGIN = "http://localhost:4999";
export const CALLBACK = `${APP_ORIGIN}/auth/callback?from=tessera`;
export const CALLBACK_RE = /^http:\/\/localhost:4999\/auth\/callback\?from=tessera&sct_oauth=[^&]+$/;

export async function fakeAppSite(context: BrowserContext): Promise<void> {
  await context.route(`${APP_ORIGIN}/**`, (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<p>app</p>" }));
}

export async function createApp(baseURL: string, extra: Record<string, unknown> = {}): Promise<string> {
  const { status, body } = await adminApi<{ app: { id: string } }>(baseURL, "POST", "/v1/apps", {
    name: "Acme Notes",
    origin: APP_ORIGIN,
    callback_url: CALLBACK,
    colors: ["#0f766e"],
    ...extra,
  });
  expect([200, 201], JSON.stringify(body)).toContain(status);
  return body.app.id;
}

/** The app's SDK side: exchange the handoff token for a session. */
export async function exchange(baseURL: string, appId: string, callbackUrl: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const token = new URL(callbackUrl).searchParams.get("sct_oauth");
  expect(token).toBeTruthy();
  const res = await fetch(new URL(`/v1/auth/${appId}/magic_links/authenticate`, baseURL), {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

