import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { challenges } from "@/db/schema";
import { hashChallengeToken, looksLikeChallengeToken } from "@/lib/challenges/secrets";
import type { Ctx } from "@/lib/context";
import { safeEqual } from "@/lib/crypto";
import { AppError } from "@/lib/errors";
import { findVerificationForCaller } from "@/lib/verifications/access";
import { finalizeVerification } from "@/lib/verifications/finalize-verification";
import { submitCode } from "@/lib/verifications/submit-code";
import type { VerificationRow } from "@/lib/verifications/types";
import type { VerifyCallerPrincipal } from "@/lib/verifications/verify-caller";

/**
 * POST …/verifications/{id}/verify (spec §15.10): `code` (OTP) or `token`
 * (the link token of a magic-link verification). Wrong → 422 `invalid_code`
 * with `remaining_attempts`; exhausted → `failed`.
 */
export async function verifyVerificationCode({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { principal: VerifyCallerPrincipal; id: string; code?: string; token?: string };
}): Promise<VerificationRow> {
  const app = input.principal.app;
  const row = await findVerificationForCaller(input.principal, input.id);
  if (input.code) return submitCode(ctx, app, row, input.code);
  if (!input.token) throw new AppError({ code: "bad_request", message: "code or token is required" });
  if (row.status !== "pending") throw new AppError("not_pending");
  if (row.verificationType !== "magic_link" || !row.challengeId) throw new AppError("invalid_code");
  const db = await getDb();
  const [challenge] = await db
    .select({ tokenHash: challenges.tokenHash })
    .from(challenges)
    .where(and(eq(challenges.id, row.challengeId), eq(challenges.appId, app.id)))
    .limit(1);
  if (!challenge || !looksLikeChallengeToken(input.token) || !safeEqual(hashChallengeToken(input.token), challenge.tokenHash)) {
    throw new AppError("invalid_code");
  }
  const closed = await db.transaction((tx) => finalizeVerification(tx, ctx, app, row, { status: "verified", consentDecision: null }));
  if (!closed) throw new AppError("not_pending");
  return closed;
}
