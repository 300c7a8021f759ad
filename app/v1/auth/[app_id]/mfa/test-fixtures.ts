/**
 * Test fixtures for the challenge and MFA routes: handlers called in-process,
 * a signed-in user made through the real verbs, TOTP enrollment through the
 * routes, and reads of the rows. Imported by tests only.
 */
import { and, eq } from "drizzle-orm";
import { expect } from "vitest";
import { getDb } from "@/db/client";
import { challenges, events, mfaEnrollments, sessions } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import { hashChallengeToken } from "@/lib/challenges/secrets";
import { systemCtx } from "@/lib/context";
import { parseIdentifier } from "@/lib/identifiers/parse-identifier";
import { totpCodeAt } from "@/lib/mfa/totp";
import { startSession } from "@/lib/sessions/start-session";
import { findOrCreateUser } from "@/lib/users/find-or-create-user";
import type { AppUserRow } from "@/lib/users/serialize";
import { call, type CallOptions, type CallResult } from "@/test/harness";
import { DELETE as CANCEL, GET as STATUS } from "../challenges/[token]/route";
import { POST as DENY } from "../challenges/[token]/deny/route";
import { POST as RESEND } from "../challenges/[token]/resend/route";
import { POST as VERIFY } from "../challenges/[token]/verify/route";
import { POST as CREATE } from "../challenges/route";
import { POST as BACKUP_CODES } from "./backup-codes/route";
import { POST as ENROLL } from "./enroll/route";
import { POST as ENROLL_VERIFY } from "./enroll/verify/route";
import { DELETE as REMOVE } from "./methods/[id]/route";
import { GET as METHODS } from "./methods/route";
import { GET as MFA_STATUS } from "./status/route";

type Opts = Omit<CallOptions, "body" | "params">;
const base = (app: AppRow) => `/v1/auth/${app.publicId}`;

export const createChallengeCall = (app: AppRow, body: unknown, o: Opts = {}): Promise<CallResult> =>
  call(CREATE, "POST", `${base(app)}/challenges`, { ...o, params: { app_id: app.publicId }, body });
export const challengeStatus = (app: AppRow, token: string, o: Opts = {}): Promise<CallResult> =>
  call(STATUS, "GET", `${base(app)}/challenges/${token}`, { ...o, params: { app_id: app.publicId, token } });
export const cancelChallengeCall = (app: AppRow, token: string, o: Opts = {}): Promise<CallResult> =>
  call(CANCEL, "DELETE", `${base(app)}/challenges/${token}`, { ...o, params: { app_id: app.publicId, token } });
export const verifyChallengeCall = (app: AppRow, token: string, body: unknown, o: Opts = {}): Promise<CallResult> =>
  call(VERIFY, "POST", `${base(app)}/challenges/${token}/verify`, { ...o, params: { app_id: app.publicId, token }, body });
export const resendChallengeCall = (app: AppRow, token: string, o: Opts = {}): Promise<CallResult> =>
  call(RESEND, "POST", `${base(app)}/challenges/${token}/resend`, { ...o, params: { app_id: app.publicId, token }, body: {} });
export const denyChallengeCall = (app: AppRow, token: string, body: unknown = {}, o: Opts = {}): Promise<CallResult> =>
  call(DENY, "POST", `${base(app)}/challenges/${token}/deny`, { ...o, params: { app_id: app.publicId, token }, body });

const user = (access: string): Opts => ({ headers: { "x-authorization": access } });
export const enrollCall = (app: AppRow, access: string, body: unknown): Promise<CallResult> =>
  call(ENROLL, "POST", `${base(app)}/mfa/enroll`, { ...user(access), params: { app_id: app.publicId }, body });
export const enrollVerifyCall = (app: AppRow, access: string, body: unknown): Promise<CallResult> =>
  call(ENROLL_VERIFY, "POST", `${base(app)}/mfa/enroll/verify`, { ...user(access), params: { app_id: app.publicId }, body });
export const backupCodesCall = (app: AppRow, access: string, query: Record<string, string> = {}): Promise<CallResult> =>
  call(BACKUP_CODES, "POST", `${base(app)}/mfa/backup-codes`, { ...user(access), params: { app_id: app.publicId }, body: {}, query });
export const methodsCall = (app: AppRow, access: string): Promise<CallResult> =>
  call(METHODS, "GET", `${base(app)}/mfa/methods`, { ...user(access), params: { app_id: app.publicId } });
export const mfaStatusCall = (app: AppRow, access: string): Promise<CallResult> =>
  call(MFA_STATUS, "GET", `${base(app)}/mfa/status`, { ...user(access), params: { app_id: app.publicId } });
export const removeMethodCall = (app: AppRow, access: string, id: string, query: Record<string, string> = {}): Promise<CallResult> =>
  call(REMOVE, "DELETE", `${base(app)}/mfa/methods/${id}`, { ...user(access), params: { app_id: app.publicId, id }, query });

/** A user of `app` with a fresh session (made through the verbs, not a sign-in route: no MFA gate). */
export async function signedInUser(app: AppRow, email: string): Promise<{ user: AppUserRow; access: string; sessionId: string }> {
  const identifier = parseIdentifier(email);
  if (!identifier) throw new Error("bad email");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const ctx = systemCtx("test");
    const { user } = await findOrCreateUser(tx, ctx, { app, identifier });
    const { session, payload } = await startSession(tx, ctx, { app, user, type: "misc" });
    return { user, access: payload.access, sessionId: session.id };
  });
}

/** Enroll and verify TOTP through the routes; returns the secret and enrollment id. */
export async function enrollTotp(app: AppRow, access: string): Promise<{ secret: string; enrollmentId: string }> {
  const res = await enrollCall(app, access, { method: "totp", name: "phone" });
  expect(res.status, res.text).toBe(200);
  const secret = String(res.body.secret);
  const enrollmentId = String(res.body.enrollment.id);
  const ok = await enrollVerifyCall(app, access, { enrollment_id: enrollmentId, code: totpCodeAt(secret, new Date()) });
  expect(ok.status, ok.text).toBe(200);
  return { secret, enrollmentId };
}

/** A TOTP code of the next step: valid now (window ±1) and later than the step the enrollment just used. */
export const nextTotp = (secret: string): string => totpCodeAt(secret, new Date(Date.now() + 30_000));

/** Forget the last used TOTP step, so a test may use the current code again. */
export async function forgetTotpStep(enrollmentId: string): Promise<void> {
  await (await getDb()).update(mfaEnrollments).set({ lastUsedStep: null }).where(eq(mfaEnrollments.id, enrollmentId));
}

export async function challengeRow(token: string) {
  const [row] = await (await getDb()).select().from(challenges).where(eq(challenges.tokenHash, hashChallengeToken(token)));
  if (!row) throw new Error("challenge not found");
  return row;
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
