import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { replayDelivery } from "@/lib/webhooks/replay-delivery";
import { DeliveryParams, SendResultResponse } from "@/lib/webhooks/schemas";

export const POST = apiRoute(
  {
    auth: "secret",
    summary: "Replay a webhook delivery",
    description:
      "Sends the same delivery (same `id` and body) again now, with a fresh timestamp and signature, " +
      "recorded as a `replay` attempt. 409 while the delivery is being sent or the endpoint is disabled.",
    tags: ["Webhooks"],
    params: DeliveryParams,
    response: SendResultResponse,
  },
  async ({ ctx, params }) =>
    replayDelivery({ ctx, input: { appId: params.app_id, id: params.id, deliveryId: params.delivery_id } }),
);

export const OPTIONS = preflight;
