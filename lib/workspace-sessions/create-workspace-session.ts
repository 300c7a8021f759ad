import { and, eq } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { appUsers } from "@/db/schema";
import { type AppRow, findLiveApp } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import type { AccessPrincipal } from "@/lib/sessions/authenticate-session";
import { startSession, type TokenPayload } from "@/lib/sessions/start-session";
import { workspaceForActor } from "@/lib/tenancy";
import type { AppUserRow } from "@/lib/users/serialize";

/**
 * The app user of the source user's base user in `target`, created from the
 * source user's profile when absent (base users are per workspace, so this is
 * the same person). A source identity that was verified stays verified.
 */
async function targetUserFor(tx: Executor, ctx: Ctx, target: AppRow, source: AppUserRow): Promise<AppUserRow> {
  const byBaseUser = () =>
    tx
      .select()
      .from(appUsers)
      .where(and(eq(appUsers.appId, target.id), eq(appUsers.baseUserId, source.baseUserId)))
      .limit(1);
  const [existing] = await byBaseUser();
  if (existing) return existing;
  const [created] = await tx
    .insert(appUsers)
    .values({
      appId: target.id,
      baseUserId: source.baseUserId,
      status: source.status === "active" ? "active" : "pending",
      email: source.email,
      emailVerified: source.emailVerified,
      phone: source.phone,
      phoneVerified: source.phoneVerified,
      firstName: source.firstName,
      middleName: source.middleName,
      lastName: source.lastName,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .onConflictDoNothing()
    .returning();
  if (created) {
    await recordEvent(tx, ctx, {
      workspaceId: target.workspaceId,
      appId: target.id,
      appUserId: created.id,
      slug: "user.created",
      params: { user_id: created.id, status: created.status, via: "workspace_session" },
    });
    return created;
  }
  // A concurrent exchange created it first; or the identifier belongs to another base user.
  const [raced] = await byBaseUser();
  if (raced) return raced;
  throw new AppError({ code: "identifier_taken", message: "The target app already has another user with this identifier" });
}

/**
 * Cross-app sign-in inside one workspace (spec §3.13): the source session
 * (already verified, of an app the key reaches) must belong to the path's
 * workspace, and so must the target app; the target app user of the same
 * base user is found or created and gets a new `misc` session. Returns the
 * target app's token payload. Records `session.created` (and `user.login`).
 */
export async function createWorkspaceSession({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { workspaceRef: string; targetAppId: string; source: AccessPrincipal; request?: Request };
}): Promise<TokenPayload> {
  const ws = await workspaceForActor(ctx, input.workspaceRef);
  const { source } = input;
  if (source.app.workspaceId !== ws.id) throw new AppError("workspace_access_denied");
  const target = await findLiveApp(input.targetAppId);
  if (!target || target.workspaceId !== ws.id) throw new AppError("app_not_in_workspace");
  if (target.tenantMode === "verify_only") throw new AppError("tenant_mode_verify_only");

  const db = await getDb();
  return db.transaction(async (tx) => {
    const user = await targetUserFor(tx, ctx, target, source.user);
    const { session, payload } = await startSession(tx, ctx, { app: target, user, type: "misc", request: input.request });
    await recordEvent(tx, ctx, {
      workspaceId: target.workspaceId,
      appId: target.id,
      appUserId: user.id,
      slug: "session.created",
      params: {
        user_id: user.id,
        session_id: session.id,
        session_type: "misc",
        via: "workspace_session",
        source_app_id: source.app.publicId,
        source_session_id: source.session.id,
      },
    });
    return payload;
  });
}
