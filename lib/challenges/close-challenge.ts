import { and, eq, gt } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { challenges } from "@/db/schema";
import type { ChallengeRow } from "@/lib/challenges/types";
import type { Ctx } from "@/lib/context";

/**
 * Move an open challenge to `cancelled` or `denied` with one guarded UPDATE
 * (pending and unexpired): of concurrent callers exactly one gets the row;
 * the others, and any call on a closed challenge, get null.
 */
export async function closeChallenge(
  tx: Executor,
  ctx: Ctx,
  input: { challengeId: string; status: "cancelled" | "denied"; reason?: string | null },
): Promise<ChallengeRow | null> {
  const [row] = await tx
    .update(challenges)
    .set({ status: input.status, denyReason: input.status === "denied" ? (input.reason ?? null) : undefined, updatedAt: ctx.now })
    .where(and(eq(challenges.id, input.challengeId), eq(challenges.status, "pending"), gt(challenges.expiresAt, ctx.now)))
    .returning();
  return row ?? null;
}
