/**
 * The second step of a sign-in (spec §14.7, §2.7): after a primary factor
 * succeeded, and before any session exists, decide whether a second factor is
 * needed; if so open a pending `mfa` challenge (OTP methods delivered at once)
 * and answer the MFA-required body instead of a token payload. The primary
 * sign-in's facts (session type, passkey, magic link) ride on the challenge,
 * so the session started when it completes looks like the one the primary
 * factor would have started.
 */
import type { Executor } from "@/db/client";
import type { AppRow } from "@/lib/apps/find-app";
import { cancelPendingChallenges } from "@/lib/challenges/complete-challenge";
import type { CreatedChallenge } from "@/lib/challenges/create-challenge";
import { issueChallenge } from "@/lib/challenges/issue-challenge";
import { toChallengeShort } from "@/lib/challenges/serialize";
import type { ChallengeMethod, ChallengeRow } from "@/lib/challenges/types";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { enrollmentFor, type MfaFacts, mfaApplies, mfaFactsOf } from "@/lib/mfa/state";
import type { SessionType } from "@/lib/sessions/start-session";
import type { AppUserRow } from "@/lib/users/serialize";

/** The MFA-required body of spec §2.7: HTTP 200, no `access`. */
export type MfaRequiredBody = { mfa_required: true } & Record<string, unknown>;

/** How the user passed the first factor: what the session will be once the second one is passed. */
export interface PrimarySignIn {
  sessionType: SessionType;
  /** The passkey of a `webauthn` session (JWT `crid`). */
  credentialId?: string | null;
  /** The magic link whose polling device gets the session (spec §7.3). */
  magicLinkId?: string | null;
}

const SESSION_TYPES: readonly SessionType[] = ["webauthn", "magic", "xlogin", "oauth", "misc"];

/** The primary sign-in an `mfa` challenge continues, or null (not from a sign-in). */
export function primaryOf(row: ChallengeRow): PrimarySignIn | null {
  if (row.purpose !== "mfa") return null;
  const p = row.metadata.primary;
  if (typeof p !== "object" || p === null || Array.isArray(p)) return null;
  const rec = p as Record<string, unknown>;
  const sessionType = SESSION_TYPES.find((t) => t === rec.session_type);
  if (!sessionType) return null;
  return {
    sessionType,
    credentialId: typeof rec.crid === "string" ? rec.crid : null,
    magicLinkId: typeof rec.magic_link_id === "string" ? rec.magic_link_id : null,
  };
}

function primaryMetadata(primary: PrimarySignIn): Record<string, unknown> {
  return { primary: { session_type: primary.sessionType, crid: primary.credentialId ?? null, magic_link_id: primary.magicLinkId ?? null } };
}

/** Policy `required` with nothing enrolled: a code to the user's (preferably verified) email or phone. */
function fallbackMethod(user: AppUserRow): { method: ChallengeMethod; identifier: string } | null {
  const options: { method: ChallengeMethod; identifier: string; verified: boolean }[] = [];
  if (user.email) options.push({ method: "email_otp", identifier: user.email, verified: user.emailVerified });
  if (user.phone) options.push({ method: "sms_otp", identifier: user.phone, verified: user.phoneVerified });
  return options.find((o) => o.verified) ?? options[0] ?? null;
}

/** The methods this user may pass MFA with (spec §2.7 `available_methods`). */
export function offeredMethods(app: AppRow, user: AppUserRow, facts: MfaFacts): ChallengeMethod[] {
  if (facts.available.some((m) => m !== "backup_code")) return facts.available;
  const fallback = app.mfaPolicy === "required" ? fallbackMethod(user) : null;
  return fallback ? [fallback.method, ...facts.available] : facts.available;
}

/**
 * Open a pending `mfa` challenge of `method` for `user` (it must be one of
 * the offered methods, else 422 mfa_method_not_available), replacing any
 * other pending one of theirs so only one is open to guessing.
 */
export async function issueMfaChallenge(
  tx: Executor,
  ctx: Ctx,
  input: {
    app: AppRow;
    user: AppUserRow;
    method: ChallengeMethod;
    facts: MfaFacts;
    primary: PrimarySignIn;
    parentChallengeId?: string | null;
    expiresInSeconds?: number;
    maxAttempts?: number;
    metadata?: Record<string, unknown>;
    intent?: string | null;
    intentFields?: Record<string, unknown> | null;
  },
): Promise<CreatedChallenge> {
  const { app, user, method, facts } = input;
  if (!offeredMethods(app, user, facts).includes(method)) throw new AppError("mfa_method_not_available");
  const enrollment = method === "totp" || method === "email_otp" || method === "sms_otp" ? enrollmentFor(facts, method) : null;
  let identifier: string | null = null;
  if (method === "email_otp" || method === "sms_otp") {
    identifier = enrollment?.identifier ?? fallbackMethod(user)?.identifier ?? null;
    if (!identifier) throw new AppError("mfa_method_not_available");
  }
  await cancelPendingChallenges(tx, ctx, {
    appId: app.id,
    appUserId: user.id,
    purpose: "mfa",
    methods: ["totp", "email_otp", "sms_otp", "backup_code", "webauthn"],
  });
  return issueChallenge(tx, ctx, {
    app,
    appUserId: user.id,
    purpose: "mfa",
    method,
    identifier,
    mfaEnrollmentId: enrollment?.id ?? null,
    expiresInSeconds: input.expiresInSeconds,
    maxAttempts: input.maxAttempts,
    metadata: { ...input.metadata, ...primaryMetadata(input.primary) },
    intent: input.intent ?? null,
    intentFields: input.intentFields ?? null,
    initiatorType: "system",
    parentChallengeId: input.parentChallengeId ?? null,
  });
}

/** The §2.7 body for a just-issued challenge. */
export function mfaBody(created: CreatedChallenge, methods: ChallengeMethod[], now: Date): MfaRequiredBody {
  return {
    mfa_required: true,
    app_user_id: created.challenge.appUserId,
    mfa_challenge: toChallengeShort(created.challenge, { token: created.token, now }),
    available_methods: methods,
  };
}

/**
 * The MFA gate every primary sign-in calls inside its transaction, before
 * starting a session: null when no second factor is needed, else the §2.7
 * body (the user's preferred method first: TOTP, then SMS, then email codes).
 */
export async function requireSecondFactor(
  tx: Executor,
  ctx: Ctx,
  input: { app: AppRow; user: AppUserRow; primary: PrimarySignIn },
): Promise<MfaRequiredBody | null> {
  const { app, user } = input;
  if (app.mfaPolicy === "disabled") return null;
  const facts = await mfaFactsOf(app, user.id, tx);
  if (!mfaApplies(app, facts)) return null;
  const methods = offeredMethods(app, user, facts);
  const method = methods.find((m) => m !== "backup_code") ?? methods[0];
  // Required, nothing enrolled and no email or phone to fall back to: no way
  // to pass a second factor, so no session either.
  if (!method) throw new AppError("mfa_method_not_available");
  const created = await issueMfaChallenge(tx, ctx, { app, user, method, facts, primary: input.primary });
  await recordEvent(tx, ctx, {
    workspaceId: app.workspaceId,
    appId: app.id,
    appUserId: user.id,
    slug: "mfa.challenged",
    params: { user_id: user.id, challenge_id: created.challenge.id, method, primary: input.primary.sessionType },
  });
  return mfaBody(created, methods, ctx.now);
}
