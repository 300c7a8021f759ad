import { and, count, desc, eq, gte, lt, lte, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { events } from "@/db/schema";
import { pageSize } from "@/lib/api/fields";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import type { EventObject, EventsQueryInput } from "@/lib/events/schemas";
import { toEvent } from "@/lib/events/serialize";
import { isUuid } from "@/lib/ids";
import { appForActor } from "@/lib/tenancy";

export interface EventPage {
  count: number;
  total_count: number;
  total_pages: number;
  current_page: number;
  next_page: number | null;
  prev_page: number | null;
  per_page: number;
  events: EventObject[];
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
// ISO-8601 date-time: date, `T` or space, time with optional seconds and fraction, optional zone (UTC when absent).
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

function badParam(name: string, message: string): AppError {
  return new AppError({ code: "bad_request", message: `Invalid query parameter ${name}: ${message}`, errors: { [name]: [message] } });
}

/**
 * Parse an ISO-8601 date or date-time; 400 otherwise. A date alone is the
 * start of that UTC day, or with `endOfDay` the start of the next one (an
 * exclusive bound: the whole day is included).
 */
export function parseDateParam(name: string, value: string, endOfDay = false): { at: Date; exclusive: boolean } {
  const v = value.trim();
  if (DATE_ONLY.test(v)) {
    const at = new Date(`${v}T00:00:00.000Z`);
    if (Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== v) throw badParam(name, "not a valid date");
    return endOfDay ? { at: new Date(at.getTime() + 86_400_000), exclusive: true } : { at, exclusive: false };
  }
  if (!DATE_TIME.test(v)) throw badParam(name, "expected an ISO-8601 date or date-time, e.g. 2026-01-31T12:00:00Z");
  // Engines roll 2026-02-30 over to March: check the calendar date itself.
  const day = v.slice(0, 10);
  const dayAt = new Date(`${day}T00:00:00.000Z`);
  if (Number.isNaN(dayAt.getTime()) || dayAt.toISOString().slice(0, 10) !== day) throw badParam(name, "not a valid date");
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(v) ? v : `${v}Z`;
  const at = new Date(zoned.replace(" ", "T"));
  if (Number.isNaN(at.getTime())) throw badParam(name, "not a valid date-time");
  return { at, exclusive: false };
}

/** The app's events, newest first, filtered and paginated (spec §17.1). */
export async function listEvents({ ctx, input }: { ctx: Ctx; input: { appId: string; query: EventsQueryInput } }): Promise<EventPage> {
  const app = await appForActor(ctx, input.appId);
  const q = input.query;
  const filters: SQL[] = [eq(events.appId, app.id)];
  if (q.category) filters.push(eq(events.category, q.category));
  if (q.slug) filters.push(eq(events.slug, q.slug));
  if (q.user_id !== undefined) {
    if (!isUuid(q.user_id)) throw badParam("user_id", "must be a uuid");
    filters.push(eq(events.appUserId, q.user_id));
  }
  const start = q.start_date !== undefined ? parseDateParam("start_date", q.start_date) : null;
  const end = q.end_date !== undefined ? parseDateParam("end_date", q.end_date, true) : null;
  if (start && end && (end.exclusive ? start.at >= end.at : start.at > end.at)) throw badParam("start_date", "must not be after end_date");
  if (start) filters.push(gte(events.createdAt, start.at));
  if (end) filters.push(end.exclusive ? lt(events.createdAt, end.at) : lte(events.createdAt, end.at));

  const perPage = pageSize(q);
  const page = q.page;
  const where = and(...filters);
  const db = await getDb();
  const [totals] = await db.select({ n: count() }).from(events).where(where);
  const total = totals?.n ?? 0;
  // events_app_created_idx serves the order (app_id, created_at desc, id desc).
  const rows = await db
    .select()
    .from(events)
    .where(where)
    .orderBy(desc(events.createdAt), desc(events.id))
    .limit(perPage)
    .offset((page - 1) * perPage);
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  return {
    count: total,
    total_count: total,
    total_pages: totalPages,
    current_page: page,
    next_page: page < totalPages ? page + 1 : null,
    prev_page: page > 1 ? Math.min(page - 1, totalPages) : null,
    per_page: perPage,
    events: rows.map((r) => toEvent(r, app.publicId)),
  };
}
