import type { events } from "@/db/schema";
import { redactEventParams } from "@/lib/events/redact";
import type { EventObject } from "@/lib/events/schemas";

export type EventRow = typeof events.$inferSelect;

/**
 * The Event object (spec §17). `data` holds the recorded facts (redacted
 * again on the way out, for rows written before redaction existed); who
 * acted and the request id go in `metadata`.
 */
export function toEvent(row: EventRow, appPublicId: string | null): EventObject {
  const at = row.createdAt.toISOString();
  return {
    id: row.id,
    app_id: appPublicId,
    slug: row.slug,
    event_type: row.slug,
    category: row.category,
    data: redactEventParams(row.params),
    controller: null,
    action: null,
    params: {},
    note: null,
    ip_address: row.ip,
    user_agent: row.userAgent,
    app_user_id: row.appUserId,
    metadata: { actor_type: row.actorType, actor_id: row.actorId, request_id: row.requestId },
    created_at: at,
    updated_at: at,
  };
}
