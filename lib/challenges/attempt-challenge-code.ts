import { and, eq, gt, gte, lt, lte, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { challenges } from "@/db/schema";
import { codeMatches } from "@/lib/challenges/secrets";
import type { ChallengeRow, ChallengeStatus } from "@/lib/challenges/types";
import type { Ctx } from "@/lib/context";

export type AttemptResult =
  /** The code is right; the caller completes the challenge with completeChallenge. */
  | { outcome: "correct"; attempts: number; maxAttempts: number }
  /** The code is wrong (or malformed); at `remainingAttempts` 0 the challenge is now `failed`. */
  | { outcome: "wrong"; attempts: number; remainingAttempts: number }
  /** No attempts left: refused without comparing, even the right code. */
  | { outcome: "failed" }
  /** Past `expires_at` (now marked `expired`). */
  | { outcome: "expired" }
  /** Completed, cancelled or denied: nothing to verify. */
  | { outcome: "closed"; status: ChallengeStatus };

/**
 * Count one attempt at `challenge`'s code, then compare. The counter is
 * incremented by its own guarded statement, committed before the comparison
 * and outside any caller's transaction, so neither a rollback nor concurrency
 * can give anyone more than `max_attempts` comparisons (threats T5, R5).
 */
export async function attemptChallengeCode(ctx: Ctx, challenge: ChallengeRow, candidate: string): Promise<AttemptResult> {
  return attemptChallenge(ctx, challenge, (counted) => codeMatches(challenge.id, counted.codeHash, candidate));
}

/** What a check sees of the row once the attempt is counted. */
export interface CountedAttempt {
  attempts: number;
  maxAttempts: number;
  codeHash: string | null;
}

/**
 * attemptChallengeCode with any check (a TOTP or a backup code, spec §14.3):
 * the attempt is counted first, in its own guarded statement, then `check`
 * runs. `check` must not consume anything: the winner does that when it
 * completes the challenge.
 */
export async function attemptChallenge(
  ctx: Ctx,
  challenge: ChallengeRow,
  check: (counted: CountedAttempt) => boolean | Promise<boolean>,
): Promise<AttemptResult> {
  const db = await getDb();
  const [counted] = await db
    .update(challenges)
    .set({ attempts: sql`${challenges.attempts} + 1`, updatedAt: ctx.now })
    .where(
      and(
        eq(challenges.id, challenge.id),
        eq(challenges.status, "pending"),
        gt(challenges.expiresAt, ctx.now),
        lt(challenges.attempts, challenges.maxAttempts),
      ),
    )
    .returning({ attempts: challenges.attempts, maxAttempts: challenges.maxAttempts, codeHash: challenges.codeHash });
  if (!counted) return whyNotCounted(ctx, challenge.id);
  if (await check(counted)) {
    return { outcome: "correct", attempts: counted.attempts, maxAttempts: counted.maxAttempts };
  }
  const remainingAttempts = Math.max(0, counted.maxAttempts - counted.attempts);
  if (remainingAttempts === 0) {
    // Only a wrong attempt closes the challenge: an attempt refused for want of
    // tries must not, or it could fail a challenge whose last counted attempt
    // carries the right code and is completing right now.
    await db
      .update(challenges)
      .set({ status: "failed", updatedAt: ctx.now })
      .where(
        and(eq(challenges.id, challenge.id), eq(challenges.status, "pending"), gte(challenges.attempts, challenges.maxAttempts)),
      );
  }
  return { outcome: "wrong", attempts: counted.attempts, remainingAttempts };
}

/** The attempt was not counted: say why (and record expiry). */
async function whyNotCounted(ctx: Ctx, challengeId: string): Promise<AttemptResult> {
  const db = await getDb();
  const [row] = await db.select().from(challenges).where(eq(challenges.id, challengeId)).limit(1);
  if (!row) return { outcome: "closed", status: "cancelled" };
  if (row.status === "expired") return { outcome: "expired" };
  if (row.status === "failed") return { outcome: "failed" };
  if (row.status !== "pending") return { outcome: "closed", status: row.status };
  if (row.expiresAt.getTime() <= ctx.now.getTime()) {
    await expireChallenge(ctx, challengeId);
    return { outcome: "expired" };
  }
  // Pending with every attempt used: the last ones are being compared right now.
  return { outcome: "failed" };
}

/** Mark a pending challenge past its expiry as `expired` (idempotent, guarded). */
export async function expireChallenge(ctx: Ctx, challengeId: string): Promise<void> {
  const db = await getDb();
  await db
    .update(challenges)
    .set({ status: "expired", updatedAt: ctx.now })
    .where(and(eq(challenges.id, challengeId), eq(challenges.status, "pending"), lte(challenges.expiresAt, ctx.now)));
}
