import { and, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { notifications } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { memberActorOf } from "@/lib/dashboard/member-tenancy";
import { inInbox } from "@/lib/notifications/inbox";

/** Mark every unread notification in the calling member's inbox read (spec §20.5); returns how many changed. */
export async function readAllNotifications({ ctx }: { ctx: Ctx }): Promise<{ updated_count: number }> {
  const actor = memberActorOf(ctx);
  const db = await getDb();
  const rows = await db
    .update(notifications)
    .set({ readAt: ctx.now, updatedAt: ctx.now })
    .where(and(inInbox(db, actor.memberId, ctx.now), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return { updated_count: rows.length };
}
