import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { sessions } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import type { SessionRow } from "@/lib/users/serialize";

/** Sessions shown per user; older live sessions beyond this are not listed. */
export const MAX_LISTED_SESSIONS = 100;

/**
 * The live sessions of a user, newest first (spec §10.4, §2.4 `sessions`):
 * not revoked, not expired, used within the app's `session_timeout`, the same
 * rule token resolution applies (isSessionLive). Uses sessions_user_live_idx.
 */
export async function listLiveSessions(
  app: Pick<AppRow, "id" | "sessionTimeout">,
  appUserId: string,
  now: Date,
  db?: Executor,
): Promise<SessionRow[]> {
  const exec = db ?? (await getDb());
  const idleSince = new Date(now.getTime() - app.sessionTimeout * 1000);
  return exec
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.appUserId, appUserId),
        eq(sessions.appId, app.id),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        gt(sessions.lastUsedAt, idleSince),
      ),
    )
    .orderBy(desc(sessions.createdAt), desc(sessions.id))
    .limit(MAX_LISTED_SESSIONS);
}
