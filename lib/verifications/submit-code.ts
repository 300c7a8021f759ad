/**
 * Checking a verification's code (spec §15.10, §15.12; threats T5, R5): the
 * attempt is counted on the backing challenge before the comparison, in its
 * own statement (lib/challenges/attempt-challenge-code.ts), at most 5 wrong
 * codes per verification; the wrong code that exhausts them fails the
 * verification (status `failed`, webhook `…failed`), and after that even the
 * right code is refused.
 */
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { challenges } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import { attemptChallengeCode } from "@/lib/challenges/attempt-challenge-code";
import { attemptError } from "@/lib/challenges/attempt-error";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { finalizeVerification } from "@/lib/verifications/finalize-verification";
import type { VerificationRow } from "@/lib/verifications/types";

/** Complete `row` with `code`; returns the verified row or throws the contract's 422 (`invalid_code` + `remaining_attempts`…). */
export async function submitCode(
  ctx: Ctx,
  app: AppRow,
  row: VerificationRow,
  code: string,
  consentDecision: "approved" | null = null,
): Promise<VerificationRow> {
  if (row.status !== "pending") throw new AppError("not_pending");
  if (!row.challengeId) throw new AppError("not_pending");
  const db = await getDb();
  const [challenge] = await db
    .select()
    .from(challenges)
    .where(and(eq(challenges.id, row.challengeId), eq(challenges.appId, app.id)))
    .limit(1);
  if (!challenge) throw new AppError("not_pending");
  const result = await attemptChallengeCode(ctx, challenge, code.trim());
  if (result.outcome !== "correct") {
    const exhausted = (result.outcome === "wrong" && result.remainingAttempts === 0) || result.outcome === "failed";
    if (exhausted) {
      // Idempotent: only the first caller finds it pending and records `failed`.
      await db.transaction((tx) => finalizeVerification(tx, ctx, app, row, { status: "failed" }));
    }
    throw attemptError(result);
  }
  const closed = await db.transaction((tx) => finalizeVerification(tx, ctx, app, row, { status: "verified", consentDecision }));
  if (!closed) throw new AppError("not_pending");
  return closed;
}
