/** The challenge object of spec §2.6 (short and full forms). */
import { secondsUntil } from "@/lib/challenges/time";
import { type ChallengeRow, type ChallengeStatus, DELIVERED_METHODS } from "@/lib/challenges/types";

/**
 * The status a reader should see: a `pending` row past its expiry is
 * `expired`, and one with every attempt used is `failed`, even before a
 * verify call has written that down.
 */
export function effectiveStatus(row: ChallengeRow, now: Date): ChallengeStatus {
  if (row.status !== "pending") return row.status;
  if (row.expiresAt.getTime() <= now.getTime()) return "expired";
  if (row.attempts >= row.maxAttempts) return "failed";
  return "pending";
}

/** `intent` has its own column; rows written before it keep it in `metadata.intent`. */
function intentOf(row: ChallengeRow): string | null {
  if (row.intent) return row.intent;
  const intent = row.metadata.intent;
  return typeof intent === "string" ? intent : null;
}

/**
 * Short form, used in every challenge response and inside `mfa_challenge`.
 * `token` is the plaintext the caller holds (only its hash is stored).
 */
export function toChallengeShort(row: ChallengeRow, opts: { token: string; now: Date }): Record<string, unknown> {
  const status = effectiveStatus(row, opts.now);
  return {
    token: opts.token,
    status,
    purpose: row.purpose,
    method: row.method,
    expires_at: row.expiresAt.toISOString(),
    remaining_attempts: Math.max(0, row.maxAttempts - row.attempts),
    time_remaining: status === "pending" ? secondsUntil(row.expiresAt, opts.now) : 0,
    intent: intentOf(row),
    delivery_required: DELIVERED_METHODS.includes(row.method),
  };
}

/** Full form (admin reads, webhooks): the short form plus the row's facts. `token` only when known. */
export function toChallengeFull(
  row: ChallengeRow,
  opts: { appPublicId: string; token?: string; now: Date },
): Record<string, unknown> {
  const { token, ...short } = toChallengeShort(row, { token: opts.token ?? "", now: opts.now });
  return {
    ...(opts.token ? { token } : {}),
    ...short,
    id: row.id,
    app_id: opts.appPublicId,
    app_user_id: row.appUserId,
    challenge_method: row.method,
    identifier: row.identifier,
    intent_fields: row.intentFields ?? {},
    initiator_type: row.initiatorType,
    initiator_id: row.initiatorId,
    parent_challenge_id: row.parentChallengeId,
    attempts: row.attempts,
    max_attempts: row.maxAttempts,
    expires_in: Math.round((row.expiresAt.getTime() - row.createdAt.getTime()) / 1000),
    redirect_url: row.redirectUrl ?? null,
    short_url: null,
    metadata: row.metadata,
    completed_at: row.completedAt ? row.completedAt.toISOString() : null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** The `challenge` of a challenge route's response: the short form plus `id` and `challenge_method` (spec §14.1). */
export function toChallengeResponse(row: ChallengeRow, opts: { token: string; now: Date }): Record<string, unknown> {
  return { ...toChallengeShort(row, opts), id: row.id, challenge_method: row.method };
}
