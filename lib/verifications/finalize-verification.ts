/**
 * Closing a pending verification (spec §15.8–15.12): one guarded UPDATE
 * (`WHERE status = 'pending' AND expires_at > now … RETURNING`), so of any
 * number of concurrent confirmations exactly one wins (threats T1, R4); the
 * backing challenge, the recipient's verified identifier and the events are
 * written in the same transaction, only by the winner.
 */
import { and, desc, eq, gt, gte, isNotNull, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { appUsers, challenges, verifications } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { summarizeUserAgent } from "@/lib/user-agent";
import { recordVerificationEvent } from "@/lib/verifications/events";
import { computeRisk, type Risk } from "@/lib/verifications/risk";
import type { VerificationRow } from "@/lib/verifications/types";

export type Closing =
  | { status: "verified"; consentDecision: "approved" | null }
  | { status: "denied"; reason?: string | null }
  | { status: "failed" }
  | { status: "cancelled" };

/** Risk of completing `row` from this request's IP and device (see ./risk.ts for the signals). */
export async function assessRisk(tx: Executor, ctx: Ctx, row: VerificationRow): Promise<Risk> {
  const history = row.toAppUserId
    ? await tx
        .select({ ip: verifications.ip, userAgent: verifications.userAgent })
        .from(verifications)
        .where(and(eq(verifications.appId, row.appId), eq(verifications.toAppUserId, row.toAppUserId), eq(verifications.status, "verified"), isNotNull(verifications.ip)))
        .orderBy(desc(verifications.createdAt))
        .limit(50)
    : [];
  const device = summarizeUserAgent(ctx.userAgent).displayName;
  const since = new Date(ctx.now.getTime() - 3600_000);
  const [recent] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(verifications)
    .where(and(eq(verifications.appId, row.appId), eq(verifications.identifier, row.identifier), gte(verifications.createdAt, since)));
  return computeRisk({
    identifier: row.identifier,
    hasHistory: history.length > 0,
    ipSeenBefore: history.some((h) => h.ip !== null && h.ip === ctx.ip),
    deviceSeenBefore: history.some((h) => summarizeUserAgent(h.userAgent).displayName === device),
    recentCount: Number(recent?.n ?? 0),
  });
}

/** On success, the contact is proven: mark it verified, or apply the identifier change. */
async function applySuccess(tx: Executor, ctx: Ctx, row: VerificationRow): Promise<void> {
  if (!row.toAppUserId) return;
  const isEmail = row.identifier.includes("@");
  const mine = and(eq(appUsers.id, row.toAppUserId), eq(appUsers.appId, row.appId));
  if (row.channel === "user_identifier") {
    await tx
      .update(appUsers)
      .set(isEmail ? { email: row.identifier, emailVerified: true, updatedAt: ctx.now } : { phone: row.identifier, phoneVerified: true, updatedAt: ctx.now })
      .where(mine);
    return;
  }
  if (row.channel === "metafield") return;
  await tx
    .update(appUsers)
    .set(isEmail ? { emailVerified: true, updatedAt: ctx.now } : { phoneVerified: true, updatedAt: ctx.now })
    .where(and(mine, isEmail ? sql`lower(${appUsers.email}) = ${row.identifier.toLowerCase()}` : eq(appUsers.phone, row.identifier)));
}

const CHALLENGE_STATUS = { verified: "completed", denied: "denied", failed: "failed", cancelled: "cancelled" } as const;

/**
 * Close `row` as `closing` inside `tx`. Returns the updated row, or null when
 * it was no longer pending (someone else won, or it expired meanwhile).
 */
export async function finalizeVerification(
  tx: Executor,
  ctx: Ctx,
  app: Pick<AppRow, "id" | "workspaceId">,
  row: VerificationRow,
  closing: Closing,
): Promise<VerificationRow | null> {
  const verified = closing.status === "verified";
  const risk = verified || closing.status === "denied" ? await assessRisk(tx, ctx, row) : null;
  const attempts = verified ? row.attempts.map((a, i) => (i === row.attempts.length - 1 ? { ...a, verified_at: ctx.now.toISOString() } : a)) : row.attempts;
  const metadata = closing.status === "denied" && closing.reason ? { ...row.metadata, deny_reason: closing.reason } : row.metadata;
  const [updated] = await tx
    .update(verifications)
    .set({
      status: closing.status,
      consentDecision: closing.status === "denied" ? "denied" : verified ? closing.consentDecision : row.consentDecision,
      verifiedAt: verified ? ctx.now : row.verifiedAt,
      risk: risk ? { ...risk } : row.risk,
      attempts,
      metadata,
      ...(verified || closing.status === "denied" ? { ip: ctx.ip, userAgent: ctx.userAgent } : {}),
      updatedAt: ctx.now,
    })
    .where(
      and(
        eq(verifications.id, row.id),
        eq(verifications.appId, row.appId),
        eq(verifications.status, "pending"),
        // Cancelling works until the end; confirming only before expiry.
        ...(closing.status === "cancelled" ? [] : [gt(verifications.expiresAt, ctx.now)]),
      ),
    )
    .returning();
  if (!updated) return null;
  if (row.challengeId) {
    await tx
      .update(challenges)
      .set({
        status: CHALLENGE_STATUS[closing.status],
        ...(verified ? { completedAt: ctx.now } : {}),
        ...(closing.status === "denied" && closing.reason ? { denyReason: closing.reason } : {}),
        updatedAt: ctx.now,
      })
      .where(and(eq(challenges.id, row.challengeId), eq(challenges.appId, row.appId), eq(challenges.status, "pending")));
  }
  if (verified) await applySuccess(tx, ctx, updated);
  await recordVerificationEvent(tx, ctx, app, updated, closing.status);
  return updated;
}
