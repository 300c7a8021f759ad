import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { reorderMetaFields } from "@/lib/meta-fields/reorder-meta-fields";
import { MetaFieldList, MetaFieldsParams, ReorderMetaFieldsBody } from "@/lib/meta-fields/schemas";

export const PATCH = apiRoute(
  {
    auth: "secret",
    summary: "Reorder user meta fields",
    description:
      "`{ positions: [{ id, position }] }` or `{ ids: [ordered ids] }`. Every id must be a field of this app (else 404 and nothing changes). Returns all fields in order.",
    tags: ["User meta fields"],
    params: MetaFieldsParams,
    body: ReorderMetaFieldsBody,
    response: MetaFieldList,
  },
  async ({ ctx, params, body }) => reorderMetaFields({ ctx, input: { appId: params.app_id, order: body } }),
);

export const OPTIONS = preflight;
