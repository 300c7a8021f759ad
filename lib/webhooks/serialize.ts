import type { webhookAttempts, webhookDeliveries } from "@/db/schema";
import type {
  WebhookAttemptObject,
  WebhookDeliveryObject,
  WebhookEndpointObject,
  WebhookEndpointSummaryObject,
} from "@/lib/webhooks/schemas";
import { type EndpointRow, openWebhookSecret } from "@/lib/webhooks/secret";

export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type AttemptRow = typeof webhookAttempts.$inferSelect;

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** The endpoint without its secret (lists). */
export function toWebhookSummary(row: EndpointRow): WebhookEndpointSummaryObject {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    enabled: row.enabled,
    event_types: row.eventTypes,
    retry_limit: row.retryLimit,
    version: row.version,
    metadata: row.metadata,
    disabled_reason: row.disabledReason,
    last_ping_at: iso(row.lastPingAt),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** The endpoint with its signing secret (spec §16.1: create, get, update, rotate). */
export function toWebhookEndpoint(row: EndpointRow, now = new Date()): WebhookEndpointObject {
  const overlap = row.previousSecretSealed && row.previousSecretExpiresAt && row.previousSecretExpiresAt > now;
  return {
    ...toWebhookSummary(row),
    secret: openWebhookSecret(row.secretSealed),
    previous_secret_expires_at: overlap ? iso(row.previousSecretExpiresAt) : null,
  };
}

export function toWebhookAttempt(row: AttemptRow): WebhookAttemptObject {
  return {
    id: row.id,
    attempt: row.attempt,
    trigger: row.trigger === "replay" || row.trigger === "test" ? row.trigger : "automatic",
    success: row.success,
    signature: row.signature,
    response_status: row.responseStatus,
    response_body: row.responseBody,
    failure_reason: row.failureReason,
    duration_ms: row.durationMs,
    started_at: row.startedAt.toISOString(),
    created_at: row.createdAt.toISOString(),
  };
}

function parsePayload(body: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The Delivery object (spec §16.2) with its attempts, oldest first. */
export function toWebhookDelivery(row: DeliveryRow, attempts: AttemptRow[]): WebhookDeliveryObject {
  return {
    id: row.id,
    webhook_endpoint_id: row.endpointId,
    event_id: row.eventId,
    event_type: row.eventType,
    status: row.status,
    retry_count: row.retryCount,
    signature: row.lastSignature,
    payload: parsePayload(row.body),
    response_status: row.responseStatus,
    response_body: row.responseBody,
    failure_reason: row.failureReason,
    next_attempt_at: row.status === "pending" ? row.nextAttemptAt.toISOString() : null,
    delivered_at: iso(row.deliveredAt),
    attempts: attempts.map(toWebhookAttempt),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
