import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { OkResponse } from "@/lib/apps/schemas";
import { deleteMetaField } from "@/lib/meta-fields/delete-meta-field";
import { MetaField, MetaFieldParams, UpdateMetaFieldBody } from "@/lib/meta-fields/schemas";
import { updateMetaField } from "@/lib/meta-fields/update-meta-field";

const update = (summary: string) =>
  apiRoute(
    {
      auth: "secret",
      summary,
      description:
        "Only the given attributes change. A new `field_name` must be free in the app (409) and moves the users' values to the new key.",
      tags: ["User meta fields"],
      params: MetaFieldParams,
      body: UpdateMetaFieldBody,
      response: MetaField,
    },
    async ({ ctx, params, body }) => updateMetaField({ ctx, input: { appId: params.app_id, id: params.id, field: body } }),
  );

export const PATCH = update("Update a user meta field");
export const PUT = update("Update a user meta field (PUT alias)");

export const DELETE = apiRoute(
  {
    auth: "secret",
    summary: "Delete a user meta field",
    description: "Also removes the field's values from every user of the app.",
    tags: ["User meta fields"],
    params: MetaFieldParams,
    response: OkResponse,
  },
  async ({ ctx, params }) => {
    await deleteMetaField({ ctx, input: { appId: params.app_id, id: params.id } });
    return { message: "ok" };
  },
);

export const OPTIONS = preflight;
