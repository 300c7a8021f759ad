import { and, eq } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { magicLinks } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import { attemptChallenge } from "@/lib/challenges/attempt-challenge-code";
import { attemptError } from "@/lib/challenges/attempt-error";
import { completeChallenge } from "@/lib/challenges/complete-challenge";
import { findChallengeByToken } from "@/lib/challenges/find-challenge";
import { recordChallengeEvent } from "@/lib/challenges/record-challenge-event";
import { toChallengeResponse } from "@/lib/challenges/serialize";
import { CODE_METHODS, type ChallengeRow } from "@/lib/challenges/types";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { primaryOf } from "@/lib/mfa/start-mfa-challenge";
import { consumeSecondFactor, type FactorMatch, matchSecondFactor } from "@/lib/mfa/second-factor";
import { completeOtpSignIn } from "@/lib/otp/complete-otp-sign-in";
import { assertCanAuthenticate, startSession } from "@/lib/sessions/start-session";
import { findUserById } from "@/lib/users/find-user";
import { requireLiveApp } from "@/lib/users/require-live-app";

export interface VerifyChallengeInput {
  appId: string;
  token: string;
  code?: string;
  /** Magic-link token or WebAuthn assertion: not supported yet (422 invalid_code). */
  linkToken?: string;
  credential?: Record<string, unknown>;
  request?: Request;
}

/**
 * POST /challenges/{token}/verify (spec §14.3). The attempt is counted
 * before any comparison (its own statement); the right answer completes the
 * challenge in one transaction whose guarded UPDATE lets exactly one of any
 * number of concurrent callers win, and only that winner uses up the TOTP
 * step or backup code and gets a session (`authenticate`, `mfa`) or the
 * completed challenge (other purposes).
 */
export async function verifyChallenge({ ctx, input }: { ctx: Ctx; input: VerifyChallengeInput }): Promise<Record<string, unknown>> {
  const app = await requireLiveApp(input.appId);
  const row = await findChallengeByToken(app.id, input.token);
  if (!row) throw new AppError("challenge_not_found");
  if (input.code === undefined) {
    if (input.linkToken !== undefined || input.credential !== undefined) throw new AppError("invalid_code");
    throw new AppError({ code: "bad_request", message: "code is required" });
  }
  const code = input.code;

  const found: { match: FactorMatch | null } = { match: null };
  const result = await attemptChallenge(ctx, row, async (counted) => {
    found.match = await matchSecondFactor(app, row, code, counted, ctx.now);
    return found.match !== null;
  });
  if (result.outcome !== "correct") {
    if (result.outcome === "wrong" && result.remainingAttempts === 0) {
      // Own statement: the record survives the 422.
      await recordChallengeEvent(await getDb(), ctx, {
        app,
        challenge: { ...row, status: "failed", attempts: result.attempts, updatedAt: ctx.now },
        slug: "challenge.failed",
      });
    }
    throw attemptError(result);
  }
  const matched: FactorMatch = found.match ?? { kind: "code" };
  const db = await getDb();
  return db.transaction(async (tx) => {
    if (row.purpose === "authenticate" && CODE_METHODS.includes(row.method)) {
      // The OTP sign-in path: completes the challenge, verifies the identifier, MFA gate, session.
      const out = await completeOtpSignIn(tx, ctx, { app, challenge: row, request: input.request });
      const done: ChallengeRow = { ...row, status: "completed", completedAt: ctx.now, updatedAt: ctx.now };
      await recordChallengeEvent(tx, ctx, { app, challenge: done, slug: "challenge.completed" });
      return { ...out, challenge: toChallengeResponse(done, { token: input.token, now: ctx.now }) };
    }
    const done = await completeChallenge(tx, ctx, row.id);
    if (!done) throw new AppError("invalid_code");
    const used = await consumeSecondFactor(tx, ctx, matched);
    const backup = used.remainingBackupCodes !== undefined ? { remaining_backup_codes: used.remainingBackupCodes } : {};
    await recordChallengeEvent(tx, ctx, {
      app,
      challenge: done,
      slug: "challenge.completed",
      extra: { factor: matched.kind === "backup" ? "backup_code" : done.method },
    });
    const challenge = toChallengeResponse(done, { token: input.token, now: ctx.now });
    if (done.purpose === "authenticate" || done.purpose === "mfa") {
      const payload = await signIn(tx, ctx, app, done, input.request);
      return { ...payload, challenge, ...backup };
    }
    return { status: "completed", challenge, intent: challenge.intent ?? null, intent_fields: done.intentFields ?? {}, ...backup };
  });
}

/** The session a completed `authenticate` / `mfa` challenge grants: the primary sign-in's kind when it continues one. */
async function signIn(tx: Executor, ctx: Ctx, app: AppRow, done: ChallengeRow, request?: Request): Promise<object> {
  if (!done.appUserId) throw new AppError("invalid_code");
  const user = await findUserById(app.id, done.appUserId, tx);
  if (!user) throw new AppError("invalid_code");
  // Checked again here: the user may have been deactivated since the first factor.
  assertCanAuthenticate(user);
  const primary = primaryOf(done) ?? { sessionType: "misc" as const };
  const { session, payload } = await startSession(tx, ctx, {
    app,
    user,
    type: primary.sessionType,
    credentialId: primary.credentialId ?? null,
    request,
  });
  if (primary.magicLinkId) {
    // The device polling that magic link (spec §7.3) collects this session.
    await tx
      .update(magicLinks)
      .set({ activatedSessionId: session.id, updatedAt: ctx.now })
      .where(and(eq(magicLinks.id, primary.magicLinkId), eq(magicLinks.appId, app.id)));
  }
  return payload;
}
