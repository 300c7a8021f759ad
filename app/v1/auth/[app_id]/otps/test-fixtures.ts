/**
 * Test fixtures for OTP and challenge tests: app settings, the login/verify
 * routes called in-process, and reads of the outbox and challenge rows.
 * Imported by tests only (beside the routes: it calls them).
 */
import { and, desc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { appUsers, apps, challenges, events, outboxMessages, sessions } from "@/db/schema";
import { POST as LOGIN } from "@/app/v1/auth/[app_id]/otps/login/route";
import { POST as VERIFY } from "@/app/v1/auth/[app_id]/otps/verify/route";
import type { AppRow } from "@/lib/apps/find-app";
import { hashChallengeToken } from "@/lib/challenges/secrets";
import { randomBase62 } from "@/lib/ids";
import { call, type CallOptions, type CallResult } from "@/test/harness";

type AppSettings = Partial<typeof apps.$inferInsert>;

/** Change app settings in place (rows read fresh on every request: findLiveApp is uncached). */
export async function setApp(app: AppRow, settings: AppSettings): Promise<void> {
  await (await getDb()).update(apps).set(settings).where(eq(apps.id, app.id));
}

/** A fresh phone number in a range libphonenumber accepts (US 202-555-01xx is not a test identity). */
export function newPhone(): string {
  return `+1202555${String(Math.floor(Math.random() * 10_000)).padStart(4, "0")}`;
}

export const newEmail = (): string => `u-${randomBase62(10).toLowerCase()}@example.com`;

export function login(app: AppRow, body: unknown, opts: Omit<CallOptions, "body" | "params"> = {}): Promise<CallResult> {
  return call(LOGIN, "POST", `/v1/auth/${app.publicId}/otps/login`, { ...opts, params: { app_id: app.publicId }, body });
}

export function verify(app: AppRow, body: unknown, opts: Omit<CallOptions, "body" | "params"> = {}): Promise<CallResult> {
  return call(VERIFY, "POST", `/v1/auth/${app.publicId}/otps/verify`, { ...opts, params: { app_id: app.publicId }, body });
}

/** The code of the newest message to `to` in the app's outbox (the `code` column). */
export async function latestCode(app: AppRow, to: string): Promise<string | null> {
  const [row] = await (await getDb())
    .select({ code: outboxMessages.code })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.appId, app.id), eq(outboxMessages.to, to)))
    .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
    .limit(1);
  return row?.code ?? null;
}

export async function outboxTo(app: AppRow, to: string) {
  return (await getDb())
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.appId, app.id), eq(outboxMessages.to, to)));
}

export async function challengeByToken(token: string) {
  const [row] = await (await getDb()).select().from(challenges).where(eq(challenges.tokenHash, hashChallengeToken(token)));
  if (!row) throw new Error("challenge not found");
  return row;
}

export async function userByPhoneOrEmail(app: AppRow, identifier: string) {
  const rows = await (await getDb()).select().from(appUsers).where(eq(appUsers.appId, app.id));
  return rows.find((u) => u.phone === identifier || u.email?.toLowerCase() === identifier.toLowerCase()) ?? null;
}

export async function countUsers(app: AppRow): Promise<number> {
  return (await (await getDb()).select({ id: appUsers.id }).from(appUsers).where(eq(appUsers.appId, app.id))).length;
}

export async function sessionsOf(userId: string) {
  return (await getDb()).select().from(sessions).where(eq(sessions.appUserId, userId));
}

export async function eventsOf(app: AppRow, slug: string) {
  return (await getDb())
    .select()
    .from(events)
    .where(and(eq(events.appId, app.id), eq(events.slug, slug)));
}

/** Send a code to `identifier` and return the challenge token and the delivered code. */
export async function sendCode(app: AppRow, identifier: string): Promise<{ token: string; code: string; res: CallResult }> {
  const res = await login(app, { identifier });
  if (res.status !== 200) throw new Error(`login failed: ${res.text}`);
  const code = await latestCode(app, identifier);
  if (!code) throw new Error("no code in the outbox");
  return { token: String(res.body.user_id), code, res };
}

/** A wrong code of the same length as `code`. */
export const wrongCode = (code: string): string => code.replace(/./g, (d) => String((Number(d) + 1) % 10));
