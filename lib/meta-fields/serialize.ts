import type { AppRow } from "@/lib/apps/find-app";
import type { MetaFieldRow } from "@/lib/meta-fields/list-meta-fields";
import type { MetaFieldObject } from "@/lib/meta-fields/schemas";

/** The MetaField object (spec §13). */
export function toMetaField(f: MetaFieldRow, app: Pick<AppRow, "publicId">): MetaFieldObject {
  return {
    id: f.id,
    app_id: app.publicId,
    name: f.name,
    field_name: f.fieldName,
    field_type: f.fieldType,
    required: f.required,
    visible_profile: f.visibleProfile,
    visible_registration: f.visibleRegistration,
    position: f.position,
    as_verification_identifier: f.asVerificationIdentifier,
    created_at: f.createdAt.toISOString(),
    updated_at: f.updatedAt.toISOString(),
  };
}
