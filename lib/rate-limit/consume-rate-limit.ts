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
 * Count one hit against `key` in a fixed window of `windowSeconds` and say
 * whether it is within `limit`. The counter lives in Postgres (one atomic
 * upsert), so every app instance shares it and restarts keep it (threats T33).
 */
export async function consumeRateLimit(
  key: string,
  limit: number,
  windowSeconds: number,
  now: Date,
): Promise<RateLimitResult> {
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const resetAt = new Date(windowStart.getTime() + windowMs);
  const db = await getDb();
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart, count: 1, expiresAt: resetAt })
    .onConflictDoUpdate({
      target: [rateLimits.key, rateLimits.windowStart],
      set: { count: sql`${rateLimits.count} + 1` },
    })
    .returning({ count: rateLimits.count });
  const count = row?.count ?? 1;
  // Expired windows are swept in small batches by a fraction of the callers.
  if (Math.random() < 0.01) {
    await db.execute(
      // postgres.js does not serialise a Date in a raw template: pass ISO text.
      sql`delete from rate_limits where ctid in (select ctid from rate_limits where expires_at < ${now.toISOString()}::timestamptz limit 500)`,
    );
  }
  return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), resetAt };
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
