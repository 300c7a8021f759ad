/**
 * Test fixtures for the magic-link routes: the handlers called in-process,
 * app settings, links read back from the outbox, and JWT checks against the
 * app's JWKS. Imported by tests only.
 */
import { and, desc, eq } from "drizzle-orm";
import { createLocalJWKSet, jwtVerify } from "jose";
import { expect } from "vitest";
import { getDb } from "@/db/client";
import { appUsers, apps, events, magicLinks, outboxMessages, sessions } from "@/db/schema";
import { type AppRow, invalidateAppCache } from "@/lib/apps/find-app";
import { randomBase62 } from "@/lib/ids";
import { getJwks } from "@/lib/signing-keys/get-jwks";
import { call, type CallOptions, type CallResult } from "@/test/harness";
import { PATCH as AUTHENTICATE } from "./authenticate/route";
import { POST as CONFIRM_INVITE } from "./confirm_invite/route";
import { POST as LOGIN } from "./login/route";
import { POST as REGISTER } from "./register/route";
import { POST as STATUS } from "./status/route";

type Opts = Omit<CallOptions, "body" | "params">;
const at = (app: AppRow, route: string) => ({ url: `/v1/auth/${app.publicId}/magic_links/${route}`, params: { app_id: app.publicId } });

export const newEmail = (): string => `u-${randomBase62(10).toLowerCase()}@example.com`;

export const sendLogin = (app: AppRow, body: unknown, o: Opts = {}): Promise<CallResult> =>
  call(LOGIN, "POST", at(app, "login").url, { ...o, params: at(app, "login").params, body });
export const sendRegister = (app: AppRow, body: unknown, o: Opts = {}): Promise<CallResult> =>
  call(REGISTER, "POST", at(app, "register").url, { ...o, params: at(app, "register").params, body });
export const authenticate = (app: AppRow, body: unknown, o: Opts = {}): Promise<CallResult> =>
  call(AUTHENTICATE, "PATCH", at(app, "authenticate").url, { ...o, params: at(app, "authenticate").params, body });
export const poll = (app: AppRow, body: unknown, o: Opts = {}): Promise<CallResult> =>
  call(STATUS, "POST", at(app, "status").url, { ...o, params: at(app, "status").params, body });
export const confirmInvite = (app: AppRow, body: unknown, o: Opts = {}): Promise<CallResult> =>
  call(CONFIRM_INVITE, "POST", at(app, "confirm_invite").url, { ...o, params: at(app, "confirm_invite").params, body });

/** Change app settings in place. */
export async function setApp(app: AppRow, settings: Partial<typeof apps.$inferInsert>): Promise<AppRow> {
  const [row] = await (await getDb()).update(apps).set(settings).where(eq(apps.id, app.id)).returning();
  invalidateAppCache(app);
  if (!row) throw new Error("app not found");
  return row;
}

/** The newest message to `to` in the app's outbox. */
export async function latestMessage(app: AppRow, to: string) {
  const [row] = await (await getDb())
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.appId, app.id), eq(outboxMessages.to, to)))
    .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
    .limit(1);
  if (!row) throw new Error(`no message to ${to}`);
  return row;
}

/** The link emailed to `to` most recently, and its `sct_magic` token. */
export async function latestLink(app: AppRow, to: string): Promise<{ url: URL; token: string }> {
  const message = await latestMessage(app, to);
  const link = message.links[0];
  if (!link) throw new Error("message has no link");
  const url = new URL(link);
  const token = url.searchParams.get("sct_magic");
  if (!token) throw new Error(`no sct_magic in ${link}`);
  return { url, token };
}

/** Send a login link to `email` and return the link id and token. */
export async function loginLink(app: AppRow, email: string, body: Record<string, unknown> = {}): Promise<{ id: string; token: string; url: URL }> {
  const res = await sendLogin(app, { identifier: email, ...body });
  expect(res.status, res.text).toBe(200);
  const { url, token } = await latestLink(app, email.toLowerCase());
  return { id: String(res.body.magic_link.id), token, url };
}

/** Verify a JWT against the app's published JWKS. */
export async function verifyWithJwks(app: AppRow, token: string) {
  const jwks = createLocalJWKSet(JSON.parse((await getJwks(app.id)).body));
  return (await jwtVerify(token, jwks, { algorithms: ["RS256"] })).payload;
}

export async function userByEmail(app: AppRow, email: string) {
  const rows = await (await getDb()).select().from(appUsers).where(eq(appUsers.appId, app.id));
  return rows.find((u) => u.email?.toLowerCase() === email.toLowerCase()) ?? null;
}

export async function countUsers(app: AppRow): Promise<number> {
  return (await (await getDb()).select({ id: appUsers.id }).from(appUsers).where(eq(appUsers.appId, app.id))).length;
}

export async function sessionsOf(userId: string) {
  return (await getDb()).select().from(sessions).where(eq(sessions.appUserId, userId));
}

export async function linkRow(id: string) {
  const [row] = await (await getDb()).select().from(magicLinks).where(eq(magicLinks.id, id));
  if (!row) throw new Error("magic link not found");
  return row;
}

export async function eventsOf(app: AppRow, slug: string) {
  return (await getDb())
    .select()
    .from(events)
    .where(and(eq(events.appId, app.id), eq(events.slug, slug)));
}

export const NOT_FOUND_BODY = { error: "Magic link not found or expired", error_code: "magic_link_not_found" };

/** The exact 404 of spec §1.6. */
export function expectLinkNotFound(res: CallResult): void {
  expect(res.status, res.text).toBe(404);
  expect(res.body).toMatchObject(NOT_FOUND_BODY);
}
