/**
 * What a user's second factors are, and which of them the app lets them use
 * (spec §14.7): shared by the sign-in gate, the challenge routes and the
 * enrollment routes.
 */
import { and, asc, count, eq, isNull } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { mfaBackupCodes, mfaEnrollments } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import type { ChallengeMethod } from "@/lib/challenges/types";

export type MfaEnrollmentRow = typeof mfaEnrollments.$inferSelect;
export type MfaEnrollmentMethod = MfaEnrollmentRow["method"];

/** Second-factor challenge methods, in order of preference (most phishing-resistant-ish first). */
export const MFA_METHOD_ORDER: readonly ChallengeMethod[] = ["totp", "sms_otp", "email_otp", "backup_code"];

/**
 * The app's `mfa_methods_allowed` as challenge method names: the setting
 * spells backup codes `backup_codes` (plural), the method is `backup_code`.
 */
export function allowedMfaMethods(app: Pick<AppRow, "mfaMethodsAllowed">): ChallengeMethod[] {
  return app.mfaMethodsAllowed.map((m) => (m === "backup_codes" ? "backup_code" : m)).filter(isMfaChallengeMethod);
}

function isMfaChallengeMethod(m: string): m is ChallengeMethod {
  return (MFA_METHOD_ORDER as readonly string[]).includes(m) || m === "webauthn";
}

/** A user's enrollments in the app, oldest first (verified or not). */
export async function enrollmentsOf(appId: string, appUserId: string, db?: Executor): Promise<MfaEnrollmentRow[]> {
  const exec = db ?? (await getDb());
  // mfa_enrollments_user_idx (app_user_id, created_at)
  return exec
    .select()
    .from(mfaEnrollments)
    .where(and(eq(mfaEnrollments.appUserId, appUserId), eq(mfaEnrollments.appId, appId)))
    .orderBy(asc(mfaEnrollments.createdAt), asc(mfaEnrollments.id));
}

/** How many unused backup codes the user has. */
export async function unusedBackupCodes(appUserId: string, db?: Executor): Promise<number> {
  const exec = db ?? (await getDb());
  // mfa_backup_codes_user_unused_idx
  const [row] = await exec
    .select({ n: count() })
    .from(mfaBackupCodes)
    .where(and(eq(mfaBackupCodes.appUserId, appUserId), isNull(mfaBackupCodes.usedAt)));
  return Number(row?.n ?? 0);
}

export interface MfaFacts {
  verified: MfaEnrollmentRow[];
  backupCodes: number;
  /** Verified methods ∩ allowed, plus `backup_code` when codes remain and are allowed; in preference order. */
  available: ChallengeMethod[];
}

export async function mfaFactsOf(app: AppRow, appUserId: string, db?: Executor): Promise<MfaFacts> {
  const verified = (await enrollmentsOf(app.id, appUserId, db)).filter((e) => e.verified);
  const backupCodes = await unusedBackupCodes(appUserId, db);
  const allowed = allowedMfaMethods(app);
  const have = new Set<ChallengeMethod>(verified.map((e) => e.method));
  if (backupCodes > 0) have.add("backup_code");
  const available = MFA_METHOD_ORDER.filter((m) => have.has(m) && allowed.includes(m));
  return { verified, backupCodes, available };
}

/** Does the app's policy ask this user for a second factor (spec §14.7)? */
export function mfaApplies(app: Pick<AppRow, "mfaPolicy">, facts: MfaFacts): boolean {
  if (app.mfaPolicy === "required") return true;
  if (app.mfaPolicy === "optional") return facts.available.some((m) => m !== "backup_code");
  return false;
}

/** The verified enrollment a challenge of `method` targets: the most recently verified one. */
export function enrollmentFor(facts: MfaFacts, method: ChallengeMethod): MfaEnrollmentRow | null {
  const candidates = facts.verified.filter((e) => e.method === method);
  return candidates[candidates.length - 1] ?? null;
}
