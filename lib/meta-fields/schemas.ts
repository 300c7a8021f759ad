/**
 * User meta field shapes (spec §13): path slots, request bodies (flat, form,
 * or wrapped in `{ user_meta_field: {…} }`) and the MetaField object.
 */
import { z } from "zod";
import { optional, unwrap, zArray, zBool, zInt, zText } from "@/lib/api/fields";

export const FIELD_TYPES = ["string", "boolean", "integer", "date", "phone", "email", "text", "url"] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Most meta fields an app may declare (matches the 50-key cap on `user_meta` values). */
export const MAX_META_FIELDS = 50;
export const MAX_POSITION = 10_000;

export const MetaFieldsParams = z.object({ app_id: z.string() });
export const MetaFieldParams = MetaFieldsParams.extend({ id: z.string() });

const fields = {
  name: zText(100).describe("Display label; also the source of `field_name` when that is not given"),
  // Missing → 400 (malformed); present but outside the enum → 422.
  field_type: z.string().pipe(z.enum(FIELD_TYPES)).describe(`One of ${FIELD_TYPES.join(", ")}`),
  field_name: optional(zText(64)).describe("Key inside `user_meta`: lower snake_case (derived from `name` when absent)"),
  required: optional(zBool()),
  visible_profile: optional(zBool()),
  visible_registration: optional(zBool()),
  position: optional(zInt(0, MAX_POSITION)).describe("Display order (default: after the last field)"),
  as_verification_identifier: optional(zBool()).describe("Only for `email` and `phone` fields"),
};

export const CreateMetaFieldBody = z.preprocess(unwrap("user_meta_field"), z.object(fields));
export type CreateMetaFieldInput = z.output<typeof CreateMetaFieldBody>;

export const UpdateMetaFieldBody = z.preprocess(
  unwrap("user_meta_field"),
  z.object({
    ...fields,
    name: optional(fields.name),
    field_type: optional(fields.field_type),
  }),
);
export type UpdateMetaFieldInput = z.output<typeof UpdateMetaFieldBody>;

export const ReorderMetaFieldsBody = z
  .object({
    positions: optional(
      zArray(z.object({ id: z.string().max(100), position: zInt(0, MAX_POSITION) }), MAX_META_FIELDS),
    ).describe("New positions by field id"),
    ids: optional(zArray(z.string().max(100), MAX_META_FIELDS)).describe("Alternative: field ids in their new order (positions 1, 2, …)"),
  })
  .describe("One of `positions` or `ids`.");
export type ReorderMetaFieldsInput = z.output<typeof ReorderMetaFieldsBody>;

export const MetaField = z
  .object({
    id: z.string().describe("uuid"),
    app_id: z.string().describe("Public app id"),
    name: z.string(),
    field_name: z.string(),
    field_type: z.enum(FIELD_TYPES),
    required: z.boolean(),
    visible_profile: z.boolean(),
    visible_registration: z.boolean(),
    position: z.number().int(),
    as_verification_identifier: z.boolean(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: "MetaField", description: "A user meta field of an app (spec §13)." });
export type MetaFieldObject = z.output<typeof MetaField>;

export const MetaFieldList = z.array(MetaField);
