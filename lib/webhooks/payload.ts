/**
 * The WebhookPayload (spec §16.3), serialized once: the stored `body` is the
 * exact bytes every attempt signs and sends. `id` is the delivery id, stable
 * across retries and replays, so receivers can deduplicate on it.
 */
export interface PayloadInput {
  deliveryId: string;
  createdAt: Date;
  eventType: string;
  appPublicId: string;
  data: Record<string, unknown>;
}

export function serializePayload(p: PayloadInput): string {
  return JSON.stringify({
    id: p.deliveryId,
    created_at: p.createdAt.toISOString(),
    event_type: p.eventType,
    app_id: p.appPublicId,
    data: p.data,
    api_version: "v1",
  });
}
