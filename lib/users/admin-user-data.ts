/**
 * Shared pieces of the admin users verbs: the tenant-scoped user lookup (404
 * for ids of other apps, exactly like unknown ids: threats T19), the full user
 * object with its live sessions, and the mapping of unique-index races to 409s.
 */
import { and, desc, eq, gt, inArray, isNull } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { sessions } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import { AppError } from "@/lib/errors";
import { listLiveSessions, MAX_LISTED_SESSIONS } from "@/lib/sessions/list-sessions";
import { findUserById } from "@/lib/users/find-user";
import { type AppUserRow, type SessionRow, toScuteUserData } from "@/lib/users/serialize";

/** The app's user `userId`, or 404 `user_not_found` (also for malformed ids and other apps' users). */
export async function requireAppUser(app: Pick<AppRow, "id">, userId: string, db?: Executor): Promise<AppUserRow> {
  const user = await findUserById(app.id, userId, db);
  if (!user) throw new AppError("user_not_found");
  return user;
}

/** The admin view of a user: `ScuteUserData` plus the stored `authz_attributes` (spec §12.7). */
export function toAdminUserData(user: AppUserRow, app: AppRow, live: SessionRow[]): Record<string, unknown> {
  return { ...toScuteUserData(user, app, live), authz_attributes: user.authzAttributes ?? {} };
}

/** One user with its live sessions (spec §12.6). */
export async function adminUserData(app: AppRow, user: AppUserRow, now: Date, db?: Executor): Promise<Record<string, unknown>> {
  return toAdminUserData(user, app, await listLiveSessions(app, user.id, now, db));
}

/**
 * Many users with their live sessions, in one query for the sessions (a list
 * page). Same liveness rule as listLiveSessions; at most MAX_LISTED_SESSIONS each.
 */
export async function adminUsersData(app: AppRow, users: AppUserRow[], now: Date, db?: Executor): Promise<Record<string, unknown>[]> {
  if (users.length === 0) return [];
  const exec = db ?? (await getDb());
  const idleSince = new Date(now.getTime() - app.sessionTimeout * 1000);
  const rows = await exec
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.appId, app.id),
        inArray(
          sessions.appUserId,
          users.map((u) => u.id),
        ),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
        gt(sessions.lastUsedAt, idleSince),
      ),
    )
    .orderBy(desc(sessions.createdAt), desc(sessions.id));
  const byUser = new Map<string, SessionRow[]>();
  for (const row of rows) {
    const list = byUser.get(row.appUserId) ?? [];
    if (list.length < MAX_LISTED_SESSIONS) list.push(row);
    byUser.set(row.appUserId, list);
  }
  return users.map((u) => toAdminUserData(u, app, byUser.get(u.id) ?? []));
}

/** Turn a unique-index violation on app_users into the contract's 409; rethrow anything else. */
export function conflictFrom(error: unknown): never {
  if (isUniqueViolation(error, "app_users_app_external_id_key")) throw new AppError("external_id_taken");
  if (isUniqueViolation(error, "app_users_app_email_key") || isUniqueViolation(error, "app_users_app_phone_key")) {
    throw new AppError("identifier_taken");
  }
  throw error;
}
