import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { randomBase62 } from "@/lib/ids";
import { consumeRateLimit, rateLimitHeaders } from "@/lib/rate-limit/consume-rate-limit";

const key = () => `test:${randomBase62(10)}`;
// 12:00:30 UTC: 30 s into a 60 s window that ends at 12:01:00.
const T0 = new Date("2030-01-01T12:00:30Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

afterEach(() => {
  vi.restoreAllMocks();
});

describe("consumeRateLimit", () => {
  it("counts hits per key and refuses the limit+1-th within a window", async () => {
    const k = key();
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await consumeRateLimit(k, 3, 60, at(i)));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
    for (const r of results) {
      expect(r.limit).toBe(3);
      expect(r.resetAt.toISOString()).toBe("2030-01-01T12:01:00.000Z");
    }
    expect((await consumeRateLimit(k, 3, 60, at(29))).allowed).toBe(false);
  });

  it("slides: the previous window still counts in proportion to its overlap", async () => {
    const k = key();
    // Three hits late in the 12:00 window (limit 4 per minute).
    for (let i = 0; i < 3; i++) expect((await consumeRateLimit(k, 4, 60, at(25))).allowed).toBe(true);
    // Just past the boundary the old hits still weigh almost fully: one more passes, the next does not.
    expect((await consumeRateLimit(k, 4, 60, at(31))).allowed).toBe(true);
    expect((await consumeRateLimit(k, 4, 60, at(31))).allowed).toBe(false);
    // A fixed window would have let 2 more through here; halfway into 12:01 the old three still
    // weigh 1.5, on top of the three hits of 12:01 (refused ones count too): 4.5 > 4.
    expect((await consumeRateLimit(k, 4, 60, at(60))).allowed).toBe(false);
    // With a whole empty window between, nothing old counts any more.
    const fresh = await consumeRateLimit(k, 4, 60, at(180));
    expect(fresh).toMatchObject({ allowed: true, remaining: 3 });
    expect(fresh.resetAt.toISOString()).toBe("2030-01-01T12:04:00.000Z");
  });

  it("keeps keys apart", async () => {
    const a = key();
    const b = key();
    expect((await consumeRateLimit(a, 1, 60, T0)).allowed).toBe(true);
    expect((await consumeRateLimit(a, 1, 60, T0)).allowed).toBe(false);
    expect((await consumeRateLimit(b, 1, 60, T0)).allowed).toBe(true);
  });

  it("shares one counter between callers, since it lives in the database", async () => {
    const k = key();
    // Two "instances" (independent calls, no in-process state) count against the same bucket.
    const first = await consumeRateLimit(k, 2, 60, T0);
    const second = await consumeRateLimit(k, 2, 60, T0);
    expect([first.remaining, second.remaining]).toEqual([1, 0]);
    const { rows } = await countRows(k);
    expect(rows).toBe(1);

    // Concurrent hits are counted atomically: exactly `limit` of them pass.
    const burst = key();
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => consumeRateLimit(burst, 5, 60, T0)));
    expect(outcomes.filter((r) => r.allowed)).toHaveLength(5);
    expect((await countRows(burst)).count).toBe(12);
  });

  // Regression (Postgres): the sweep binds a JS Date through a raw `sql` template, which postgres.js
  // refuses ("The "string" argument must be of type string… Received an instance of Date"), so about one
  // rate-limited request in a hundred fails with 500. PGlite accepts the Date, so it passes there.
  it("sweeps expired windows now and then", async () => {
    const old = key();
    await consumeRateLimit(old, 5, 60, new Date("2029-12-31T00:00:00Z"));
    vi.spyOn(Math, "random").mockReturnValue(0);
    await consumeRateLimit(key(), 5, 60, T0);
    expect((await countRows(old)).rows).toBe(0);
  });
});

async function countRows(k: string): Promise<{ rows: number; count: number }> {
  const db = await getDb();
  const result = await db.execute(sql`select count(*)::int as rows, coalesce(sum(count), 0)::int as count from rate_limits where key = ${k}`);
  const row = (Array.isArray(result) ? result[0] : (result as { rows: unknown[] }).rows[0]) as { rows: number; count: number };
  return { rows: Number(row.rows), count: Number(row.count) };
}

describe("rateLimitHeaders", () => {
  it("reports limit, remaining and reset (unix seconds) on every answer", () => {
    const h = rateLimitHeaders({ allowed: true, limit: 10, remaining: 7, resetAt: new Date("2030-01-01T12:01:00Z") }, T0);
    expect(h).toEqual({
      "X-RateLimit-Limit": "10",
      "X-RateLimit-Remaining": "7",
      "X-RateLimit-Reset": String(Date.parse("2030-01-01T12:01:00Z") / 1000),
    });
  });

  it("adds Retry-After (whole seconds, at least 1) when refused", () => {
    const refused = { allowed: false, limit: 10, remaining: 0, resetAt: new Date("2030-01-01T12:01:00Z") };
    expect(rateLimitHeaders(refused, T0)["Retry-After"]).toBe("30");
    expect(rateLimitHeaders(refused, new Date("2030-01-01T12:00:59.500Z"))["Retry-After"]).toBe("1");
    expect(rateLimitHeaders(refused, new Date("2030-01-01T12:01:00Z"))["Retry-After"]).toBe("1");
  });
});
