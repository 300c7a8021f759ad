/**
 * What a member's inbox holds (spec §20): their own notifications, of
 * workspaces where they are still an active member, not dismissed and not
 * past `expires_at`. Every notification query filters by the calling member,
 * so another member's notification is simply not found.
 */
import { and, eq, exists, gt, isNull, or, type SQL, sql } from "drizzle-orm";
import { type Executor } from "@/db/client";
import { apps, memberships, notifications } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import type { NotificationRow } from "@/lib/notifications/serialize";

/** The member still belongs to the notification's workspace. */
function stillMember(db: Executor): SQL {
  return exists(
    db
      .select({ one: sql`1` })
      .from(memberships)
      .where(
        and(
          eq(memberships.workspaceId, notifications.workspaceId),
          eq(memberships.memberId, notifications.memberId),
          eq(memberships.status, "active"),
        ),
      ),
  );
}

/** Notifications of `memberId` in a workspace they still belong to (shown, read and dismissed alike). */
export function ownedBy(db: Executor, memberId: string): SQL {
  return and(eq(notifications.memberId, memberId), stillMember(db)) as SQL;
}

/** ownedBy, live in the inbox at `now`: not dismissed, not expired. */
export function inInbox(db: Executor, memberId: string, now: Date): SQL {
  return and(
    ownedBy(db, memberId),
    isNull(notifications.dismissedAt),
    or(isNull(notifications.expiresAt), gt(notifications.expiresAt, now)),
  ) as SQL;
}

/** One of the member's notifications with its app's public id; 404 `notification_not_found` otherwise. */
export async function findOwnNotification(
  db: Executor,
  memberId: string,
  id: string,
): Promise<{ row: NotificationRow; appPublicId: string | null }> {
  if (!isUuid(id)) throw new AppError("notification_not_found");
  const [found] = await db
    .select({ row: notifications, appPublicId: apps.publicId })
    .from(notifications)
    .leftJoin(apps, eq(apps.id, notifications.appId))
    .where(and(eq(notifications.id, id), ownedBy(db, memberId)))
    .limit(1);
  if (!found) throw new AppError("notification_not_found");
  return found;
}
