import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { listEventTypes } from "@/lib/webhooks/list-event-types";
import { EventTypesResponse, WebhooksParams } from "@/lib/webhooks/schemas";

export const GET = apiRoute(
  {
    auth: "secret",
    summary: "List webhook event types",
    description: "The names an endpoint's `event_types` may hold (besides `*`).",
    tags: ["Webhooks"],
    params: WebhooksParams,
    response: EventTypesResponse,
  },
  async ({ ctx, params }) => ({ event_types: await listEventTypes({ ctx, input: { appId: params.app_id } }) }),
);

export const OPTIONS = preflight;
