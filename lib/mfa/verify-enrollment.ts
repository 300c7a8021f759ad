import { and, desc, eq } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { challenges, mfaEnrollments } from "@/db/schema";
import { attemptChallengeCode } from "@/lib/challenges/attempt-challenge-code";
import { attemptError } from "@/lib/challenges/attempt-error";
import { completeChallenge } from "@/lib/challenges/complete-challenge";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { isUuid } from "@/lib/ids";
import { toEnrollment } from "@/lib/mfa/serialize";
import type { MfaEnrollmentRow } from "@/lib/mfa/state";
import { matchTotp, openTotpSecret } from "@/lib/mfa/totp";
import type { AccessPrincipal } from "@/lib/sessions/authenticate-session";

/**
 * POST /mfa/enroll/verify (spec §14.8): prove the factor works — a TOTP code
 * from the app (that step then counts as used), or the code sent to the
 * email/phone (through its challenge: attempts counted, capped). One guarded
 * UPDATE marks the enrollment verified; wrong code → 422 invalid_code.
 */
export async function verifyEnrollment({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { principal: AccessPrincipal; enrollmentId: string; code: string };
}): Promise<{ enrollment: Record<string, unknown> }> {
  const { app, user } = input.principal;
  if (!isUuid(input.enrollmentId)) throw new AppError("mfa_method_not_found");
  const db = await getDb();
  const [enrollment] = await db
    .select()
    .from(mfaEnrollments)
    .where(and(eq(mfaEnrollments.id, input.enrollmentId), eq(mfaEnrollments.appUserId, user.id), eq(mfaEnrollments.appId, app.id)))
    .limit(1);
  if (!enrollment) throw new AppError("mfa_method_not_found");
  if (enrollment.verified) return { enrollment: toEnrollment(enrollment) };
  const code = input.code.trim();

  if (enrollment.method === "totp") {
    const step = enrollment.secretEncrypted ? matchTotp(openTotpSecret(enrollment.secretEncrypted), code, ctx.now, enrollment.lastUsedStep) : null;
    if (step === null) throw new AppError("invalid_code");
    return db.transaction(async (tx) => markVerified(tx, ctx, app.workspaceId, enrollment, step));
  }

  // challenges_user_pending_idx: the enrollment's newest pending code.
  const [challenge] = await db
    .select()
    .from(challenges)
    .where(
      and(
        eq(challenges.appUserId, user.id),
        eq(challenges.status, "pending"),
        eq(challenges.appId, app.id),
        eq(challenges.mfaEnrollmentId, enrollment.id),
        eq(challenges.purpose, "verify_contact"),
      ),
    )
    .orderBy(desc(challenges.createdAt))
    .limit(1);
  if (!challenge) throw new AppError("invalid_code");
  const result = await attemptChallengeCode(ctx, challenge, code);
  if (result.outcome !== "correct") throw attemptError(result);
  return db.transaction(async (tx) => {
    if (!(await completeChallenge(tx, ctx, challenge.id))) throw new AppError("invalid_code");
    return markVerified(tx, ctx, app.workspaceId, enrollment, null);
  });
}

async function markVerified(tx: Executor, ctx: Ctx, workspaceId: string, enrollment: MfaEnrollmentRow, step: number | null) {
  const [row] = await tx
    .update(mfaEnrollments)
    .set({ verified: true, verifiedAt: ctx.now, lastUsedStep: step ?? undefined, updatedAt: ctx.now })
    .where(and(eq(mfaEnrollments.id, enrollment.id), eq(mfaEnrollments.verified, false)))
    .returning();
  if (!row) throw new AppError("invalid_code");
  await recordEvent(tx, ctx, {
    workspaceId,
    appId: enrollment.appId,
    appUserId: enrollment.appUserId,
    slug: "mfa.enrolled",
    params: { user_id: enrollment.appUserId, enrollment_id: row.id, method: row.method },
  });
  return { enrollment: toEnrollment(row) };
}
