/**
 * Shapes of the event log API (spec §17.1): query filters with the flat
 * pagination of §1.7, and the Event object.
 */
import { z } from "zod";
import { optional } from "@/lib/api/fields";

/**
 * A query integer: not a whole number, or below `min` → 400 (malformed, not a
 * validation failure); above `max` → clamped to `max` (page sizes).
 */
const zQueryInt = (min: number, max: number) =>
  z.preprocess(
    (v) => {
      const n = typeof v === "string" && /^\s*-?\d{1,9}\s*$/.test(v) ? Number(v) : v;
      // Anything else stays as it came and fails the number check (400 `bad_request`).
      return typeof n === "number" && Number.isInteger(n) && n >= min ? n : String(v);
    },
    z.number({ error: `must be a whole number of at least ${min}` }).transform((n) => Math.min(n, max)),
  );

const MAX_FILTER = 200;

export const EventsParams = z.object({ app_id: z.string() });

export const EventsQuery = z.object({
  page: optional(zQueryInt(1, 100_000)).default(1).describe("1-based page (default 1)"),
  limit: optional(zQueryInt(1, 100)).describe("Page size, 1–100 (default 25); larger values are clamped to 100"),
  per_page: optional(zQueryInt(1, 100)).describe("Synonym of `limit`"),
  category: optional(z.string().max(MAX_FILTER)).describe("First part of the event type, e.g. `user`, `auth`, `otp`"),
  slug: optional(z.string().max(MAX_FILTER)).describe("Exact event type, e.g. `user.created`"),
  user_id: optional(z.string().max(MAX_FILTER)).describe("App user id (uuid)"),
  start_date: optional(z.string().max(64)).describe("ISO-8601 date or date-time; events at or after it"),
  end_date: optional(z.string().max(64)).describe("ISO-8601 date-time (events at or before it) or date (the whole day)"),
});
export type EventsQueryInput = z.output<typeof EventsQuery>;

export const EventSchema = z
  .object({
    id: z.string().describe("uuid"),
    app_id: z.string().nullable().describe("Public app id (`app_…`)"),
    slug: z.string().describe("Event type, e.g. `user.created`"),
    event_type: z.string().describe("Same as `slug`"),
    category: z.string(),
    data: z.record(z.string(), z.unknown()).describe("Facts about the event; secrets are always `[FILTERED]`"),
    controller: z.string().nullable(),
    action: z.string().nullable(),
    params: z.record(z.string(), z.unknown()).describe("Request parameters worth keeping; never secrets"),
    note: z.string().nullable(),
    ip_address: z.string().nullable(),
    user_agent: z.string().nullable(),
    app_user_id: z.string().nullable(),
    metadata: z.record(z.string(), z.unknown()),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: "Event", description: "An audit-log event (spec §17)." });
export type EventObject = z.output<typeof EventSchema>;

export const EventsResponse = z.object({
  count: z.number().int().describe("Events matching the filters"),
  total_count: z.number().int().describe("Same as `count`"),
  total_pages: z.number().int(),
  current_page: z.number().int(),
  next_page: z.number().int().nullable(),
  prev_page: z.number().int().nullable(),
  per_page: z.number().int(),
  events: z.array(EventSchema),
});
