/**
 * Test fixtures for the passkey routes: the routes called in-process and the
 * software authenticator driving them. Imported by tests only.
 */
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apps, appUsers, events, sessions, webauthnCeremonies, webauthnCredentials } from "@/db/schema";
import { DELETE as DEVICE_DELETE } from "@/app/v1/auth/[app_id]/devices/[id]/route";
import { POST as DEVICES_FINALIZE } from "@/app/v1/auth/[app_id]/devices/finalize/route";
import { POST as DEVICES_REGISTER } from "@/app/v1/auth/[app_id]/devices/register/route";
import { POST as LOGIN_FINALIZE } from "@/app/v1/auth/[app_id]/webauthn/login/finalize/route";
import { POST as LOGIN_INITIALIZE } from "@/app/v1/auth/[app_id]/webauthn/login/initialize/route";
import { POST as REGISTER_FINALIZE } from "@/app/v1/auth/[app_id]/webauthn/register/finalize/route";
import { POST as REGISTER_INITIALIZE } from "@/app/v1/auth/[app_id]/webauthn/register/initialize/route";
import type { AppRow } from "@/lib/apps/find-app";
import { randomBase62 } from "@/lib/ids";
import { call, type CallResult } from "@/test/harness";
import { SoftAuthenticator } from "@/test/webauthn-authenticator";

export const APP_ORIGIN = "https://app.test";
export const UA_CHROME_MAC =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

export const newEmail = (): string => `pk-${randomBase62(10).toLowerCase()}@example.com`;
export const authenticator = (origin = APP_ORIGIN) => new SoftAuthenticator(origin);

const headersOf = (access?: string) => ({
  "user-agent": UA_CHROME_MAC,
  ...(access ? { "x-authorization": access } : {}),
});

const post = (handler: Parameters<typeof call>[0], app: AppRow, tail: string, body: unknown, access?: string) =>
  call(handler, "POST", `/v1/auth/${app.publicId}/${tail}`, {
    params: { app_id: app.publicId },
    body,
    headers: { ...headersOf(access), "content-type": "application/json" },
  });

export const registerInitialize = (app: AppRow, body: unknown) => post(REGISTER_INITIALIZE, app, "webauthn/register/initialize", body);
export const registerFinalize = (app: AppRow, body: unknown) => post(REGISTER_FINALIZE, app, "webauthn/register/finalize", body);
export const loginInitialize = (app: AppRow, body: unknown) => post(LOGIN_INITIALIZE, app, "webauthn/login/initialize", body);
export const loginFinalize = (app: AppRow, body: unknown) => post(LOGIN_FINALIZE, app, "webauthn/login/finalize", body);
export const devicesRegister = (app: AppRow, access?: string) =>
  call(DEVICES_REGISTER, "POST", `/v1/auth/${app.publicId}/devices/register`, { params: { app_id: app.publicId }, headers: headersOf(access) });
export const devicesFinalize = (app: AppRow, body: unknown, access?: string) => post(DEVICES_FINALIZE, app, "devices/finalize", body, access);
export const deviceDelete = (app: AppRow, id: string, access?: string) =>
  call(DEVICE_DELETE, "DELETE", `/v1/auth/${app.publicId}/devices/${encodeURIComponent(id)}`, {
    params: { app_id: app.publicId, id },
    headers: headersOf(access),
  });

/** Sign a new user up with a passkey: the finalize response and the authenticator holding the key. */
export async function signUpWithPasskey(app: AppRow, email = newEmail(), auth = authenticator()) {
  const init = await registerInitialize(app, { identifier: email });
  if (init.status !== 200) throw new Error(`register/initialize: ${init.text}`);
  const { json, passkey } = auth.register(init.body.options);
  const fin = await registerFinalize(app, json);
  if (fin.status !== 200) throw new Error(`register/finalize: ${fin.text}`);
  return { email, auth, passkey, payload: fin.body as { access: string; user_id: string }, options: init.body.options };
}

/** Sign in with the authenticator's passkey (login initialize + finalize). */
export async function loginWith(app: AppRow, auth: SoftAuthenticator, identifier?: string): Promise<CallResult> {
  const init = await loginInitialize(app, identifier ? { identifier } : {});
  if (init.status !== 200) throw new Error(`login/initialize: ${init.text}`);
  return loginFinalize(app, auth.assert(init.body.options));
}

export async function setApp(app: AppRow, settings: Partial<typeof apps.$inferInsert>): Promise<void> {
  await (await getDb()).update(apps).set(settings).where(eq(apps.id, app.id));
}

export async function userById(id: string) {
  const [row] = await (await getDb()).select().from(appUsers).where(eq(appUsers.id, id));
  return row ?? null;
}

export async function sessionsOf(userId: string) {
  return (await getDb()).select().from(sessions).where(eq(sessions.appUserId, userId));
}

export async function credentialsOf(userId: string) {
  return (await getDb()).select().from(webauthnCredentials).where(eq(webauthnCredentials.appUserId, userId));
}

export async function eventsOf(app: AppRow, slug: string) {
  return (await getDb())
    .select()
    .from(events)
    .where(and(eq(events.appId, app.id), eq(events.slug, slug)));
}

/** Expire every ceremony of the app (simulates five minutes passing). */
export async function expireCeremonies(app: AppRow): Promise<void> {
  await (await getDb())
    .update(webauthnCeremonies)
    .set({ expiresAt: new Date(Date.now() - 1000) })
    .where(eq(webauthnCeremonies.appId, app.id));
}
