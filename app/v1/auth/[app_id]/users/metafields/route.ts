import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { metafieldState } from "@/lib/users/metafield-state";
import { requireLiveApp } from "@/lib/users/require-live-app";
import { MetafieldStateQuery, MetafieldStateResponse, UsersParams } from "@/lib/users/schemas";

export const GET = apiRoute(
  {
    auth: "none",
    summary: "Whether a user still has required meta fields to fill",
    description: "`{ meta: true }` when some required meta field has no value for the user; `{ meta: false }` otherwise and for unknown users.",
    tags: ["Users"],
    params: UsersParams,
    query: MetafieldStateQuery,
    response: MetafieldStateResponse,
    rateLimits: [{ name: "user_lookup_ip", limit: 60, windowSeconds: 60, key: ({ ctx }) => ctx.ip }],
  },
  async ({ params, query }) => ({
    meta: await metafieldState({ app: await requireLiveApp(params.app_id, { cached: true }), userId: query.user_id }),
  }),
);

export const OPTIONS = preflight;
