import type { notifications } from "@/db/schema";
import type { NotificationObject } from "@/lib/notifications/schemas";

export type NotificationRow = typeof notifications.$inferSelect;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The notification object (spec §20); `appPublicId` replaces the internal app id. Allowlisted keys only. */
export function toNotification(n: NotificationRow, appPublicId: string | null): NotificationObject {
  return {
    id: n.id,
    title: n.title,
    message: n.message,
    priority: n.priority,
    category: n.category,
    dismissible: n.dismissible,
    read_at: iso(n.readAt),
    dismissed_at: iso(n.dismissedAt),
    action_url: n.actionUrl,
    action_label: n.actionLabel,
    workspace_id: n.workspaceId,
    app_id: appPublicId,
    created_at: n.createdAt.toISOString(),
    expires_at: iso(n.expiresAt),
  };
}
