import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { adminCreateUser } from "@/lib/users/admin-create-user";
import { adminListUsers } from "@/lib/users/admin-list-users";
import {
  AdminCreateUserBody,
  AdminUsersParams,
  AdminUserWithMetaErrorsResponse,
  ListUsersQuery,
  UserListResponse,
} from "@/lib/users/admin-schemas";
import { adminUserData } from "@/lib/users/admin-user-data";

export const GET = apiRoute(
  {
    auth: "secret",
    summary: "List, filter and search an app's users",
    description:
      "Exact filters (`id`, `email` case-insensitive, `phone` in E.164, `external_id`, `status`), `created_before`, and " +
      "`search` (or `q`): a fuzzy trigram match on names, email and phone that tolerates misspellings, ranked by " +
      "relevance (else newest first). Flat page meta (spec §1.7): `page` from 1; `limit`/`per_page` from 1, clamped to 100.",
    tags: ["Users"],
    params: AdminUsersParams,
    query: ListUsersQuery,
    response: UserListResponse,
  },
  async ({ ctx, params, query }) => adminListUsers({ ctx, input: { appId: params.app_id, query } }),
);

export const POST = apiRoute(
  {
    auth: "secret",
    summary: "Create a user (full form)",
    description:
      "`email` and/or `phone` (or the legacy `identifier`), names, `external_id`, `user_meta`, `status` (active by " +
      "default, or inactive). Invalid meta keys are reported in `user_meta_errors`, not stored. `send_invite` emails an " +
      "invitation link; `add_as_workspace_member` (workspace key only) also makes the email a workspace member. " +
      "409 identifier_taken / external_id_taken on duplicates.",
    tags: ["Users"],
    params: AdminUsersParams,
    body: AdminCreateUserBody,
    response: AdminUserWithMetaErrorsResponse,
    bodyLimit: 64 * 1024,
  },
  async ({ ctx, params, body, request }) => {
    const { app, user, userMetaErrors } = await adminCreateUser({
      ctx,
      input: { appId: params.app_id, body, acceptLanguage: request.headers.get("accept-language") },
    });
    return { user: await adminUserData(app, user, ctx.now), user_meta_errors: userMetaErrors };
  },
);

export const OPTIONS = preflight;
