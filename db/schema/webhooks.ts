import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { pk, timestamps, tstz } from "./_columns";
import { apps } from "./apps";

/**
 * Webhook endpoints of an app (spec §16.1). The signing secret is returned on
 * create and get, so it is kept sealed (lib/crypto encryptSecret, purpose
 * "webhook_secret") rather than hashed. After a rotation the previous secret
 * keeps signing alongside the new one until `previous_secret_expires_at`.
 */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: pk(),
    appId: uuid("app_id")
      .notNull()
      .references(() => apps.id),
    url: text("url").notNull(),
    description: text("description"),
    enabled: boolean("enabled").notNull().default(true),
    eventTypes: jsonb("event_types").$type<string[]>().notNull().default(["*"]),
    retryLimit: integer("retry_limit").notNull().default(3),
    version: text("version").notNull().default("v1"),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    secretSealed: text("secret_sealed").notNull(),
    previousSecretSealed: text("previous_secret_sealed"),
    previousSecretExpiresAt: tstz("previous_secret_expires_at"),
    /** Why the endpoint was switched off by the system (e.g. it answered 410 Gone). */
    disabledReason: text("disabled_reason"),
    lastPingAt: tstz("last_ping_at"),
    ...timestamps,
  },
  (t) => [
    // The list of an app's endpoints, and fan-out of an event to them.
    index("webhook_endpoints_app_idx").on(t.appId, t.createdAt),
  ],
);

/**
 * One event to one endpoint (spec §16.2 Delivery object): the queue itself.
 * `body` holds the exact bytes sent (serialized once); each attempt signs
 * them afresh. Workers claim due rows with `FOR UPDATE SKIP LOCKED` and a
 * lease (`locked_until`): a row left `processing` by a crashed worker is due
 * again once its lease runs out. Written in the same transaction as the event.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    /** Also the payload `id` receivers deduplicate on (stable across retries and replays). */
    id: pk(),
    appId: uuid("app_id")
      .notNull()
      .references(() => apps.id),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventId: uuid("event_id"),
    eventType: text("event_type").notNull(),
    body: text("body").notNull(),
    status: text("status", { enum: ["pending", "processing", "delivered", "failed"] }).notNull().default("pending"),
    /** Attempts made so far. */
    retryCount: integer("retry_count").notNull().default(0),
    /** Attempts allowed after the first (the endpoint's retry_limit when the delivery was made). */
    retryLimit: integer("retry_limit").notNull().default(3),
    nextAttemptAt: tstz("next_attempt_at").notNull().defaultNow(),
    lockedUntil: tstz("locked_until"),
    lockedBy: text("locked_by"),
    lastSignature: text("last_signature"),
    responseStatus: integer("response_status"),
    responseBody: text("response_body"),
    failureReason: text("failure_reason"),
    deliveredAt: tstz("delivered_at"),
    ...timestamps,
  },
  (t) => [
    // Workers: due pending rows, oldest first.
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    // Workers: processing rows whose lease ran out (crash recovery).
    index("webhook_deliveries_lease_idx").on(t.lockedUntil).where(sql`${t.status} = 'processing'`),
    // Deliveries API: an endpoint's deliveries, newest first, optionally by status.
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt.desc(), t.id.desc()),
    index("webhook_deliveries_endpoint_status_idx").on(t.endpointId, t.status, t.createdAt.desc()),
  ],
);

/** Every attempt of a delivery (issue: status, response code, latency, first 1 KB, failure reason). */
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: pk(),
    deliveryId: uuid("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    /** `automatic`, `replay` or `test`. */
    trigger: text("trigger").notNull().default("automatic"),
    signature: text("signature").notNull(),
    success: boolean("success").notNull(),
    responseStatus: integer("response_status"),
    responseBody: text("response_body"),
    failureReason: text("failure_reason"),
    durationMs: integer("duration_ms").notNull(),
    workerId: text("worker_id"),
    startedAt: tstz("started_at").notNull(),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [index("webhook_attempts_delivery_idx").on(t.deliveryId, t.attempt)],
);
