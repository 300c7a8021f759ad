import { asc, eq } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { userMetaFields } from "@/db/schema";

export type MetaFieldRow = typeof userMetaFields.$inferSelect;

/** An app's meta fields in display order. */
export async function listMetaFields(appId: string, db?: Executor): Promise<MetaFieldRow[]> {
  const exec = db ?? (await getDb());
  return exec
    .select()
    .from(userMetaFields)
    .where(eq(userMetaFields.appId, appId))
    .orderBy(asc(userMetaFields.position), asc(userMetaFields.createdAt));
}

/** MetaFieldSchema entries for the app object's `user_meta_data_schema` (spec §2.3). */
export function toMetaFieldSchema(f: MetaFieldRow): Record<string, unknown> {
  return {
    id: f.id,
    name: f.name,
    field_name: f.fieldName,
    field_type: f.fieldType,
    visible_profile: f.visibleProfile,
    visible_registration: f.visibleRegistration,
    required: f.required,
  };
}
