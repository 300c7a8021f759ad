import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { appUsers, baseUsers } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { recordEvent } from "@/lib/events/record-event";
import type { Identifier } from "@/lib/identifiers/parse-identifier";
import { findUserByIdentifier } from "@/lib/users/find-user";
import type { AppUserRow } from "@/lib/users/serialize";

/**
 * The app user with `identifier`, created as `pending` and unverified when
 * absent (with its workspace-level base user). Safe under concurrency: racing
 * creators hit the unique indexes through ON CONFLICT DO NOTHING and re-read.
 * Callers check `public_signup` first; `user.created` is recorded here.
 */
export async function findOrCreateUser(
  tx: Executor,
  ctx: Ctx,
  input: { app: AppRow; identifier: Identifier; status?: AppUserRow["status"]; meta?: Record<string, unknown> },
): Promise<{ user: AppUserRow; created: boolean }> {
  const { app, identifier } = input;
  const existing = await findUserByIdentifier(app.id, identifier, tx);
  if (existing) return { user: existing, created: false };

  const email = identifier.kind === "email" ? identifier.value : null;
  const phone = identifier.kind === "phone" ? identifier.value : null;
  await tx
    .insert(baseUsers)
    .values({ workspaceId: app.workspaceId, email, phone, createdAt: ctx.now, updatedAt: ctx.now })
    .onConflictDoNothing();
  const [base] = await tx
    .select({ id: baseUsers.id })
    .from(baseUsers)
    .where(
      identifier.kind === "email"
        ? and(eq(baseUsers.workspaceId, app.workspaceId), sql`lower(${baseUsers.email}) = ${identifier.normalized}`)
        : and(eq(baseUsers.workspaceId, app.workspaceId), eq(baseUsers.phone, identifier.normalized)),
    )
    .limit(1);
  if (!base) throw new Error("base user upsert returned nothing");

  const [created] = await tx
    .insert(appUsers)
    .values({
      appId: app.id,
      baseUserId: base.id,
      status: input.status ?? "pending",
      email,
      phone,
      meta: input.meta && Object.keys(input.meta).length ? input.meta : null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .onConflictDoNothing()
    .returning();
  if (!created) {
    const raced = await findUserByIdentifier(app.id, identifier, tx);
    if (!raced) throw new Error("app user upsert lost and not found");
    return { user: raced, created: false };
  }
  await recordEvent(tx, ctx, {
    workspaceId: app.workspaceId,
    appId: app.id,
    appUserId: created.id,
    slug: "user.created",
    params: { user_id: created.id, status: created.status, identifier_kind: identifier.kind },
  });
  return { user: created, created: true };
}
