import { and, eq, gt, inArray } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { challenges } from "@/db/schema";
import type { ChallengeMethod, ChallengePurpose, ChallengeRow } from "@/lib/challenges/types";
import type { Ctx } from "@/lib/context";

/**
 * Complete a pending, unexpired challenge inside `tx`: one guarded UPDATE,
 * so of any number of concurrent callers exactly one gets the row back (the
 * others wait on the row lock, then see `completed` and get null). The caller
 * creates the session in the same transaction only when it got the row.
 */
export async function completeChallenge(tx: Executor, ctx: Ctx, challengeId: string): Promise<ChallengeRow | null> {
  const [row] = await tx
    .update(challenges)
    .set({ status: "completed", completedAt: ctx.now, updatedAt: ctx.now })
    .where(and(eq(challenges.id, challengeId), eq(challenges.status, "pending"), gt(challenges.expiresAt, ctx.now)))
    .returning();
  return row ?? null;
}

/**
 * Cancel a user's pending challenges of `purpose` and `methods` (a new code
 * replaces the old ones, so at most one is open to guessing: threats T2, T5).
 */
export async function cancelPendingChallenges(
  tx: Executor,
  ctx: Ctx,
  where: { appId: string; appUserId: string; purpose: ChallengePurpose; methods: readonly ChallengeMethod[] },
): Promise<number> {
  const rows = await tx
    .update(challenges)
    .set({ status: "cancelled", updatedAt: ctx.now })
    .where(
      and(
        eq(challenges.appUserId, where.appUserId),
        eq(challenges.status, "pending"),
        eq(challenges.appId, where.appId),
        eq(challenges.purpose, where.purpose),
        inArray(challenges.method, [...where.methods]),
      ),
    )
    .returning({ id: challenges.id });
  return rows.length;
}
