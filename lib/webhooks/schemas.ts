/**
 * Webhook shapes (spec §16): request bodies, path and query slots, and the
 * WebhookEndpoint, Delivery and Attempt objects.
 */
import { z } from "zod";
import { nullable, optional, PAGINATION, unwrap, zArray, zBool, zInt, zJsonObject, zText } from "@/lib/api/fields";

const zEventTypes = zArray(z.string().max(200), 100).describe(
  "Event types to receive (GET …/webhooks/event_types), or `[\"*\"]` for all; duplicates are removed",
);
const zMetadata = zJsonObject(z.record(z.string(), z.unknown())).describe("Free-form labels (at most 4 KB as JSON)");

const fields = {
  description: nullable(zText(1000)),
  enabled: optional(zBool()),
  event_types: optional(zEventTypes),
  retry_limit: optional(zInt(0, 10)).describe("Retries after the first attempt, 0–10 (default 3)"),
  metadata: optional(zMetadata),
};

/** POST body (`{ webhook: {…} }`, flat or form). */
export const WebhookCreateBody = z.preprocess(
  unwrap("webhook"),
  z.object({ url: z.string().describe("https URL of the receiver"), ...fields }),
);
export type WebhookCreateInput = z.output<typeof WebhookCreateBody>;

/** PATCH/PUT body: the create fields, all optional. */
export const WebhookUpdateBody = z.preprocess(unwrap("webhook"), z.object({ url: optional(z.string()), ...fields }));
export type WebhookUpdateInput = z.output<typeof WebhookUpdateBody>;

export const WebhookTestBody = z.object({
  event_type: optional(z.string().max(200)).describe("Event type to put in the test payload (default `webhook.test`)"),
});

export const WebhooksParams = z.object({ app_id: z.string() });
export const WebhookParams = WebhooksParams.extend({ id: z.string() });
export const DeliveryParams = WebhookParams.extend({ delivery_id: z.string() });

export const DELIVERY_STATUSES = ["pending", "processing", "delivered", "failed"] as const;

export const DeliveriesQuery = z.object({
  ...PAGINATION,
  status: optional(z.enum(DELIVERY_STATUSES)).describe("Only deliveries in this state"),
});
export type DeliveriesQueryInput = z.output<typeof DeliveriesQuery>;

const endpointFields = {
  id: z.string().describe("uuid"),
  url: z.string(),
  description: z.string().nullable(),
  enabled: z.boolean(),
  event_types: z.array(z.string()),
  retry_limit: z.number().int(),
  version: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  disabled_reason: z.string().nullable().describe("Why the system switched the endpoint off (e.g. it answered 410 Gone)"),
  last_ping_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
};

export const WebhookEndpointSummary = z
  .object(endpointFields)
  .meta({ id: "WebhookEndpointSummary", description: "A webhook endpoint in a list: everything but its secret (spec §16.1)." });
export type WebhookEndpointSummaryObject = z.output<typeof WebhookEndpointSummary>;

export const WebhookEndpoint = z
  .object({
    ...endpointFields,
    secret: z.string().describe("Signing secret (`whsec_…`)"),
    previous_secret_expires_at: z
      .string()
      .nullable()
      .describe("After a rotation: until when the previous secret still signs alongside the new one"),
  })
  .meta({ id: "WebhookEndpoint", description: "A webhook endpoint with its signing secret (spec §16.1)." });
export type WebhookEndpointObject = z.output<typeof WebhookEndpoint>;

export const WebhookAttempt = z
  .object({
    id: z.string(),
    attempt: z.number().int().describe("1 for the first attempt of the delivery"),
    trigger: z.enum(["automatic", "replay", "test"]),
    success: z.boolean(),
    signature: z.string(),
    response_status: z.number().int().nullable(),
    response_body: z.string().nullable().describe("First 1 KB of the receiver's answer"),
    failure_reason: z.string().nullable(),
    duration_ms: z.number().int(),
    started_at: z.string(),
    created_at: z.string(),
  })
  .meta({ id: "WebhookAttempt", description: "One send of a delivery." });
export type WebhookAttemptObject = z.output<typeof WebhookAttempt>;

export const WebhookDelivery = z
  .object({
    id: z.string().describe("uuid; also the payload `id` receivers deduplicate on"),
    webhook_endpoint_id: z.string(),
    event_id: z.string().nullable(),
    event_type: z.string(),
    status: z.enum(DELIVERY_STATUSES),
    retry_count: z.number().int().describe("Attempts made so far"),
    signature: z.string().nullable().describe("Signature header of the last attempt"),
    payload: z.record(z.string(), z.unknown()).describe("The WebhookPayload sent (spec §16.3)"),
    response_status: z.number().int().nullable(),
    response_body: z.string().nullable(),
    failure_reason: z.string().nullable(),
    next_attempt_at: z.string().nullable().describe("When the next automatic attempt is due (pending only)"),
    delivered_at: z.string().nullable(),
    attempts: z.array(WebhookAttempt),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: "WebhookDelivery", description: "One event to one endpoint, with every attempt (spec §16.2)." });
export type WebhookDeliveryObject = z.output<typeof WebhookDelivery>;

export const WebhookListResponse = z.object({ webhooks: z.array(WebhookEndpointSummary) });

export const DeliveriesResponse = z.object({
  deliveries: z.array(WebhookDelivery),
  pagination: z.object({
    current_page: z.number().int(),
    total_pages: z.number().int(),
    total_count: z.number().int(),
    per_page: z.number().int(),
  }),
});

export const SendResultResponse = z.object({
  success: z.boolean(),
  delivery: WebhookDelivery,
  response_status: z.number().int().nullable(),
  response_time_ms: z.number().int(),
});

export const EventTypesResponse = z.object({
  event_types: z.array(z.object({ name: z.string(), description: z.string() })),
});
