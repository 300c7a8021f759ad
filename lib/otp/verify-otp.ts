import { getDb } from "@/db/client";
import { findLiveApp } from "@/lib/apps/find-app";
import { attemptChallengeCode } from "@/lib/challenges/attempt-challenge-code";
import { attemptError } from "@/lib/challenges/attempt-error";
import { findChallengeByToken, findLatestPendingChallenge } from "@/lib/challenges/find-challenge";
import { looksLikeChallengeToken } from "@/lib/challenges/secrets";
import type { ChallengeRow } from "@/lib/challenges/types";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { completeOtpSignIn, type MfaRequiredBody } from "@/lib/otp/complete-otp-sign-in";
import { OTP_METHODS, OTP_PURPOSE } from "@/lib/otp/send-otp";
import type { TokenPayload } from "@/lib/sessions/start-session";

export interface VerifyOtpInput {
  /** `{app_id}` from the path: public id or internal uuid. */
  appId: string;
  otp: string;
  /** The challenge token from /otps/login, or the app user id (spec §8.2, §24 C4). */
  userId: string;
  request?: Request;
}

/**
 * The OTP sign-in challenge `userId` designates in `appId`: by token, or the
 * user's most recent pending one. Only `authenticate` challenges by SMS or
 * email code qualify (a code is bound to its purpose: threats T7).
 */
export async function resolveOtpChallenge(appId: string, userId: string): Promise<ChallengeRow | null> {
  if (looksLikeChallengeToken(userId)) {
    const row = await findChallengeByToken(appId, userId);
    return row && row.purpose === OTP_PURPOSE && OTP_METHODS.includes(row.method) ? row : null;
  }
  return findLatestPendingChallenge(appId, userId, { purpose: OTP_PURPOSE, methods: OTP_METHODS });
}

/**
 * POST /otps/verify (spec §8.2). The attempt is counted (own statement)
 * before the code is compared; a wrong code records `otp.failed` and answers
 * 422 with `remaining_attempts`; the right one completes the challenge and
 * signs the user in, in one transaction. Unknown tokens and users, and users
 * with nothing pending, all answer the same 422 invalid_code.
 */
export async function verifyOtp({ ctx, input }: { ctx: Ctx; input: VerifyOtpInput }): Promise<TokenPayload | MfaRequiredBody> {
  const app = await findLiveApp(input.appId);
  if (!app) throw new AppError("app_not_found");
  const challenge = await resolveOtpChallenge(app.id, input.userId);
  if (!challenge) throw new AppError("invalid_code");

  const result = await attemptChallengeCode(ctx, challenge, input.otp);
  if (result.outcome !== "correct") {
    if (result.outcome === "wrong") {
      // Own statement, outside any transaction: the record survives the 422.
      await recordEvent(await getDb(), ctx, {
        workspaceId: app.workspaceId,
        appId: app.id,
        appUserId: challenge.appUserId,
        slug: "otp.failed",
        params: {
          challenge_id: challenge.id,
          method: challenge.method,
          attempts: result.attempts,
          remaining_attempts: result.remainingAttempts,
        },
      });
    }
    throw attemptError(result);
  }

  const db = await getDb();
  return db.transaction((tx) => completeOtpSignIn(tx, ctx, { app, challenge, request: input.request }));
}
