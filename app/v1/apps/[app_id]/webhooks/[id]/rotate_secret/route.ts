import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret";
import { WebhookEndpoint, WebhookParams } from "@/lib/webhooks/schemas";

export const POST = apiRoute(
  {
    auth: "secret",
    summary: "Rotate a webhook endpoint's signing secret",
    description:
      "Returns the endpoint with its new secret. The previous secret keeps signing alongside it for 24 hours " +
      "(two `v1=` values in `X-Webhook-Signature`), until `previous_secret_expires_at`.",
    tags: ["Webhooks"],
    params: WebhookParams,
    response: WebhookEndpoint,
  },
  async ({ ctx, params }) => rotateWebhookSecret({ ctx, input: { appId: params.app_id, id: params.id } }),
);

export const OPTIONS = preflight;
