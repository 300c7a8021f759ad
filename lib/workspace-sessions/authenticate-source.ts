/**
 * Workspace sessions (spec §3.13): the source access token, from any app the
 * calling workspace key reaches. Its unverified `aid` only picks the app whose
 * keys verify it; the token is then fully verified (signature, type, audience,
 * live session, active user) by authenticateAccessToken, so a forged or
 * revoked token is a 401 whatever app it names. Only a genuine token of an
 * app outside the key's workspace gets 403 `workspace_access_denied`.
 */
import { decodeJwt } from "jose";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { type AccessPrincipal, authenticateAccessToken } from "@/lib/sessions/authenticate-session";
import { findLiveWorkspace, workspaceKeyReaches } from "@/lib/tenancy";

/** The `aid` claim of a JWT, unverified; null when the token is not a JWT or has none. */
export function unverifiedAppId(token: string): string | null {
  try {
    const aid = decodeJwt(token).aid;
    return typeof aid === "string" && aid.length > 0 && aid.length <= 64 ? aid : null;
  } catch {
    return null;
  }
}

export async function authenticateWorkspaceSessionSource(ctx: Ctx, token: string): Promise<AccessPrincipal> {
  if (ctx.actor.type !== "apiKey" || ctx.actor.keyKind !== "workspace") throw new AppError("workspace_api_key_required");
  const keyWorkspaceId = ctx.actor.workspaceId;
  const appId = unverifiedAppId(token);
  if (!appId) throw new AppError("invalid_token");
  const principal = await authenticateAccessToken(appId, token, { now: ctx.now });
  const app = principal.app;
  if (app.workspaceId === keyWorkspaceId) return principal;
  const ws = await findLiveWorkspace(app.workspaceId);
  if (!ws || !workspaceKeyReaches(keyWorkspaceId, ws)) throw new AppError("workspace_access_denied");
  return principal;
}
