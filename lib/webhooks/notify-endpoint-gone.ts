import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { memberships, notifications } from "@/db/schema";

/**
 * Tell every active member of the app's workspace that an endpoint answered
 * 410 Gone and was switched off. `dedupe_key` keeps it to one unread
 * notification per member and endpoint.
 */
export async function notifyEndpointGone(
  tx: Executor,
  input: { workspaceId: string; appId: string; endpointId: string; url: string; now: Date },
): Promise<void> {
  const members = await tx
    .select({ memberId: memberships.memberId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, input.workspaceId), eq(memberships.status, "active")));
  if (members.length === 0) return;
  await tx
    .insert(notifications)
    .values(
      members.map((m) => ({
        workspaceId: input.workspaceId,
        memberId: m.memberId,
        appId: input.appId,
        title: "Webhook endpoint disabled",
        message: `${input.url} answered 410 Gone, so it was disabled and receives no more events. Re-enable it once it is back.`,
        priority: "high" as const,
        category: "delivery" as const,
        dedupeKey: `webhook_gone:${input.endpointId}`,
        createdAt: input.now,
        updatedAt: input.now,
      })),
    )
    .onConflictDoNothing();
}
