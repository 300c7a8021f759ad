import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { appUsers } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import { completeChallenge } from "@/lib/challenges/complete-challenge";
import type { ChallengeRow } from "@/lib/challenges/types";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { type MfaRequiredBody, requireSecondFactor } from "@/lib/mfa/start-mfa-challenge";
import { assertCanAuthenticate, startSession, type TokenPayload } from "@/lib/sessions/start-session";
import { resetUnprovenCredentials } from "@/lib/users/reset-unproven-credentials";
import type { AppUserRow } from "@/lib/users/serialize";

export type { MfaRequiredBody } from "@/lib/mfa/start-mfa-challenge";

/**
 * MFA SEAM (spec §14.7): after the primary factor succeeds and before any
 * session exists, decide whether a second factor is needed; if so the `mfa`
 * challenge is created inside `tx` and the §2.7 body returned, which the
 * caller answers instead of a token payload. `primary` is the challenge the
 * user just passed (a code sign-in: the session will be `misc`); null for a
 * passkey, whose gate (lib/passkeys/mfa-gate.ts) calls the MFA verb itself.
 */
export async function mfaRequiredAfterPrimary(
  tx: Executor,
  ctx: Ctx,
  input: { app: AppRow; user: AppUserRow; primary: ChallengeRow | null },
): Promise<MfaRequiredBody | null> {
  return requireSecondFactor(tx, ctx, { app: input.app, user: input.user, primary: { sessionType: input.primary ? "misc" : "webauthn" } });
}

/**
 * Inside `tx`, after attemptChallengeCode said "correct": complete the
 * challenge (exactly one concurrent caller wins; the others get 422
 * invalid_code), verify the challenged identifier, activate a pending or
 * imported user, apply the user meta stored at send time, then start a
 * `misc` session. Any throw rolls all of it back; the attempt stays counted.
 */
export async function completeOtpSignIn(
  tx: Executor,
  ctx: Ctx,
  input: { app: AppRow; challenge: ChallengeRow; request?: Request },
): Promise<TokenPayload | MfaRequiredBody> {
  const { app } = input;
  const challenge = await completeChallenge(tx, ctx, input.challenge.id);
  if (!challenge?.appUserId) throw new AppError("invalid_code");

  const [before] = await tx
    .select({
      status: appUsers.status,
      emailVerified: appUsers.emailVerified,
      phoneVerified: appUsers.phoneVerified,
      webauthnEnabled: appUsers.webauthnEnabled,
    })
    .from(appUsers)
    .where(and(eq(appUsers.id, challenge.appUserId), eq(appUsers.appId, app.id)))
    .limit(1);
  const id = challenge.identifier;
  const isPhone = challenge.method === "sms_otp";
  // Only the identifier the code was sent to is marked verified, and only if
  // the user still has it (it may have changed since the send).
  const [updated] = await tx
    .update(appUsers)
    .set({
      phoneVerified: isPhone ? sql`${appUsers.phoneVerified} or coalesce(${appUsers.phone} = ${id}, false)` : undefined,
      emailVerified: isPhone ? undefined : sql`${appUsers.emailVerified} or coalesce(lower(${appUsers.email}) = lower(${id}), false)`,
      status: sql`case when ${appUsers.status} in ('pending', 'imported') then 'active' else ${appUsers.status} end`,
      meta: challenge.userMeta
        ? sql`coalesce(${appUsers.meta}, '{}'::jsonb) || ${JSON.stringify(challenge.userMeta)}::jsonb`
        : undefined,
      updatedAt: ctx.now,
    })
    .where(and(eq(appUsers.id, challenge.appUserId), eq(appUsers.appId, app.id)))
    .returning();
  if (!updated) throw new AppError("invalid_code");
  assertCanAuthenticate(updated);
  const user = before ? await resetUnprovenCredentials(tx, ctx, { app, before, after: updated, via: "otp" }) : updated;
  if (before && before.status !== user.status) {
    // Same event the magic-link flow records when it promotes a user.
    await recordEvent(tx, ctx, {
      workspaceId: app.workspaceId,
      appId: app.id,
      appUserId: user.id,
      slug: "user.activated",
      params: { user_id: user.id, previous_status: before.status, via: "otp" },
    });
  }

  await recordEvent(tx, ctx, {
    workspaceId: app.workspaceId,
    appId: app.id,
    appUserId: user.id,
    slug: "otp.verified",
    params: { challenge_id: challenge.id, method: challenge.method, attempts: challenge.attempts },
  });

  const mfa = await mfaRequiredAfterPrimary(tx, ctx, { app, user, primary: challenge });
  if (mfa) return mfa;

  const { payload } = await startSession(tx, ctx, { app, user, type: "misc", request: input.request });
  return payload;
}
