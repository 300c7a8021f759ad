import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { listEvents } from "@/lib/events/list-events";
import { EventsParams, EventsQuery, EventsResponse } from "@/lib/events/schemas";

export const GET = apiRoute(
  {
    auth: "secret",
    summary: "List an app's events",
    description:
      "The audit log, newest first, with flat pagination and `count`. Filters: `category`, `slug` (event type), " +
      "`user_id`, `start_date` and `end_date` (ISO-8601; a bad date is 400). Secrets never appear: they are " +
      "`[FILTERED]` before an event is stored.",
    tags: ["Events"],
    params: EventsParams,
    query: EventsQuery,
    response: EventsResponse,
  },
  async ({ ctx, params, query }) => listEvents({ ctx, input: { appId: params.app_id, query } }),
);

export const OPTIONS = preflight;
