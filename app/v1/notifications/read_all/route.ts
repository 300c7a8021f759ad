/** POST /v1/notifications/read_all (spec §20.5). Credential: a member's dashboard token. */
import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { readAllNotifications } from "@/lib/notifications/read-all-notifications";
import { ReadAllResponse } from "@/lib/notifications/schemas";

export const POST = apiRoute(
  {
    auth: "dashboard",
    summary: "Mark all notifications read",
    tags: ["Notifications"],
    response: ReadAllResponse,
  },
  async ({ ctx }) => readAllNotifications({ ctx }),
);

export const OPTIONS = preflight;
