import type { Executor } from "@/db/client";
import { challenges } from "@/db/schema";
import { hashChallengeCode, hashChallengeToken, newChallengeToken, newNumericCode } from "@/lib/challenges/secrets";
import { addSeconds } from "@/lib/challenges/time";
import type { ChallengeMethod, ChallengePurpose, ChallengeRow } from "@/lib/challenges/types";
import type { Ctx } from "@/lib/context";
import { newId } from "@/lib/ids";

export const DEFAULT_MAX_ATTEMPTS = 3;
export const DEFAULT_EXPIRES_IN_SECONDS = 600;

export interface CreateChallengeInput {
  /** Internal id of the app the challenge belongs to (every lookup is scoped by it). */
  appId: string;
  appUserId: string | null;
  purpose: ChallengePurpose;
  method: ChallengeMethod;
  /** The email or E.164 phone the challenge is delivered to and, on success, verifies. */
  identifier?: string | null;
  /** Digits of a numeric code; omit for methods without a code. */
  codeLength?: number;
  /** Use this code instead of a random one (test identities, spec §1.11). */
  fixedCode?: string;
  expiresInSeconds?: number;
  maxAttempts?: number;
  /** Valid user meta to apply to the user when the challenge completes. */
  userMeta?: Record<string, unknown> | null;
  /** Non-secret facts echoed in webhooks; `intent` is read by the serializer. */
  metadata?: Record<string, unknown>;
  intentFields?: Record<string, unknown> | null;
  initiatorType?: string;
  initiatorId?: string | null;
  parentChallengeId?: string | null;
  /** Free-form label (spec §14.1 `intent`); also readable from `metadata.intent` for older rows. */
  intent?: string | null;
  redirectUrl?: string | null;
  callbackUrl?: string | null;
  /** The MFA enrollment (TOTP secret, OTP destination) the challenge checks against. */
  mfaEnrollmentId?: string | null;
}

export interface CreatedChallenge {
  challenge: ChallengeRow;
  /** The plaintext token: returned to the caller once, never stored. */
  token: string;
  /** The plaintext code for delivery, or null for methods without one. Never stored. */
  code: string | null;
}

/**
 * Insert a pending challenge inside `tx` (the caller's transaction, which also
 * queues the message carrying the code). Token and code exist in plaintext
 * only in the return value.
 */
export async function createChallenge(tx: Executor, ctx: Ctx, input: CreateChallengeInput): Promise<CreatedChallenge> {
  const id = newId();
  const token = newChallengeToken();
  const code = input.fixedCode ?? (input.codeLength !== undefined ? newNumericCode(input.codeLength) : null);
  const [challenge] = await tx
    .insert(challenges)
    .values({
      id,
      tokenHash: hashChallengeToken(token),
      appId: input.appId,
      appUserId: input.appUserId,
      purpose: input.purpose,
      method: input.method,
      status: "pending",
      identifier: input.identifier ?? null,
      codeHash: code === null ? null : hashChallengeCode(id, code),
      attempts: 0,
      maxAttempts: input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      expiresAt: addSeconds(ctx.now, input.expiresInSeconds ?? DEFAULT_EXPIRES_IN_SECONDS),
      metadata: input.metadata ?? {},
      intentFields: input.intentFields ?? null,
      userMeta: input.userMeta && Object.keys(input.userMeta).length ? input.userMeta : null,
      initiatorType: input.initiatorType ?? "user",
      initiatorId: input.initiatorId ?? null,
      parentChallengeId: input.parentChallengeId ?? null,
      intent: input.intent ?? null,
      redirectUrl: input.redirectUrl ?? null,
      callbackUrl: input.callbackUrl ?? null,
      mfaEnrollmentId: input.mfaEnrollmentId ?? null,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning();
  if (!challenge) throw new Error("challenge insert returned nothing");
  return { challenge, token, code };
}
