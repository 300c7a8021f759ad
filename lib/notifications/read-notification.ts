import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { notifications } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { memberActorOf } from "@/lib/dashboard/member-tenancy";
import { findOwnNotification } from "@/lib/notifications/inbox";
import type { NotificationObject } from "@/lib/notifications/schemas";
import { toNotification } from "@/lib/notifications/serialize";

/** Mark one of the calling member's notifications read (spec §20.4); idempotent, the first read time stays. */
export async function readNotification({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<NotificationObject> {
  const actor = memberActorOf(ctx);
  const db = await getDb();
  const { row, appPublicId } = await findOwnNotification(db, actor.memberId, input.id);
  if (row.readAt) return toNotification(row, appPublicId);
  const [updated] = await db
    .update(notifications)
    .set({ readAt: ctx.now, updatedAt: ctx.now })
    .where(and(eq(notifications.id, row.id), eq(notifications.memberId, actor.memberId)))
    .returning();
  return toNotification(updated ?? row, appPublicId);
}
