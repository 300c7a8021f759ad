import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { revokeSession } from "@/lib/sessions/revoke-session";
import { RevokedResponse, SessionParams } from "@/lib/sessions/schemas";

export const DELETE = apiRoute(
  {
    auth: "user",
    summary: "Revoke one of my sessions",
    description: "Revokes a live session of the caller (possibly the current one). Another user's, unknown or already revoked id → 404.",
    tags: ["Sessions"],
    params: SessionParams,
    response: RevokedResponse,
  },
  async ({ ctx, principal, params }) => {
    const revoked = await revokeSession({
      ctx,
      input: { app: principal.app, appUserId: principal.user.id, sessionId: params.id, reason: "revoked_by_user" },
    });
    if (!revoked) throw new AppError({ code: "not_found", message: "Session not found" });
    return { message: "ok", verified: true };
  },
);

export const OPTIONS = preflight;
