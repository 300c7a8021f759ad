/** The Verification object of spec §15.1. Never a code, token or hash (threats T8). */
import type { AppRow } from "@/lib/apps/find-app";
import type { Risk } from "@/lib/verifications/risk";
import type { VerificationRow } from "@/lib/verifications/types";
import type { AppUserRow } from "@/lib/users/serialize";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export type Recipient = Pick<AppUserRow, "id" | "email" | "phone" | "firstName" | "lastName"> | null;

function displayName(row: VerificationRow, user: Recipient): string | null {
  const fromUser = [user?.firstName, user?.lastName].filter(Boolean).join(" ");
  return row.recipientName ?? (fromUser || null);
}

export function toVerification(row: VerificationRow, app: Pick<AppRow, "publicId">, user: Recipient): Record<string, unknown> {
  const attempts = row.attempts.map((a) => ({
    id: a.id ?? null,
    verified_at: a.verified_at ?? null,
    created_at: a.created_at ?? null,
    data: a.data ?? {},
    magic_link_id: a.magic_link_id ?? null,
  }));
  return {
    id: row.id,
    app_id: app.publicId,
    app_user_id: row.appUserId,
    to_app_user_id: row.toAppUserId,
    status: row.status,
    channel: row.channel,
    verification_type: row.verificationType,
    reason: row.reason,
    intent: row.intent,
    timeout: row.timeout,
    identifier: row.identifier,
    recipient: { id: user?.id ?? row.toAppUserId, name: displayName(row, user), email: user?.email ?? null, phone: user?.phone ?? null },
    meta_data: row.metaData,
    metadata: row.metadata,
    redirect_url: row.redirectUrl,
    consent_decision: row.consentDecision,
    was_opened: row.wasOpened,
    risk: (row.risk as Risk | null) ?? null,
    attempts,
    sent_at: iso(row.sentAt),
    verified_at: iso(row.verifiedAt),
    expires_at: row.expiresAt.toISOString(),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
