import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { listDeliveries } from "@/lib/webhooks/list-deliveries";
import { DeliveriesQuery, DeliveriesResponse, WebhookParams } from "@/lib/webhooks/schemas";

export const GET = apiRoute(
  {
    auth: "secret",
    summary: "List a webhook endpoint's deliveries",
    description: "Newest first, each with every attempt; filter by `status`; `page` and `per_page` (max 100).",
    tags: ["Webhooks"],
    params: WebhookParams,
    query: DeliveriesQuery,
    response: DeliveriesResponse,
  },
  async ({ ctx, params, query }) => listDeliveries({ ctx, input: { appId: params.app_id, id: params.id, query } }),
);

export const OPTIONS = preflight;
