import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { AdminUsersParams, AdminUserWithMetaErrorsResponse, InviteUserBody } from "@/lib/users/admin-schemas";
import { adminInviteUser } from "@/lib/users/admin-invite-user";
import { adminUserData } from "@/lib/users/admin-user-data";

const TEN_MINUTES = 600;

export const POST = apiRoute(
  {
    auth: "secret",
    summary: "Invite a user",
    description:
      "Creates the user as `pending` (valid `user_meta` stored, invalid keys reported in `user_meta_errors`) and emails an " +
      "invitation link (`{login_url}?sct_magic=…`, single use, valid `magic_link_expiration`), completed through " +
      "`POST /v1/auth/{app_id}/magic_links/confirm_invite`. A pending or imported user gets a fresh invitation; an active " +
      "user → 409 identifier_taken; an inactive one → 403 user_inactive. At most 5 invitations per address per 10 minutes.",
    tags: ["Users"],
    params: AdminUsersParams,
    body: InviteUserBody,
    response: AdminUserWithMetaErrorsResponse,
    bodyLimit: 64 * 1024,
    rateLimits: [
      {
        name: "user_invite_identifier",
        limit: 5,
        windowSeconds: TEN_MINUTES,
        key: ({ params, body }) => {
          const to = (body.identifier ?? body.email)?.trim().toLowerCase();
          return to ? `${params.app_id}:${to}` : null;
        },
      },
    ],
  },
  async ({ ctx, params, body, request }) => {
    const { app, user, userMetaErrors } = await adminInviteUser({
      ctx,
      input: {
        appId: params.app_id,
        identifier: body.identifier ?? body.email,
        userMeta: body.user_meta,
        acceptLanguage: request.headers.get("accept-language"),
      },
    });
    return { user: await adminUserData(app, user, ctx.now), user_meta_errors: userMetaErrors };
  },
);

export const OPTIONS = preflight;
