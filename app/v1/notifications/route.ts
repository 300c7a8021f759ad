/**
 * GET /v1/notifications (spec §20.1): the calling member's inbox.
 * Credential: a member's dashboard token (`X-Authorization`); notifications
 * are per member, so nothing here takes a workspace.
 */
import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { listNotifications } from "@/lib/notifications/list-notifications";
import { ListNotificationsQuery, NotificationListResponse } from "@/lib/notifications/schemas";

export const GET = apiRoute(
  {
    auth: "dashboard",
    summary: "List notifications",
    description: "Newest first; dismissed and expired notifications are left out. `unread_count` counts the whole inbox.",
    tags: ["Notifications"],
    query: ListNotificationsQuery,
    response: NotificationListResponse,
  },
  async ({ ctx, query }) => listNotifications({ ctx, input: { query } }),
);

export const OPTIONS = preflight;
