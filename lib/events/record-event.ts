import { actorLabel, type Ctx } from "@/lib/context";
import type { Executor } from "@/db/client";
import { events } from "@/db/schema";

export interface EventInput {
  workspaceId: string;
  appId?: string | null;
  appUserId?: string | null;
  /** Dotted event type, e.g. `app.created` (the category is its first part). */
  slug: string;
  /** Non-secret facts about the event. Never tokens, codes or keys. */
  params?: Record<string, unknown>;
}

/** Record an audit event; call inside the transaction of the change it records. */
export async function recordEvent(db: Executor, ctx: Ctx, input: EventInput): Promise<void> {
  const { actorType, actorId } = actorLabel(ctx.actor);
  await db.insert(events).values({
    workspaceId: input.workspaceId,
    appId: input.appId ?? null,
    appUserId: input.appUserId ?? null,
    category: input.slug.split(".")[0] ?? input.slug,
    slug: input.slug,
    actorType,
    actorId,
    params: input.params ?? {},
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    requestId: ctx.requestId,
    createdAt: ctx.now,
  });
}
