import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { authenticateMagicLink } from "@/lib/magic-links/authenticate-magic-link";
import { MagicLinkParams, MagicTokenBody, TokenPayloadSchema } from "@/lib/magic-links/schemas";
import { requireLiveApp } from "@/lib/users/require-live-app";

export const PATCH = apiRoute(
  {
    auth: "none",
    summary: "Exchange a magic-link token for a session",
    description:
      "Single use: the first exchange verifies the email, activates a pending user, applies registration meta and " +
      "returns a token payload (session type `magic`, or `oauth` for `sct_oauth` tokens). Used, unknown or expired " +
      "links: 404 \"Magic link not found or expired\"; a bad signature: 401; inactive users: 403. " +
      "Limited to 60 attempts per IP per minute.",
    tags: ["Magic links"],
    params: MagicLinkParams,
    body: MagicTokenBody,
    response: TokenPayloadSchema,
    bodyLimit: 16 * 1024,
    rateLimits: [{ name: "magic_link_verify_ip", limit: 60, windowSeconds: 60, key: ({ ctx }) => ctx.ip }],
  },
  async ({ ctx, params, body, request }) =>
    authenticateMagicLink({ ctx, input: { app: await requireLiveApp(params.app_id), token: body.token, request } }),
);

export const OPTIONS = preflight;
