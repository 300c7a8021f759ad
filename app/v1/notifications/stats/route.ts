/** GET /v1/notifications/stats (spec §20.3). Credential: a member's dashboard token. */
import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { notificationStats } from "@/lib/notifications/notification-stats";
import { NotificationStatsResponse } from "@/lib/notifications/schemas";

export const GET = apiRoute(
  {
    auth: "dashboard",
    summary: "Notification counts",
    description: "Totals over the inbox (not dismissed, not expired), unread, and by priority and category.",
    tags: ["Notifications"],
    response: NotificationStatsResponse,
  },
  async ({ ctx }) => notificationStats({ ctx }),
);

export const OPTIONS = preflight;
