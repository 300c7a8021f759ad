import { and, eq, ne, sql } from "drizzle-orm";
import { isUniqueViolation } from "@/db/errors";
import { getDb } from "@/db/client";
import { appUsers, userMetaFields } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { checkVerificationIdentifier, resolveFieldName } from "@/lib/meta-fields/field-name";
import { findMetaFieldForUpdate } from "@/lib/meta-fields/find-meta-field";
import type { MetaFieldObject, UpdateMetaFieldInput } from "@/lib/meta-fields/schemas";
import { toMetaField } from "@/lib/meta-fields/serialize";
import { appForActor } from "@/lib/tenancy";

/**
 * Change a meta field (spec §13.3). Only the given attributes change. A new
 * `field_name` must be free in the app (409) and moves the users' existing
 * values to the new key in the same transaction. Records `user_meta_field.updated`.
 */
export async function updateMetaField({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { appId: string; id: string; field: UpdateMetaFieldInput };
}): Promise<MetaFieldObject> {
  const { field } = input;
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const app = await appForActor(ctx, input.appId, tx);
      const current = await findMetaFieldForUpdate(tx, app.id, input.id);
      const fieldType = field.field_type ?? current.fieldType;
      const asVerificationIdentifier = field.as_verification_identifier ?? current.asVerificationIdentifier;
      // Also refuses moving an identifier field to a type that cannot be one.
      checkVerificationIdentifier(asVerificationIdentifier, fieldType);
      const fieldName = field.field_name !== undefined ? resolveFieldName(field.field_name, field.name ?? current.name) : current.fieldName;

      if (fieldName !== current.fieldName) {
        const [clash] = await tx
          .select({ id: userMetaFields.id })
          .from(userMetaFields)
          .where(and(eq(userMetaFields.appId, app.id), eq(userMetaFields.fieldName, fieldName), ne(userMetaFields.id, current.id)))
          .limit(1);
        if (clash) throw new AppError("field_name_taken");
        // Existing values follow the field to its new key.
        await tx
          .update(appUsers)
          .set({
            meta: sql`(${appUsers.meta} - ${current.fieldName}::text) || jsonb_build_object(${fieldName}::text, ${appUsers.meta} -> ${current.fieldName}::text)`,
          })
          .where(and(eq(appUsers.appId, app.id), sql`${appUsers.meta} ? ${current.fieldName}::text`));
      }

      const [row] = await tx
        .update(userMetaFields)
        .set({
          name: field.name ?? current.name,
          fieldName,
          fieldType,
          required: field.required ?? current.required,
          visibleProfile: field.visible_profile ?? current.visibleProfile,
          visibleRegistration: field.visible_registration ?? current.visibleRegistration,
          position: field.position ?? current.position,
          asVerificationIdentifier,
          updatedAt: ctx.now,
        })
        .where(and(eq(userMetaFields.id, current.id), eq(userMetaFields.appId, app.id)))
        .returning();
      if (!row) throw new AppError("meta_field_not_found");
      await recordEvent(tx, ctx, {
        workspaceId: app.workspaceId,
        appId: app.id,
        slug: "user_meta_field.updated",
        params: {
          user_meta_field_id: row.id,
          field_name: row.fieldName,
          ...(fieldName !== current.fieldName ? { previous_field_name: current.fieldName } : {}),
          field_type: row.fieldType,
        },
      });
      return toMetaField(row, app);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("field_name_taken");
    throw error;
  }
}
