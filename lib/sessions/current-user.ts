/** The signed-in user's own account (spec §10.1, §10.3). */
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { appUsers } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { listMetaFields } from "@/lib/meta-fields/list-meta-fields";
import { validateUserMeta } from "@/lib/meta-fields/validate-user-meta";
import type { SessionPrincipal } from "@/lib/sessions/authenticate-session";
import { listLiveSessions } from "@/lib/sessions/list-sessions";
import { type AppUserRow, toScuteUserData } from "@/lib/users/serialize";

async function userData(ctx: Ctx, principal: SessionPrincipal, user: AppUserRow): Promise<{ user: Record<string, unknown> }> {
  const live = await listLiveSessions(principal.app, user.id, ctx.now);
  return { user: toScuteUserData(user, principal.app, live) };
}

/** `{ user: ScuteUserData }` of the token's user, with their live sessions. */
export async function getCurrentUser({ ctx, principal }: { ctx: Ctx; principal: SessionPrincipal }) {
  return userData(ctx, principal, principal.user);
}

/**
 * Merge `meta` into the user's meta after checking it against the app's
 * declared fields: an undeclared key or a wrongly typed value rejects the
 * whole update with 422 `user_meta_invalid` and per-key `errors`. The merge is
 * one UPDATE (`meta || $patch`), so concurrent updates of different keys do
 * not lose each other.
 */
export async function updateCurrentUserMeta({
  ctx,
  principal,
  input,
}: {
  ctx: Ctx;
  principal: SessionPrincipal;
  input: { meta: Record<string, unknown> };
}) {
  const fields = await listMetaFields(principal.app.id);
  const { valid, errors } = validateUserMeta(fields, input.meta);
  if (Object.keys(errors).length) throw new AppError({ code: "user_meta_invalid", errors });
  if (!Object.keys(valid).length) return userData(ctx, principal, principal.user);
  const db = await getDb();
  const user = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(appUsers)
      .set({
        meta: sql`coalesce(${appUsers.meta}, '{}'::jsonb) || ${JSON.stringify(valid)}::jsonb`,
        updatedAt: ctx.now,
      })
      .where(eq(appUsers.id, principal.user.id))
      .returning();
    if (!row) throw new AppError("session_revoked");
    await recordEvent(tx, ctx, {
      workspaceId: principal.app.workspaceId,
      appId: principal.app.id,
      appUserId: row.id,
      slug: "user.updated",
      params: { user_id: row.id, fields: Object.keys(valid).map((k) => `meta.${k}`) },
    });
    return row;
  });
  return userData(ctx, principal, user);
}
