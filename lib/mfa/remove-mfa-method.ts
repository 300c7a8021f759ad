import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { mfaEnrollments } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { isUuid } from "@/lib/ids";
import { assertRecentlyVerified } from "@/lib/mfa/reverify";
import type { AccessPrincipal } from "@/lib/sessions/authenticate-session";

/**
 * DELETE /mfa/methods/{id} (spec §14.8): remove one of the caller's factors,
 * after re-verification when the session is older than
 * `mfa_reverify_minutes` (422 reverification_required). Unknown or another
 * user's id → 404.
 */
export async function removeMfaMethod({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { principal: AccessPrincipal; id: string; challenge?: string | null };
}): Promise<void> {
  const { app, user } = input.principal;
  if (!isUuid(input.id)) throw new AppError("mfa_method_not_found");
  await assertRecentlyVerified(ctx, input.principal, input.challenge);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(mfaEnrollments)
      .where(and(eq(mfaEnrollments.id, input.id), eq(mfaEnrollments.appUserId, user.id), eq(mfaEnrollments.appId, app.id)))
      .returning();
    if (!gone) throw new AppError("mfa_method_not_found");
    await recordEvent(tx, ctx, {
      workspaceId: app.workspaceId,
      appId: app.id,
      appUserId: user.id,
      slug: "mfa.removed",
      params: { user_id: user.id, enrollment_id: gone.id, method: gone.method },
    });
  });
}
