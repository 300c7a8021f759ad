import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { AppParams } from "@/lib/apps/schemas";
import { updateCurrentUserMeta } from "@/lib/sessions/current-user";
import { CurrentUserResponse, UpdateMetaBody } from "@/lib/sessions/schemas";

export const PATCH = apiRoute(
  {
    auth: "user",
    summary: "Update the current user's meta",
    description:
      "Merges `user_meta` (an object, or a JSON string) into the user's meta. Every key must be a declared meta field " +
      "and every value of its type; otherwise 422 `user_meta_invalid` with per-key `errors` and nothing is stored.",
    tags: ["Sessions"],
    params: AppParams,
    body: UpdateMetaBody,
    response: CurrentUserResponse,
  },
  async ({ ctx, principal, body }) => updateCurrentUserMeta({ ctx, principal, input: { meta: body.user_meta } }),
);

export const OPTIONS = preflight;
