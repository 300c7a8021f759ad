import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { AppParams } from "@/lib/apps/schemas";
import { rotateAccess } from "@/lib/sessions/rotate-access";
import { TokenPayloadSchema } from "@/lib/sessions/schemas";

export const POST = apiRoute(
  {
    auth: "secretAndUser",
    summary: "Rotate an access token (server)",
    description:
      "API secret of the app plus `X-Authorization: <access token>`, which may be expired if issued within " +
      "`refresh_expiration` and its session is live. Returns an access token with `exp = now + access_expiration` " +
      "exactly and, when `refresh_payload` is on, a new refresh token that supersedes the session's previous one.",
    tags: ["Tokens"],
    params: AppParams,
    response: TokenPayloadSchema,
  },
  async ({ ctx, principal }) => rotateAccess({ ctx, principal }),
);

export const OPTIONS = preflight;
