import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { OkResponse } from "@/lib/apps/schemas";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";
import { getWebhook } from "@/lib/webhooks/get-webhook";
import { WebhookEndpoint, WebhookParams, WebhookUpdateBody } from "@/lib/webhooks/schemas";
import { updateWebhook } from "@/lib/webhooks/update-webhook";

export const GET = apiRoute(
  {
    auth: "secret",
    summary: "Get a webhook endpoint",
    description: "Includes the signing secret.",
    tags: ["Webhooks"],
    params: WebhookParams,
    response: WebhookEndpoint,
  },
  async ({ ctx, params }) => getWebhook({ ctx, input: { appId: params.app_id, id: params.id } }),
);

const update = apiRoute(
  {
    auth: "secret",
    summary: "Update a webhook endpoint",
    description: "Any of the create fields; only those given change. Enabling clears `disabled_reason`.",
    tags: ["Webhooks"],
    params: WebhookParams,
    body: WebhookUpdateBody,
    response: WebhookEndpoint,
  },
  async ({ ctx, params, body }) => updateWebhook({ ctx, input: { appId: params.app_id, id: params.id, body } }),
);
export const PATCH = update;
export const PUT = update;

export const DELETE = apiRoute(
  {
    auth: "secret",
    summary: "Delete a webhook endpoint",
    description: "Its deliveries and their log go with it; nothing pending is sent afterwards.",
    tags: ["Webhooks"],
    params: WebhookParams,
    response: OkResponse,
  },
  async ({ ctx, params }) => {
    await deleteWebhook({ ctx, input: { appId: params.app_id, id: params.id } });
    return { message: "ok" };
  },
);

export const OPTIONS = preflight;
