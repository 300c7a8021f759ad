import { count, eq, sql } from "drizzle-orm";
import { isUniqueViolation } from "@/db/errors";
import { getDb } from "@/db/client";
import { userMetaFields } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { checkVerificationIdentifier, resolveFieldName } from "@/lib/meta-fields/field-name";
import { type CreateMetaFieldInput, MAX_META_FIELDS, type MetaFieldObject } from "@/lib/meta-fields/schemas";
import { toMetaField } from "@/lib/meta-fields/serialize";
import { newId } from "@/lib/ids";
import { appForActor } from "@/lib/tenancy";

/**
 * Declare a meta field on an app (spec §13.2). `field_name` is derived from
 * `name` when absent and unique per app (409 `field_name_taken`); the field
 * goes last unless a `position` is given. Records `user_meta_field.created`.
 */
export async function createMetaField({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { appId: string; field: CreateMetaFieldInput };
}): Promise<MetaFieldObject> {
  const { field } = input;
  const fieldName = resolveFieldName(field.field_name, field.name);
  checkVerificationIdentifier(field.as_verification_identifier, field.field_type);
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const app = await appForActor(ctx, input.appId, tx);
      const [stats] = await tx
        .select({ n: count(), maxPosition: sql<number | null>`max(${userMetaFields.position})` })
        .from(userMetaFields)
        .where(eq(userMetaFields.appId, app.id));
      const n = Number(stats?.n ?? 0);
      const maxPosition = stats?.maxPosition ?? null;
      if (n >= MAX_META_FIELDS) {
        throw new AppError({ code: "too_many_meta_fields", message: `An app may declare at most ${MAX_META_FIELDS} meta fields` });
      }
      const [row] = await tx
        .insert(userMetaFields)
        .values({
          id: newId(),
          appId: app.id,
          name: field.name,
          fieldName,
          fieldType: field.field_type,
          required: field.required ?? false,
          visibleProfile: field.visible_profile ?? true,
          visibleRegistration: field.visible_registration ?? false,
          position: field.position ?? (maxPosition === null ? 1 : Number(maxPosition) + 1),
          asVerificationIdentifier: field.as_verification_identifier ?? false,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .onConflictDoNothing()
        .returning();
      if (!row) throw new AppError("field_name_taken");
      await recordEvent(tx, ctx, {
        workspaceId: app.workspaceId,
        appId: app.id,
        slug: "user_meta_field.created",
        params: { user_meta_field_id: row.id, field_name: row.fieldName, field_type: row.fieldType },
      });
      return toMetaField(row, app);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("field_name_taken");
    throw error;
  }
}
