import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { SendResultResponse, WebhookParams, WebhookTestBody } from "@/lib/webhooks/schemas";
import { testWebhook } from "@/lib/webhooks/test-webhook";

export const POST = apiRoute(
  {
    auth: "secret",
    summary: "Send a test event to a webhook endpoint",
    description:
      "Sends now, signed like any delivery, and sets `last_ping_at`. Answers with the status and timing only; " +
      "the receiver's body is kept in the delivery log, never echoed here.",
    tags: ["Webhooks"],
    params: WebhookParams,
    body: WebhookTestBody,
    response: SendResultResponse,
  },
  async ({ ctx, params, body }) => testWebhook({ ctx, input: { appId: params.app_id, id: params.id, eventType: body.event_type } }),
);

export const OPTIONS = preflight;
