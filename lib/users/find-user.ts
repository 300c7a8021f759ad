import { and, eq, sql } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { appUsers } from "@/db/schema";
import type { Identifier } from "@/lib/identifiers/parse-identifier";
import { isUuid } from "@/lib/ids";
import type { AppUserRow } from "@/lib/users/serialize";

/** The app's user with this identifier (email case-insensitive, phone E.164), or null. */
export async function findUserByIdentifier(appId: string, id: Identifier, db?: Executor): Promise<AppUserRow | null> {
  const exec = db ?? (await getDb());
  const where =
    id.kind === "email"
      ? and(eq(appUsers.appId, appId), sql`lower(${appUsers.email}) = ${id.normalized}`)
      : and(eq(appUsers.appId, appId), eq(appUsers.phone, id.normalized));
  const [row] = await exec.select().from(appUsers).where(where).limit(1);
  return row ?? null;
}

/** The app's user with this id, or null (ids of other apps are not found). */
export async function findUserById(appId: string, userId: string, db?: Executor): Promise<AppUserRow | null> {
  if (!isUuid(userId)) return null;
  const exec = db ?? (await getDb());
  const [row] = await exec
    .select()
    .from(appUsers)
    .where(and(eq(appUsers.appId, appId), eq(appUsers.id, userId)))
    .limit(1);
  return row ?? null;
}
