import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { listWebhooks } from "@/lib/webhooks/list-webhooks";
import { WebhookCreateBody, WebhookEndpoint, WebhookListResponse, WebhooksParams } from "@/lib/webhooks/schemas";

export const GET = apiRoute(
  {
    auth: "secret",
    summary: "List an app's webhook endpoints",
    description: "Oldest first. Secrets are not listed: GET one endpoint to see its secret.",
    tags: ["Webhooks"],
    params: WebhooksParams,
    response: WebhookListResponse,
  },
  async ({ ctx, params }) => ({ webhooks: await listWebhooks({ ctx, input: { appId: params.app_id } }) }),
);

export const POST = apiRoute(
  {
    auth: "secret",
    summary: "Create a webhook endpoint",
    description:
      "`url` must be https and reach a public address (checked now and again at every send); " +
      "`event_types` default `[\"*\"]`, `retry_limit` 0–10 (default 3). Returns the endpoint with its `whsec_…` secret.",
    tags: ["Webhooks"],
    params: WebhooksParams,
    body: WebhookCreateBody,
    response: WebhookEndpoint,
  },
  async ({ ctx, params, body }) => createWebhook({ ctx, input: { appId: params.app_id, body } }),
);

export const OPTIONS = preflight;
