import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { appUsers, userMetaFields } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { findMetaFieldForUpdate } from "@/lib/meta-fields/find-meta-field";
import { appForActor } from "@/lib/tenancy";

/**
 * Delete a meta field (spec §13.4) and, in the same transaction, its values
 * from every user of the app (one UPDATE). Records `user_meta_field.deleted`.
 */
export async function deleteMetaField({ ctx, input }: { ctx: Ctx; input: { appId: string; id: string } }): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const app = await appForActor(ctx, input.appId, tx);
    const field = await findMetaFieldForUpdate(tx, app.id, input.id);
    const [deleted] = await tx
      .delete(userMetaFields)
      .where(and(eq(userMetaFields.id, field.id), eq(userMetaFields.appId, app.id)))
      .returning({ id: userMetaFields.id });
    if (!deleted) throw new AppError("meta_field_not_found");
    const cleared = await tx
      .update(appUsers)
      .set({ meta: sql`${appUsers.meta} - ${field.fieldName}::text` })
      .where(and(eq(appUsers.appId, app.id), sql`${appUsers.meta} ? ${field.fieldName}::text`))
      .returning({ id: appUsers.id });
    await recordEvent(tx, ctx, {
      workspaceId: app.workspaceId,
      appId: app.id,
      slug: "user_meta_field.deleted",
      params: { user_meta_field_id: field.id, field_name: field.fieldName, users_cleared: cleared.length },
    });
  });
}
