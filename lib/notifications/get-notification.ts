import { getDb } from "@/db/client";
import type { Ctx } from "@/lib/context";
import { memberActorOf } from "@/lib/dashboard/member-tenancy";
import { findOwnNotification } from "@/lib/notifications/inbox";
import type { NotificationObject } from "@/lib/notifications/schemas";
import { toNotification } from "@/lib/notifications/serialize";

/** One of the calling member's notifications (spec §20.2); anyone else's is 404 `notification_not_found`. */
export async function getNotification({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<NotificationObject> {
  const actor = memberActorOf(ctx);
  const { row, appPublicId } = await findOwnNotification(await getDb(), actor.memberId, input.id);
  return toNotification(row, appPublicId);
}
