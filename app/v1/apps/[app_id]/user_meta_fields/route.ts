import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { createMetaField } from "@/lib/meta-fields/create-meta-field";
import { listAppMetaFields } from "@/lib/meta-fields/list-app-meta-fields";
import { CreateMetaFieldBody, MetaField, MetaFieldList, MetaFieldsParams } from "@/lib/meta-fields/schemas";

export const GET = apiRoute(
  {
    auth: "none",
    summary: "List an app's user meta fields",
    description: "Public. A bare array ordered by `position`.",
    tags: ["User meta fields"],
    params: MetaFieldsParams,
    response: MetaFieldList,
  },
  async ({ ctx, params }) => listAppMetaFields({ ctx, input: { appId: params.app_id } }),
);

export const POST = apiRoute(
  {
    auth: "secret",
    summary: "Create a user meta field",
    description:
      "Flat, form or `{ user_meta_field: {…} }` body. `field_name` is derived from `name` (snake_case) when absent and is unique per app (409 `field_name_taken`).",
    tags: ["User meta fields"],
    params: MetaFieldsParams,
    body: CreateMetaFieldBody,
    response: MetaField,
  },
  async ({ ctx, params, body }) => createMetaField({ ctx, input: { appId: params.app_id, field: body } }),
);

export const OPTIONS = preflight;
