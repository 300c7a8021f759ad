import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { pk, timestamps, tstz } from "./_columns";
import { apps } from "./apps";
import { challenges } from "./auth-flows";
import { appUsers } from "./users";

/**
 * Verifications (spec §15): a backend asks a contact to prove and approve.
 * Each is backed by a challenge (code and link token live there, hashed);
 * this row holds what the contract shows: intent, context, consent, risk.
 */
export const verifications = pgTable(
  "verifications",
  {
    id: pk(),
    appId: uuid("app_id")
      .notNull()
      .references(() => apps.id),
    challengeId: uuid("challenge_id").references(() => challenges.id, { onDelete: "set null" }),
    /** Initiator (operator) app user, if any. */
    appUserId: uuid("app_user_id").references(() => appUsers.id, { onDelete: "set null" }),
    toAppUserId: uuid("to_app_user_id").references(() => appUsers.id, { onDelete: "cascade" }),
    status: text("status", { enum: ["pending", "verified", "failed", "cancelled", "expired", "denied"] })
      .notNull()
      .default("pending"),
    channel: text("channel", { enum: ["sms", "email", "metafield", "user_identifier"] }).notNull(),
    verificationType: text("verification_type", { enum: ["magic_link", "otp"] }).notNull(),
    reason: text("reason"),
    intent: text("intent"),
    timeout: integer("timeout").notNull(),
    identifier: text("identifier").notNull(),
    recipientName: text("recipient_name"),
    metaData: jsonb("meta_data").$type<Record<string, unknown>>().notNull().default({}),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    redirectUrl: text("redirect_url"),
    consentDecision: text("consent_decision", { enum: ["approved", "denied"] }),
    wasOpened: boolean("was_opened").notNull().default(false),
    openedAt: tstz("opened_at"),
    risk: jsonb("risk").$type<Record<string, unknown>>(),
    attempts: jsonb("attempts").$type<Record<string, unknown>[]>().notNull().default([]),
    /** The verification this one replaced (resend). */
    replacesId: uuid("replaces_id"),
    initiatorType: text("initiator_type").notNull().default("api"),
    initiatorId: text("initiator_id"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    sentAt: tstz("sent_at"),
    verifiedAt: tstz("verified_at"),
    expiresAt: tstz("expires_at").notNull(),
    ...timestamps,
  },
  (t) => [
    // GET /v1/verify/{app_id}/verifications: an app's verifications, newest first.
    index("verifications_app_created_idx").on(t.appId, t.createdAt.desc()),
    // The recipient's own list (user credential) and per-contact history.
    index("verifications_to_user_idx").on(t.toAppUserId, t.createdAt.desc()),
    // Landing page and verify: the backing challenge.
    index("verifications_challenge_idx").on(t.challengeId),
    // Expiry sweep: pending verifications past their lifetime.
    index("verifications_pending_expiry_idx").on(t.expiresAt).where(sql`${t.status} = 'pending'`),
  ],
);

/**
 * Single-use token ids (`jti`) already exchanged — `scute_token` (spec §15.12)
 * and any other one-time JWT. Rows are kept until `expires_at`, then swept.
 */
export const usedTokenIds = pgTable(
  "used_token_ids",
  {
    jti: text("jti").primaryKey(),
    appId: uuid("app_id").notNull(),
    kind: text("kind").notNull(),
    expiresAt: tstz("expires_at").notNull(),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  // Sweep of expired rows.
  (t) => [index("used_token_ids_expires_idx").on(t.expiresAt)],
);
