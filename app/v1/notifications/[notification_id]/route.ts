/**
 * GET /v1/notifications/{id} (spec §20.2). Credential: a member's dashboard
 * token; another member's notification is 404 `notification_not_found`.
 */
import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { getNotification } from "@/lib/notifications/get-notification";
import { NotificationParams, NotificationResponse } from "@/lib/notifications/schemas";

export const GET = apiRoute(
  {
    auth: "dashboard",
    summary: "Get a notification",
    tags: ["Notifications"],
    params: NotificationParams,
    response: NotificationResponse,
  },
  async ({ ctx, params }) => ({ notification: await getNotification({ ctx, input: { id: params.notification_id } }) }),
);

export const OPTIONS = preflight;
