import type { Ctx } from "@/lib/context";
import { endpointForActor } from "@/lib/webhooks/find-endpoint";
import type { WebhookEndpointObject } from "@/lib/webhooks/schemas";
import { toWebhookEndpoint } from "@/lib/webhooks/serialize";

/** One endpoint of the caller's app, with its secret (spec §16.2.3). */
export async function getWebhook({ ctx, input }: { ctx: Ctx; input: { appId: string; id: string } }): Promise<WebhookEndpointObject> {
  const { endpoint } = await endpointForActor(ctx, input.appId, input.id);
  return toWebhookEndpoint(endpoint, ctx.now);
}
