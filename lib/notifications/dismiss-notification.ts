import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { notifications } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { memberActorOf } from "@/lib/dashboard/member-tenancy";
import { AppError } from "@/lib/errors";
import { findOwnNotification } from "@/lib/notifications/inbox";
import type { NotificationObject } from "@/lib/notifications/schemas";
import { toNotification } from "@/lib/notifications/serialize";

/**
 * Dismiss one of the calling member's notifications (spec §20.6): it leaves
 * the inbox and the counts. Non-dismissible ones (conditions the member must
 * fix) → 422 `not_dismissible`. Idempotent: the first dismissal time stays.
 */
export async function dismissNotification({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<NotificationObject> {
  const actor = memberActorOf(ctx);
  const db = await getDb();
  const { row, appPublicId } = await findOwnNotification(db, actor.memberId, input.id);
  if (!row.dismissible) throw new AppError("not_dismissible");
  if (row.dismissedAt) return toNotification(row, appPublicId);
  const [updated] = await db
    .update(notifications)
    .set({ dismissedAt: ctx.now, updatedAt: ctx.now })
    .where(and(eq(notifications.id, row.id), eq(notifications.memberId, actor.memberId)))
    .returning();
  return toNotification(updated ?? row, appPublicId);
}
