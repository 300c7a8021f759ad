import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { appUsers } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import type { AppUserRow } from "@/lib/users/serialize";

/**
 * Merge already-validated meta values into a user's `meta` (keys given win;
 * other keys are kept). Returns the updated row; a no-op for an empty `meta`.
 */
export async function mergeUserMeta(
  tx: Executor,
  ctx: Ctx,
  input: { user: AppUserRow; meta: Record<string, unknown> | null | undefined },
): Promise<AppUserRow> {
  const { user, meta } = input;
  if (!meta || Object.keys(meta).length === 0) return user;
  const [row] = await tx
    .update(appUsers)
    .set({ meta: { ...(user.meta ?? {}), ...meta }, updatedAt: ctx.now })
    .where(and(eq(appUsers.id, user.id), eq(appUsers.appId, user.appId)))
    .returning();
  if (!row) throw new Error("mergeUserMeta: user vanished");
  return row;
}
