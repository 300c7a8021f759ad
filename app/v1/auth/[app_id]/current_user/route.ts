import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { AppParams } from "@/lib/apps/schemas";
import { AppError } from "@/lib/errors";
import { getCurrentUser } from "@/lib/sessions/current-user";
import { revokeSession } from "@/lib/sessions/revoke-session";
import { CurrentUserResponse, SignOutResponse } from "@/lib/sessions/schemas";

export const GET = apiRoute(
  {
    auth: "user",
    summary: "Current user",
    description:
      "The token's user with their live sessions. Checks the session on every call (revocation is immediate); " +
      "any invalid, expired or revoked token is a 401, which the SDK turns into session expiry.",
    tags: ["Sessions"],
    params: AppParams,
    response: CurrentUserResponse,
  },
  async ({ ctx, principal }) => getCurrentUser({ ctx, principal }),
);

export const DELETE = apiRoute(
  {
    auth: "user",
    summary: "Sign out",
    description: "Revokes only the token's session; its access and refresh tokens answer 401 afterwards. Already revoked → 401.",
    tags: ["Sessions"],
    params: AppParams,
    response: SignOutResponse,
  },
  async ({ ctx, principal }) => {
    const { app, session } = principal;
    const revoked = await revokeSession({
      ctx,
      input: { app, appUserId: session.appUserId, sessionId: session.id, reason: "sign_out" },
    });
    // Revoked by a concurrent request after this one resolved the token.
    if (!revoked) throw new AppError("session_revoked");
    return { message: "ok" };
  },
);

export const OPTIONS = preflight;
