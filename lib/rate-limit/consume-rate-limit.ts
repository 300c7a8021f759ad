import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { rateLimits } from "@/db/schema";

export interface RateLimitResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** When the current window ends. */
  resetAt: Date;
}

/**
 * Count one hit against `key` and say whether it is within `limit` per
 * `windowSeconds`, as a sliding window: the hits of the current fixed window
 * plus the previous window's hits weighted by how much of it still overlaps the
 * last `windowSeconds`. Unlike a bare fixed window this lets no burst of twice
 * the limit through across a boundary, and a run of hits that straddles one is
 * still counted as a whole. The counters live in Postgres (one atomic upsert
 * that also reads the previous window), so every app instance shares them and
 * restarts keep them (threats T33).
 */
export async function consumeRateLimit(
  key: string,
  limit: number,
  windowSeconds: number,
  now: Date,
): Promise<RateLimitResult> {
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const previousStart = new Date(windowStart.getTime() - windowMs);
  const resetAt = new Date(windowStart.getTime() + windowMs);
  const db = await getDb();
  const [row] = await db
    .insert(rateLimits)
    // A window is kept one window past its end: it is the next one's "previous".
    .values({ key, windowStart, count: 1, expiresAt: new Date(resetAt.getTime() + windowMs) })
    .onConflictDoUpdate({
      target: [rateLimits.key, rateLimits.windowStart],
      set: { count: sql`${rateLimits.count} + 1` },
    })
    .returning({
      count: rateLimits.count,
      // postgres.js does not serialise a Date in a raw template: pass ISO text.
      previous: sql<number | null>`(select p.count from rate_limits p where p.key = ${key} and p.window_start = ${previousStart.toISOString()}::timestamptz)`,
    });
  const count = row?.count ?? 1;
  const overlap = 1 - (now.getTime() - windowStart.getTime()) / windowMs;
  const estimate = count + Number(row?.previous ?? 0) * overlap;
  // Expired windows are swept in small batches by a fraction of the callers.
  if (Math.random() < 0.01) {
    await db.execute(
      sql`delete from rate_limits where ctid in (select ctid from rate_limits where expires_at < ${now.toISOString()}::timestamptz limit 500)`,
    );
  }
  return {
    allowed: estimate <= limit,
    limit,
    remaining: Math.max(0, Math.floor(limit - estimate)),
    resetAt,
  };
}

export function rateLimitHeaders(r: RateLimitResult, now: Date): Record<string, string> {
  const headers: Record<string, string> = {
    "X-RateLimit-Limit": String(r.limit),
    "X-RateLimit-Remaining": String(r.remaining),
    "X-RateLimit-Reset": String(Math.ceil(r.resetAt.getTime() / 1000)),
  };
  if (!r.allowed) headers["Retry-After"] = String(Math.max(1, Math.ceil((r.resetAt.getTime() - now.getTime()) / 1000)));
  return headers;
}
