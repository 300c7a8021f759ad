/**
 * Test fixtures for session code: a user signed in through the real verbs
 * (findOrCreateUser + startSession in one transaction). Imported by tests only.
 */
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { appUsers, apps, sessions } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import { systemCtx } from "@/lib/context";
import { parseIdentifier } from "@/lib/identifiers/parse-identifier";
import { randomBase62 } from "@/lib/ids";
import { type SessionType, startSession, type TokenPayload } from "@/lib/sessions/start-session";
import { signAccessToken, signRefreshToken } from "@/lib/tokens/sign-app-jwt";
import { findOrCreateUser } from "@/lib/users/find-or-create-user";
import type { AppUserRow, SessionRow } from "@/lib/users/serialize";

export interface SignedIn {
  user: AppUserRow;
  session: SessionRow;
  payload: TokenPayload;
  /** The payload's refresh token (present unless the app disables refresh payloads). */
  refresh: string;
}

export interface SignInOptions {
  email?: string;
  status?: AppUserRow["status"];
  type?: SessionType;
  credentialId?: string | null;
  request?: Request;
  now?: Date;
}

/** Sign a (new or existing) user of `app` in and return the session and its tokens. */
export async function signIn(app: AppRow, opts: SignInOptions = {}): Promise<SignedIn> {
  const identifier = parseIdentifier(opts.email ?? `u-${randomBase62(8).toLowerCase()}@example.com`);
  if (!identifier) throw new Error("bad test identifier");
  const ctx = { ...systemCtx("test"), ...(opts.now ? { now: opts.now } : {}) };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { user } = await findOrCreateUser(tx, ctx, { app, identifier, status: opts.status ?? "active" });
    const { session, payload } = await startSession(tx, ctx, {
      app,
      user,
      type: opts.type ?? "magic",
      credentialId: opts.credentialId,
      request: opts.request,
    });
    return { user, session, payload, refresh: payload.refresh ?? "" };
  });
}

/** URL and params of `/v1/auth/{app_id}/<tail>`. */
export function authPath(app: Pick<AppRow, "publicId">, tail: string, extra: Record<string, string> = {}) {
  return { url: `/v1/auth/${app.publicId}/${tail}`, params: { app_id: app.publicId, ...extra } };
}

/** Overwrite columns of a session row (simulate time passing, revocation…). */
export async function patchSession(id: string, set: Partial<SessionRow>): Promise<void> {
  await (await getDb()).update(sessions).set(set).where(eq(sessions.id, id));
}

/** Overwrite columns of an app row (settings, soft deletion) without touching its sessions. */
export async function patchApp(id: string, set: Partial<AppRow>): Promise<void> {
  await (await getDb()).update(apps).set(set).where(eq(apps.id, id));
}

export async function setUserStatus(id: string, status: AppUserRow["status"]): Promise<void> {
  await (await getDb()).update(appUsers).set({ status }).where(eq(appUsers.id, id));
}

export async function sessionRow(id: string): Promise<SessionRow | undefined> {
  return (await (await getDb()).select().from(sessions).where(eq(sessions.id, id)))[0];
}

/** Tokens of `s` signed `secondsAgo` in the past (expired once past their lifetime). */
export async function pastTokens(app: AppRow, s: SignedIn, secondsAgo: number) {
  const facts = { appUserId: s.user.id, sessionId: s.session.id, credentialId: s.session.credentialId };
  const now = new Date(Date.now() - secondsAgo * 1000);
  return {
    access: (await signAccessToken(app, facts, { now })).token,
    refresh: (await signRefreshToken(app, facts, { now })).token,
  };
}
