import { integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { tstz } from "./_columns";

/**
 * Fixed-window rate-limit counters shared by every app instance (spec §1.9).
 * One atomic `INSERT … ON CONFLICT DO UPDATE … RETURNING` per check.
 */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").notNull(),
    windowStart: tstz("window_start").notNull(),
    count: integer("count").notNull(),
    expiresAt: tstz("expires_at").notNull(),
  },
  // The check itself: (key, window) is the conflict target.
  (t) => [primaryKey({ name: "rate_limits_pkey", columns: [t.key, t.windowStart] })],
);

/** Instance-wide facts: first-start bootstrap, secret fingerprint. */
export const instanceState = pgTable("instance_state", {
  key: text("key").primaryKey(),
  value: jsonb("value").$type<Record<string, unknown>>().notNull(),
  createdAt: tstz("created_at").notNull().defaultNow(),
});
