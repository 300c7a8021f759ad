import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { OkResponse } from "@/lib/apps/schemas";
import { adminDeleteUser } from "@/lib/users/admin-delete-user";
import { adminGetUser } from "@/lib/users/admin-get-user";
import { AdminUpdateUserBody, AdminUserParams, AdminUserResponse } from "@/lib/users/admin-schemas";
import { adminUpdateUser } from "@/lib/users/admin-update-user";
import { adminUserData } from "@/lib/users/admin-user-data";

export const GET = apiRoute(
  {
    auth: "secret",
    summary: "Get a user",
    description: "The full user with its live sessions. Unknown ids and other apps' users → 404 user_not_found.",
    tags: ["Users"],
    params: AdminUserParams,
    response: AdminUserResponse,
  },
  async ({ ctx, params }) => ({ user: await adminGetUser({ ctx, input: { appId: params.app_id, userId: params.id } }) }),
);

const updateSpec = (replace: boolean) =>
  ({
    auth: "secret" as const,
    summary: replace ? "Replace a user's profile" : "Update a user",
    description:
      (replace
        ? "Full replace: names, `external_id`, `user_meta` and `authz_attributes` not given are cleared; email and phone change only when given. "
        : "Changes only the fields given; `user_meta` is merged (a null value removes a key). ") +
      "`user_meta` keys must be declared meta fields with values of their type, else 422 user_meta_invalid (nothing is " +
      "written). A changed email or phone is unverified again. 409 identifier_taken / external_id_taken.",
    tags: ["Users"],
    params: AdminUserParams,
    body: AdminUpdateUserBody,
    response: AdminUserResponse,
    bodyLimit: 64 * 1024,
  });

const update = (replace: boolean) =>
  apiRoute(updateSpec(replace), async ({ ctx, params, body }) => {
    const { app, user } = await adminUpdateUser({ ctx, input: { appId: params.app_id, userId: params.id, body, replace } });
    return { user: await adminUserData(app, user, ctx.now) };
  });

export const PATCH = update(false);
export const PUT = update(true);

export const DELETE = apiRoute(
  {
    auth: "secret",
    summary: "Delete a user",
    description: "Hard delete: the user's sessions (their tokens answer 401 at once), passkeys and identities go with it. A second delete → 404.",
    tags: ["Users"],
    params: AdminUserParams,
    response: OkResponse,
  },
  async ({ ctx, params }) => {
    await adminDeleteUser({ ctx, input: { appId: params.app_id, userId: params.id } });
    return { message: "ok" };
  },
);

export const OPTIONS = preflight;
