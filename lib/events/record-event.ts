import { actorLabel, type Ctx } from "@/lib/context";
import type { Executor } from "@/db/client";
import { events } from "@/db/schema";
import { redactEventParams } from "@/lib/events/redact";
import { enqueueWebhookDeliveries } from "@/lib/webhooks/enqueue-deliveries";

export interface EventInput {
  workspaceId: string;
  appId?: string | null;
  appUserId?: string | null;
  /** Dotted event type, e.g. `app.created` (the category is its first part). */
  slug: string;
  /**
   * Non-secret facts about the event. Never tokens, codes or keys: anything
   * that looks like one is replaced by `[FILTERED]` before it is stored.
   */
  params?: Record<string, unknown>;
}

/**
 * Record an audit event and queue its webhook deliveries (outbox pattern, issue
 * 7); call inside the transaction of the change it records, so the event and
 * its deliveries exist if and only if the change committed. `params` is
 * redacted (./redact.ts).
 */
export async function recordEvent(db: Executor, ctx: Ctx, input: EventInput): Promise<void> {
  const { actorType, actorId } = actorLabel(ctx.actor);
  const [row] = await db.insert(events).values({
    workspaceId: input.workspaceId,
    appId: input.appId ?? null,
    appUserId: input.appUserId ?? null,
    category: input.slug.split(".")[0] ?? input.slug,
    slug: input.slug,
    actorType,
    actorId,
    params: redactEventParams(input.params),
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    requestId: ctx.requestId,
    createdAt: ctx.now,
  }).returning();
  if (row) await enqueueWebhookDeliveries(db, row);
}
