/**
 * Checking and consuming a second factor on a challenge (spec §14.3). The
 * check runs after the attempt was counted and writes nothing; the consume
 * runs in the completion transaction, after the challenge's own guarded
 * UPDATE made this caller the winner, and is itself guarded: a TOTP step is
 * used once (no replay within its window), a backup code once.
 */
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { mfaBackupCodes, mfaEnrollments } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import type { CountedAttempt } from "@/lib/challenges/attempt-challenge-code";
import { codeMatches } from "@/lib/challenges/secrets";
import { CODE_METHODS, type ChallengeRow } from "@/lib/challenges/types";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { hashBackupCode, looksLikeBackupCode, normalizeBackupCode } from "@/lib/mfa/backup-codes";
import { allowedMfaMethods, enrollmentsOf, type MfaEnrollmentRow, unusedBackupCodes } from "@/lib/mfa/state";
import { matchTotp, openTotpSecret } from "@/lib/mfa/totp";

export type FactorMatch =
  | { kind: "code" }
  | { kind: "totp"; enrollmentId: string; step: number }
  | { kind: "backup"; appUserId: string; codeHash: string };

/** Purposes on which a backup code stands in for the challenge's own method. */
const BACKUP_PURPOSES: readonly ChallengeRow["purpose"][] = ["mfa", "step_up"];

async function totpEnrollmentOf(app: AppRow, row: ChallengeRow): Promise<MfaEnrollmentRow | null> {
  if (!row.appUserId) return null;
  const mine = (await enrollmentsOf(app.id, row.appUserId)).filter((e) => e.method === "totp" && e.verified);
  if (row.mfaEnrollmentId) return mine.find((e) => e.id === row.mfaEnrollmentId) ?? null;
  return mine[mine.length - 1] ?? null;
}

async function matchBackupCode(app: AppRow, row: ChallengeRow, code: string): Promise<FactorMatch | null> {
  if (!row.appUserId || !allowedMfaMethods(app).includes("backup_code")) return null;
  const canonical = normalizeBackupCode(code);
  if (!canonical) return null;
  const codeHash = hashBackupCode(row.appUserId, canonical);
  const db = await getDb();
  const [hit] = await db
    .select({ id: mfaBackupCodes.id })
    .from(mfaBackupCodes)
    .where(and(eq(mfaBackupCodes.appUserId, row.appUserId), eq(mfaBackupCodes.codeHash, codeHash), isNull(mfaBackupCodes.usedAt)))
    .limit(1);
  return hit ? { kind: "backup", appUserId: row.appUserId, codeHash } : null;
}

/** Does `code` pass `row` (its OTP, its user's TOTP, or one of their backup codes)? Writes nothing. */
export async function matchSecondFactor(
  app: AppRow,
  row: ChallengeRow,
  code: string,
  counted: CountedAttempt,
  now: Date,
): Promise<FactorMatch | null> {
  const candidate = code.trim();
  const backupAllowed = BACKUP_PURPOSES.includes(row.purpose) || row.method === "backup_code";
  if (CODE_METHODS.includes(row.method)) {
    if (codeMatches(row.id, counted.codeHash, candidate)) return { kind: "code" };
  } else if (row.method === "totp") {
    const enrollment = await totpEnrollmentOf(app, row);
    if (enrollment?.secretEncrypted) {
      const step = matchTotp(openTotpSecret(enrollment.secretEncrypted), candidate, now, enrollment.lastUsedStep);
      if (step !== null) return { kind: "totp", enrollmentId: enrollment.id, step };
    }
  }
  if (backupAllowed && (row.method === "backup_code" || looksLikeBackupCode(candidate))) return matchBackupCode(app, row, candidate);
  return null;
}

/**
 * Use the factor up, inside the completion transaction: refused (422
 * invalid_code, rolling the completion back) when a concurrent request used
 * the same TOTP step or backup code first. Returns the backup codes left
 * when one was used.
 */
export async function consumeSecondFactor(
  tx: Executor,
  ctx: Ctx,
  match: FactorMatch,
): Promise<{ remainingBackupCodes?: number }> {
  if (match.kind === "totp") {
    const [used] = await tx
      .update(mfaEnrollments)
      .set({ lastUsedStep: match.step, lastUsedAt: ctx.now, updatedAt: ctx.now })
      .where(
        and(
          eq(mfaEnrollments.id, match.enrollmentId),
          or(isNull(mfaEnrollments.lastUsedStep), lt(mfaEnrollments.lastUsedStep, match.step)),
        ),
      )
      .returning({ id: mfaEnrollments.id });
    if (!used) throw new AppError("invalid_code");
    return {};
  }
  if (match.kind === "backup") {
    const [used] = await tx
      .update(mfaBackupCodes)
      .set({ usedAt: ctx.now, updatedAt: ctx.now })
      .where(
        and(
          eq(mfaBackupCodes.appUserId, match.appUserId),
          eq(mfaBackupCodes.codeHash, match.codeHash),
          isNull(mfaBackupCodes.usedAt),
        ),
      )
      .returning({ id: mfaBackupCodes.id });
    if (!used) throw new AppError("invalid_code");
    return { remainingBackupCodes: await unusedBackupCodes(match.appUserId, tx) };
  }
  return {};
}
