import type { Ctx } from "@/lib/context";
import { appForActor } from "@/lib/tenancy";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/event-types";

/** The event types an endpoint can subscribe to (spec §16.2.8). */
export async function listEventTypes({ ctx, input }: { ctx: Ctx; input: { appId: string } }): Promise<{ name: string; description: string }[]> {
  await appForActor(ctx, input.appId);
  return WEBHOOK_EVENT_TYPES.map((e) => ({ ...e }));
}
