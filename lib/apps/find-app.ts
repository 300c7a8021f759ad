import { and, eq, isNull } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { apps } from "@/db/schema";
import { isAppPublicId, isUuid } from "@/lib/ids";

export type AppRow = typeof apps.$inferSelect;

/**
 * A live (not deleted) app by public id (`app_…`) or internal uuid — every
 * `{app_id}` path slot accepts either (spec §1.2). Anything else is not found.
 */
export async function findLiveApp(idOrPublicId: string, db?: Executor): Promise<AppRow | null> {
  const column = isAppPublicId(idOrPublicId) ? apps.publicId : isUuid(idOrPublicId) ? apps.id : null;
  if (!column) return null;
  const exec = db ?? (await getDb());
  const [row] = await exec
    .select()
    .from(apps)
    .where(and(eq(column, idOrPublicId), isNull(apps.deletedAt)))
    .limit(1);
  return row ?? null;
}

const TTL_MS = 60_000;
const cache = new Map<string, { app: AppRow | null; at: number }>();

/**
 * findLiveApp with a 60-second in-process cache, for the hot public paths
 * (public app config, CORS). Local writes invalidate at once; other instances
 * see a change within the TTL (spec §4.4 allows 60 s).
 */
export async function findLiveAppCached(idOrPublicId: string): Promise<AppRow | null> {
  const now = Date.now();
  const hit = cache.get(idOrPublicId);
  if (hit && now - hit.at < TTL_MS) return hit.app;
  const app = await findLiveApp(idOrPublicId);
  if (cache.size > 10_000) cache.clear();
  cache.set(idOrPublicId, { app, at: now });
  return app;
}

export function invalidateAppCache(app: Pick<AppRow, "id" | "publicId">): void {
  cache.delete(app.id);
  cache.delete(app.publicId);
}
