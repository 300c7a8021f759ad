import { preflight } from "@/lib/api/cors";
import { apiRoute, json } from "@/lib/api/route";
import { pollMagicLink } from "@/lib/magic-links/poll-magic-link";
import { MagicLinkParams, MagicLinkStatusBody, MagicLinkStatusResponse } from "@/lib/magic-links/schemas";
import { requireLiveApp } from "@/lib/users/require-live-app";

export const POST = apiRoute(
  {
    auth: "none",
    summary: "Poll a magic link (cross-device sign-in)",
    description:
      "202 `{message: \"pending\"}` until the link is used on any device; then, once, 200 with a token payload for a new " +
      "`xlogin` session on the polling device and `message: \"ok\"`; afterwards, or for unknown/expired ids, 404 " +
      "\"Magic link not found or expired\". Limited to 300 polls per IP per minute.",
    tags: ["Magic links"],
    params: MagicLinkParams,
    body: MagicLinkStatusBody,
    response: MagicLinkStatusResponse,
    bodyLimit: 16 * 1024,
    rateLimits: [
      { name: "magic_link_status_ip", limit: 300, windowSeconds: 60, key: ({ ctx }) => ctx.ip },
    ],
  },
  async ({ ctx, params, body, request }) => {
    const result = await pollMagicLink({ ctx, input: { app: await requireLiveApp(params.app_id), id: body.id, request } });
    if (result.status === "pending") return json({ message: "pending", status: "pending" }, 202);
    return { ...result.payload, message: "ok" };
  },
);

export const OPTIONS = preflight;
