/**
 * Verification events (spec §15.13, C22, C23): `verification.{email|sms}.{outcome}`
 * with the §15.13 `data`, recorded in the transaction of the change, plus a
 * generic `verification.success` alongside every `verified`. `verification_id`
 * and `challenge_id` are both in `data` (the delivery body puts `data` as-is).
 */
import type { Executor } from "@/db/client";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { recordEvent } from "@/lib/events/record-event";
import { summarizeUserAgent } from "@/lib/user-agent";
import { eventChannel, type VerificationRow } from "@/lib/verifications/types";

export type VerificationOutcome = "requested" | "verified" | "expired" | "failed" | "denied" | "delivery_failed" | "cancelled";

const PURPOSES: Record<VerificationRow["channel"], string> = {
  email: "verify_contact",
  sms: "verify_contact",
  metafield: "verify_contact",
  user_identifier: "change_identifier",
};

/** The `data` of a verification event (§15.13). */
export function verificationEventData(row: VerificationRow, outcome: VerificationOutcome, ctx: Pick<Ctx, "userAgent" | "ip">): Record<string, unknown> {
  const confirmedAt = row.verifiedAt;
  const sent = row.sentAt ?? row.createdAt;
  const ua = outcome === "requested" || outcome === "expired" ? null : summarizeUserAgent(ctx.userAgent);
  return {
    verification_id: row.id,
    challenge_id: row.challengeId,
    intent: row.intent ?? row.reason,
    channel: row.channel,
    meta_data: row.metaData,
    timing: {
      sent_at: sent.toISOString(),
      confirmed_at: confirmedAt ? confirmedAt.toISOString() : null,
      time_to_verify_seconds: confirmedAt ? Math.max(0, Math.round((confirmedAt.getTime() - sent.getTime()) / 1000)) : null,
    },
    device: ua ? { os: ua.platform, browser: ua.browser } : null,
    ip_address: ua ? ctx.ip : null,
    consent_decision: row.consentDecision,
    was_opened: row.wasOpened,
    risk: row.risk,
    purpose: PURPOSES[row.channel],
    method: row.verificationType,
    outcome,
    attempts: row.attempts.length ? Math.max(0, row.attempts.length - 1) : 0,
  };
}

/** Record `verification.{channel}.{outcome}` (and `verification.success` with `verified`) in `tx`. */
export async function recordVerificationEvent(
  tx: Executor,
  ctx: Ctx,
  app: Pick<AppRow, "id" | "workspaceId">,
  row: VerificationRow,
  outcome: VerificationOutcome,
): Promise<void> {
  const data = verificationEventData(row, outcome, ctx);
  const base = { workspaceId: app.workspaceId, appId: app.id, appUserId: row.toAppUserId };
  await recordEvent(tx, ctx, { ...base, slug: `verification.${eventChannel(row)}.${outcome}`, params: data });
  if (outcome === "verified") await recordEvent(tx, ctx, { ...base, slug: "verification.success", params: data });
}
