/** The shared POST handler of /magic_links/login and /magic_links/register (spec §7.1, §7.2). */
import type { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { parseEmail } from "@/lib/identifiers/parse-identifier";
import { MagicLinkLoginBody, MagicLinkParams, MagicLinkRegisterBody, MagicLinkSentResponse } from "@/lib/magic-links/schemas";
import { sendMagicLink } from "@/lib/magic-links/send-magic-link";
import { requireLiveApp } from "@/lib/users/require-live-app";

const TEN_MINUTES = 600;

export function sendRoute(kind: "login" | "register", summary: string, description: string) {
  const body: z.ZodType<z.output<typeof MagicLinkRegisterBody>, z.input<typeof MagicLinkRegisterBody>> =
    kind === "register" ? MagicLinkRegisterBody : MagicLinkLoginBody;
  return apiRoute(
    {
      auth: "none",
      summary,
      description: `${description} Limited to 5 sends per email and 30 per IP every 10 minutes. Ignores any Authorization header.`,
      tags: ["Magic links"],
      params: MagicLinkParams,
      body,
      response: MagicLinkSentResponse,
      bodyLimit: 64 * 1024,
      rateLimits: [
        {
          name: "magic_link_send_ip",
          limit: 30,
          windowSeconds: TEN_MINUTES,
          key: ({ ctx, params }) => (ctx.ip ? `${params.app_id}:${ctx.ip}` : null),
        },
        {
          name: "magic_link_send_identifier",
          limit: 5,
          windowSeconds: TEN_MINUTES,
          key: ({ params, body }) => {
            const email = parseEmail(body.identifier);
            return email ? `${params.app_id}:${email.normalized}` : null;
          },
        },
      ],
    },
    async ({ ctx, params, body, request }) => {
      const result = await sendMagicLink({
        ctx,
        input: {
          app: await requireLiveApp(params.app_id),
          kind,
          identifier: body.identifier,
          webauthnEnabled: body.webauthn_enabled,
          userMeta: body.user_meta,
          acceptLanguage: request.headers.get("accept-language"),
          fingerprint: request.headers.get("x-fingerprint"),
        },
      });
      return { magic_link: { id: result.magicLinkId }, user_meta_errors: result.userMetaErrors };
    },
  );
}
