/**
 * The common core of create (§15.2), intent (§15.3) and resend (§15.7): count
 * the send against the per-contact limit (default 10 per hour, app setting
 * `verification_rate_limit_per_hour`; threats T6), then in one transaction
 * create the backing challenge (link token hashed, code HMACed: threats T8),
 * the verification row, the queued message and the `requested` event. If the
 * message cannot be queued, the verification stays (pending, never sent) and
 * `delivery_failed` is recorded instead.
 */
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { verifications } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import { createChallenge } from "@/lib/challenges/create-challenge";
import type { ChallengeMethod } from "@/lib/challenges/types";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { log } from "@/lib/log";
import { consumeRateLimit, rateLimitHeaders } from "@/lib/rate-limit/consume-rate-limit";
import type { AppUserRow } from "@/lib/users/serialize";
import { sendVerification } from "@/lib/verifications/deliver";
import { recordVerificationEvent } from "@/lib/verifications/events";
import type { VerificationRow } from "@/lib/verifications/types";

/** Wrong codes allowed per verification (threats T5). */
export const VERIFICATION_MAX_ATTEMPTS = 5;
const CONTACT_WINDOW_SECONDS = 3600;

export interface IssueInput {
  app: AppRow;
  recipient: AppUserRow;
  /** Canonical email or E.164 phone the message goes to. */
  identifier: string;
  channel: VerificationRow["channel"];
  verificationType: VerificationRow["verificationType"];
  reason?: string | null;
  intent?: string | null;
  recipientName?: string | null;
  metaData?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  /** Already checked against the app's origins. */
  redirectUrl?: string | null;
  /** Initiating operator (app user), if any. */
  appUserId?: string | null;
  replacesId?: string | null;
  /** The caller already counted this send (resend). */
  skipContactLimit?: boolean;
}

/** Count one send to `identifier`; 429 `rate_limited` with Retry-After past the app's hourly limit. */
export async function consumeContactLimit(ctx: Ctx, app: AppRow, identifier: string): Promise<void> {
  const key = `verification_contact:${app.id}:${identifier.toLowerCase()}`;
  const result = await consumeRateLimit(key, app.verificationRateLimitPerHour, CONTACT_WINDOW_SECONDS, ctx.now);
  if (!result.allowed) throw new AppError({ code: "rate_limited", headers: rateLimitHeaders(result, ctx.now) });
}

function initiatorOf(ctx: Ctx): { type: string; id: string | null } {
  switch (ctx.actor.type) {
    case "apiKey":
      return { type: "api_key", id: ctx.actor.keyId };
    case "m2m":
      return { type: "m2m", id: ctx.actor.sessionId };
    case "endUser":
      return { type: "user", id: ctx.actor.appUserId };
    default:
      return { type: "system", id: null };
  }
}

const eqId = (id: string) => eq(verifications.id, id);

export async function issueVerification(ctx: Ctx, input: IssueInput): Promise<VerificationRow> {
  const { app, recipient } = input;
  if (!input.skipContactLimit) await consumeContactLimit(ctx, app, input.identifier);
  const isEmail = input.identifier.includes("@");
  const otp = input.verificationType === "otp";
  const method: ChallengeMethod = otp ? (isEmail ? "email_otp" : "sms_otp") : "magic_link";
  const timeout = app.magicLinkExpiration;
  const id = newId();
  const initiator = initiatorOf(ctx);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { challenge, token, code } = await createChallenge(tx, ctx, {
      appId: app.id,
      appUserId: recipient.id,
      purpose: input.channel === "user_identifier" ? "change_identifier" : "verify_contact",
      method,
      identifier: input.identifier,
      ...(otp ? { codeLength: app.otpLength } : {}),
      expiresInSeconds: timeout,
      maxAttempts: VERIFICATION_MAX_ATTEMPTS,
      metadata: { verification_id: id },
      initiatorType: initiator.type,
      initiatorId: initiator.id,
    });
    const [inserted] = await tx
      .insert(verifications)
      .values({
        id,
        appId: app.id,
        challengeId: challenge.id,
        appUserId: input.appUserId ?? null,
        toAppUserId: recipient.id,
        channel: input.channel,
        verificationType: input.verificationType,
        reason: input.reason ?? null,
        intent: input.intent ?? null,
        timeout,
        identifier: input.identifier,
        recipientName: input.recipientName ?? null,
        metaData: input.metaData ?? {},
        metadata: input.metadata ?? {},
        redirectUrl: input.redirectUrl ?? null,
        attempts: [{ id: challenge.id, verified_at: null, created_at: ctx.now.toISOString(), data: { method }, magic_link_id: null }],
        replacesId: input.replacesId ?? null,
        initiatorType: initiator.type,
        initiatorId: initiator.id,
        sentAt: ctx.now,
        expiresAt: challenge.expiresAt,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    if (!inserted) throw new Error("verification insert returned nothing");

    let row = inserted;
    try {
      // A savepoint: a failed send rolls back only the message, not the verification.
      const message = await tx.transaction((sp) => sendVerification(sp, ctx, app, inserted, { linkToken: token, code }));
      const attempts = inserted.attempts.map((a) => ({ ...a, data: { ...(a.data as object), message_id: message.id } }));
      const [updated] = await tx.update(verifications).set({ attempts }).where(eqId(id)).returning();
      row = updated ?? inserted;
    } catch (error) {
      log.warn("verification delivery failed", { verificationId: id, err: error instanceof Error ? error : String(error) });
      const [updated] = await tx.update(verifications).set({ sentAt: null }).where(eqId(id)).returning();
      row = updated ?? inserted;
      await recordVerificationEvent(tx, ctx, app, row, "delivery_failed");
      return row;
    }
    await recordVerificationEvent(tx, ctx, app, row, "requested");
    return row;
  });
}
