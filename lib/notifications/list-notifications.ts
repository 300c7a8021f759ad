import { and, count, desc, eq, isNotNull, isNull, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apps, notifications } from "@/db/schema";
import { pageSize } from "@/lib/api/fields";
import type { Ctx } from "@/lib/context";
import { memberActorOf } from "@/lib/dashboard/member-tenancy";
import { inInbox } from "@/lib/notifications/inbox";
import type { ListNotificationsQueryInput, NotificationObject } from "@/lib/notifications/schemas";
import { toNotification } from "@/lib/notifications/serialize";

export interface NotificationPage {
  notifications: NotificationObject[];
  pagination: { current_page: number; total_pages: number; total_count: number; per_page: number };
  unread_count: number;
}

/**
 * The calling member's inbox (spec §20.1), newest first, filtered by read
 * state, priority and category, with nested pagination. `unread_count` is
 * the whole inbox's, whatever the filters.
 */
export async function listNotifications({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { query: ListNotificationsQueryInput };
}): Promise<NotificationPage> {
  const actor = memberActorOf(ctx);
  const q = input.query;
  const perPage = pageSize(q);
  const db = await getDb();
  const inbox = inInbox(db, actor.memberId, ctx.now);
  const filters: SQL[] = [inbox];
  if (q.status === "unread") filters.push(isNull(notifications.readAt));
  if (q.status === "read") filters.push(isNotNull(notifications.readAt));
  if (q.priority) filters.push(eq(notifications.priority, q.priority));
  if (q.category) filters.push(eq(notifications.category, q.category));
  const where = and(...filters);
  const [[totals], [unread], rows] = await Promise.all([
    db.select({ n: count() }).from(notifications).where(where),
    db.select({ n: count() }).from(notifications).where(and(inbox, isNull(notifications.readAt))),
    db
      .select({ row: notifications, appPublicId: apps.publicId })
      .from(notifications)
      .leftJoin(apps, eq(apps.id, notifications.appId))
      .where(where)
      // notifications_member_created_idx
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(perPage)
      .offset((q.page - 1) * perPage),
  ]);
  const total = totals?.n ?? 0;
  return {
    notifications: rows.map((r) => toNotification(r.row, r.appPublicId)),
    pagination: { current_page: q.page, total_pages: Math.max(1, Math.ceil(total / perPage)), total_count: total, per_page: perPage },
    unread_count: unread?.n ?? 0,
  };
}
