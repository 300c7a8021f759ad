import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { challenges } from "@/db/schema";
import { findChallengeByToken } from "@/lib/challenges/find-challenge";
import { issueChallenge } from "@/lib/challenges/issue-challenge";
import { toChallengeResponse } from "@/lib/challenges/serialize";
import { CODE_METHODS } from "@/lib/challenges/types";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { consumeRateLimit } from "@/lib/rate-limit/consume-rate-limit";
import { requireLiveApp } from "@/lib/users/require-live-app";

/** Resends per destination per window (spec §1.9 recommended defaults for sends). */
export const RESEND_LIMIT = 5;
export const RESEND_WINDOW_SECONDS = 600;

/**
 * POST /challenges/{token}/resend (spec §14.4): for delivered methods only
 * (else 422 not_resendable). The current challenge is cancelled by a guarded
 * UPDATE (one winner: a concurrent resend gets 422 challenge_not_open) and a
 * new one with the same parameters, a new token and a new code is created
 * and delivered in the same transaction. Limited per destination.
 */
export async function resendChallenge({ ctx, input }: { ctx: Ctx; input: { appId: string; token: string } }) {
  const app = await requireLiveApp(input.appId);
  const row = await findChallengeByToken(app.id, input.token);
  if (!row) throw new AppError("challenge_not_found");
  if (!CODE_METHODS.includes(row.method)) throw new AppError("not_resendable");
  const limit = await consumeRateLimit(
    `challenge_resend:${app.id}:${(row.identifier ?? row.appUserId ?? row.id).toLowerCase()}`,
    RESEND_LIMIT,
    RESEND_WINDOW_SECONDS,
    ctx.now,
  );
  if (!limit.allowed) throw new AppError("rate_limited");

  const db = await getDb();
  return db.transaction(async (tx) => {
    // An expired challenge may be resent too (the usual "code expired, send another").
    const [old] = await tx
      .update(challenges)
      .set({ status: "cancelled", updatedAt: ctx.now })
      .where(and(eq(challenges.id, row.id), inArray(challenges.status, ["pending", "expired"])))
      .returning();
    if (!old) throw new AppError("challenge_not_open");
    const lifetime = Math.round((old.expiresAt.getTime() - old.createdAt.getTime()) / 1000);
    const created = await issueChallenge(tx, ctx, {
      app,
      appUserId: old.appUserId,
      purpose: old.purpose,
      method: old.method,
      identifier: old.identifier,
      expiresInSeconds: lifetime,
      maxAttempts: old.maxAttempts,
      userMeta: old.userMeta,
      metadata: old.metadata,
      intent: old.intent,
      intentFields: old.intentFields,
      redirectUrl: old.redirectUrl,
      callbackUrl: old.callbackUrl,
      mfaEnrollmentId: old.mfaEnrollmentId,
      initiatorType: old.initiatorType,
      initiatorId: old.initiatorId,
      parentChallengeId: old.id,
    });
    return { challenge: toChallengeResponse(created.challenge, { token: created.token, now: ctx.now }) };
  });
}
