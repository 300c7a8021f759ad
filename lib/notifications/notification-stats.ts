import { count, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { notifications } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { memberActorOf } from "@/lib/dashboard/member-tenancy";
import { inInbox } from "@/lib/notifications/inbox";
import { CATEGORIES, PRIORITIES } from "@/lib/notifications/schemas";

export interface NotificationStats {
  total: number;
  unread: number;
  by_priority: Record<string, number>;
  by_category: Record<string, number>;
}

/**
 * Counts over the calling member's inbox (spec §20.3): everything not
 * dismissed or expired, how much of it is unread, and the split by priority
 * and category (every value listed, zeros included).
 */
export async function notificationStats({ ctx }: { ctx: Ctx }): Promise<NotificationStats> {
  const actor = memberActorOf(ctx);
  const db = await getDb();
  const rows = await db
    .select({
      priority: notifications.priority,
      category: notifications.category,
      n: count(),
      unread: sql<number>`count(*) filter (where ${isNull(notifications.readAt)})`.mapWith(Number),
    })
    .from(notifications)
    .where(inInbox(db, actor.memberId, ctx.now))
    .groupBy(notifications.priority, notifications.category);
  const stats: NotificationStats = {
    total: 0,
    unread: 0,
    by_priority: Object.fromEntries(PRIORITIES.map((p) => [p, 0])),
    by_category: Object.fromEntries(CATEGORIES.map((c) => [c, 0])),
  };
  for (const r of rows) {
    stats.total += r.n;
    stats.unread += r.unread;
    stats.by_priority[r.priority] = (stats.by_priority[r.priority] ?? 0) + r.n;
    stats.by_category[r.category] = (stats.by_category[r.category] ?? 0) + r.n;
  }
  return stats;
}
