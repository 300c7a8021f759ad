/**
 * Workspace sessions (spec §3.13): the source access token, from any app of
 * the calling workspace key's workspace.
 * PLACEHOLDER (session 4 groundwork): the child-workspaces helper implements it.
 */
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import type { AccessPrincipal } from "@/lib/sessions/authenticate-session";

export async function authenticateWorkspaceSessionSource(ctx: Ctx, token: string): Promise<AccessPrincipal> {
  void ctx;
  void token;
  throw new AppError("unauthorized");
}
