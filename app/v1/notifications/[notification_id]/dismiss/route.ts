/**
 * POST /v1/notifications/{id}/dismiss (spec §20.6). Credential: a member's
 * dashboard token. Non-dismissible notifications → 422 `not_dismissible`.
 */
import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { dismissNotification } from "@/lib/notifications/dismiss-notification";
import { NotificationParams, NotificationResponse } from "@/lib/notifications/schemas";

export const POST = apiRoute(
  {
    auth: "dashboard",
    summary: "Dismiss a notification",
    tags: ["Notifications"],
    params: NotificationParams,
    response: NotificationResponse,
  },
  async ({ ctx, params }) => ({ notification: await dismissNotification({ ctx, input: { id: params.notification_id } }) }),
);

export const OPTIONS = preflight;
