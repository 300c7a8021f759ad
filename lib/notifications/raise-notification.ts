/**
 * Raise a dashboard notification (spec §20) for every active member of a
 * workspace. With a `dedupeKey`, a member who already has an unread,
 * undismissed notification for the same condition gets no second one
 * (notifications_member_dedupe_key), so a provider failing on every send
 * raises one notification, not thousands.
 */
import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { memberships, notifications } from "@/db/schema";

export interface NotificationInput {
  workspaceId: string;
  appId?: string | null;
  title: string;
  message: string;
  priority?: "low" | "normal" | "high" | "urgent";
  category?: "system" | "security" | "billing" | "delivery" | "usage";
  dismissible?: boolean;
  actionUrl?: string | null;
  actionLabel?: string | null;
  dedupeKey?: string | null;
  expiresAt?: Date | null;
}

/** Insert the notification for each active member; returns how many were created. */
export async function raiseNotification(db: Executor, input: NotificationInput, now = new Date()): Promise<number> {
  const members = await db
    .select({ memberId: memberships.memberId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, input.workspaceId), eq(memberships.status, "active")));
  if (members.length === 0) return 0;
  const rows = await db
    .insert(notifications)
    .values(
      members.map((m) => ({
        workspaceId: input.workspaceId,
        memberId: m.memberId,
        appId: input.appId ?? null,
        title: input.title,
        message: input.message,
        priority: input.priority ?? "normal",
        category: input.category ?? "system",
        dismissible: input.dismissible ?? true,
        actionUrl: input.actionUrl ?? null,
        actionLabel: input.actionLabel ?? null,
        dedupeKey: input.dedupeKey ?? null,
        expiresAt: input.expiresAt ?? null,
        createdAt: now,
        updatedAt: now,
      })),
    )
    // Conflicts only on the partial dedupe index: the member already has it unread.
    .onConflictDoNothing()
    .returning({ id: notifications.id });
  return rows.length;
}
