import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { appUsers } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { recordEvent } from "@/lib/events/record-event";
import { resetUnprovenCredentials } from "@/lib/users/reset-unproven-credentials";
import type { AppUserRow } from "@/lib/users/serialize";

/**
 * The user proved control of their email (magic link, invite): mark it
 * verified and promote `pending`/`imported` to `active` (spec §7.4 step 2).
 * `inactive` stays inactive (the caller refuses the sign-in). Optional
 * validated `meta` is merged in the same UPDATE; a promotion records
 * `user.activated` (`via` names the flow). A first proof of the address also
 * clears passkeys and sessions set up before it (resetUnprovenCredentials).
 * Returns the updated row.
 */
export async function verifyUserEmail(
  tx: Executor,
  ctx: Ctx,
  input: { app: Pick<AppRow, "id" | "workspaceId">; user: AppUserRow; meta?: Record<string, unknown> | null; via: string },
): Promise<AppUserRow> {
  const { app, user, meta } = input;
  const promote = user.status === "pending" || user.status === "imported";
  const [row] = await tx
    .update(appUsers)
    .set({
      emailVerified: user.email ? true : user.emailVerified,
      ...(promote ? { status: "active" as const } : {}),
      ...(meta && Object.keys(meta).length ? { meta: { ...(user.meta ?? {}), ...meta } } : {}),
      updatedAt: ctx.now,
    })
    .where(and(eq(appUsers.id, user.id), eq(appUsers.appId, app.id)))
    .returning();
  if (!row) throw new Error("verifyUserEmail: user vanished");
  if (promote) {
    await recordEvent(tx, ctx, {
      workspaceId: app.workspaceId,
      appId: app.id,
      appUserId: row.id,
      slug: "user.activated",
      params: { user_id: row.id, previous_status: user.status, via: input.via },
    });
  }
  return resetUnprovenCredentials(tx, ctx, { app, before: user, after: row, via: input.via });
}
