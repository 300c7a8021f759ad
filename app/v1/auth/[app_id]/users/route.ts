import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { parseIdentifier } from "@/lib/identifiers/parse-identifier";
import { createUser } from "@/lib/users/create-user";
import { lookupUser } from "@/lib/users/lookup-user";
import { requireLiveApp } from "@/lib/users/require-live-app";
import { CreateUserBody, CreateUserResponse, UserLookupQuery, UserLookupResponse, UsersParams } from "@/lib/users/schemas";
import { toScuteUserData } from "@/lib/users/serialize";

const TEN_MINUTES = 600;

export const GET = apiRoute(
  {
    auth: "none",
    summary: "Look a user up by identifier or id",
    description:
      "Exactly one of `identifier` (email, case-insensitive; phone, E.164) or `user_id`. Exact match only; never " +
      "creates a user. Always 200: `{ user: null }` when there is no such user. Limited to 60 lookups per IP per minute. " +
      "Ignores any Authorization header.",
    tags: ["Users"],
    params: UsersParams,
    query: UserLookupQuery,
    response: UserLookupResponse,
    rateLimits: [{ name: "user_lookup_ip", limit: 60, windowSeconds: 60, key: ({ ctx }) => ctx.ip }],
  },
  async ({ params, query }) => ({
    user: await lookupUser({ app: await requireLiveApp(params.app_id, { cached: true }), identifier: query.identifier, userId: query.user_id }),
  }),
);

/** Sends without a secret email a confirmation link: the magic-link send limits apply to them. */
const anonymous = (ctx: { actor: { type: string } }) => ctx.actor.type !== "apiKey";

export const POST = apiRoute(
  {
    auth: "optionalSecret",
    summary: "Create a user",
    description:
      "With the app's secret (or its workspace's): the user is created `active` and nothing is sent unless " +
      "`send_confirmation`. Without a secret: only when `public_signup` is on (else 401), as `pending`, and a " +
      "confirmation link is emailed (limited like magic-link sends). Invalid `user_meta` keys are listed in " +
      "`user_meta_errors`, not stored. 409 identifier_taken when the identifier exists.",
    tags: ["Users"],
    params: UsersParams,
    body: CreateUserBody,
    response: CreateUserResponse,
    bodyLimit: 64 * 1024,
    rateLimits: [
      {
        name: "magic_link_send_ip",
        limit: 30,
        windowSeconds: TEN_MINUTES,
        key: ({ ctx, params }) => (anonymous(ctx) && ctx.ip ? `${params.app_id}:${ctx.ip}` : null),
      },
      {
        name: "magic_link_send_identifier",
        limit: 5,
        windowSeconds: TEN_MINUTES,
        key: ({ ctx, params, body }) => {
          const identifier = anonymous(ctx) ? parseIdentifier(body.identifier) : null;
          return identifier ? `${params.app_id}:${identifier.normalized}` : null;
        },
      },
    ],
  },
  async ({ ctx, params, body, request }) => {
    const { app, user, userMetaErrors } = await createUser({
      ctx,
      input: {
        appId: params.app_id,
        identifier: body.identifier,
        userMeta: body.user_meta,
        sendConfirmation: body.send_confirmation,
        acceptLanguage: request.headers.get("accept-language"),
      },
    });
    return { user: toScuteUserData(user, app, []), user_meta_errors: userMetaErrors };
  },
);

export const OPTIONS = preflight;
