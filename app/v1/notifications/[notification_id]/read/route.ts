/** POST /v1/notifications/{id}/read (spec §20.4). Credential: a member's dashboard token. */
import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { readNotification } from "@/lib/notifications/read-notification";
import { NotificationParams, NotificationResponse } from "@/lib/notifications/schemas";

export const POST = apiRoute(
  {
    auth: "dashboard",
    summary: "Mark a notification read",
    tags: ["Notifications"],
    params: NotificationParams,
    response: NotificationResponse,
  },
  async ({ ctx, params }) => ({ notification: await readNotification({ ctx, input: { id: params.notification_id } }) }),
);

export const OPTIONS = preflight;
