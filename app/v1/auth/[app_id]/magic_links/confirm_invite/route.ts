import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { confirmInvite } from "@/lib/magic-links/confirm-invite";
import { ConfirmInviteBody, MagicLinkParams, TokenPayloadSchema } from "@/lib/magic-links/schemas";
import { requireLiveApp } from "@/lib/users/require-live-app";

export const POST = apiRoute(
  {
    auth: "none",
    summary: "Accept an invitation",
    description:
      "Exchanges an invitation token (single use) for a session. Every required meta field must have a value — from the " +
      "user, the invitation or `user_meta` — and every given value must be valid, else 422 user_meta_invalid with " +
      "`errors` (the invitation stays usable). Used, unknown or expired invitations: 404 \"Magic link not found or expired\".",
    tags: ["Magic links"],
    params: MagicLinkParams,
    body: ConfirmInviteBody,
    response: TokenPayloadSchema,
    bodyLimit: 64 * 1024,
    rateLimits: [{ name: "magic_link_verify_ip", limit: 60, windowSeconds: 60, key: ({ ctx }) => ctx.ip }],
  },
  async ({ ctx, params, body, request }) =>
    confirmInvite({
      ctx,
      input: { app: await requireLiveApp(params.app_id), token: body.token, userMeta: body.user_meta, request },
    }),
);

export const OPTIONS = preflight;
