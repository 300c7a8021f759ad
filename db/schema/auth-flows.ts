import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { timestamps, tstz } from "./_columns";
import { apps } from "./apps";
import { sessions } from "./sessions";
import { appUsers } from "./users";

/**
 * Magic links (spec §7). The emailed token is a JWT whose `jti` is this row's
 * id; the row makes it single-use (`consumed_at`, set by one guarded UPDATE)
 * and carries the cross-device polling state (`activated_session_id`,
 * `status_retrieved_at`). Ids are random v4 uuids: they double as the polling
 * handle given to the requesting device.
 */
export const magicLinks = pgTable(
  "magic_links",
  {
    id: uuid("id").primaryKey(),
    appId: uuid("app_id")
      .notNull()
      .references(() => apps.id),
    appUserId: uuid("app_user_id")
      .notNull()
      .references(() => appUsers.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["login", "register", "invite", "oauth", "workspace_invite"] }).notNull(),
    webauthnEnabled: boolean("webauthn_enabled").notNull().default(false),
    userMeta: jsonb("user_meta").$type<Record<string, unknown>>(),
    expiresAt: tstz("expires_at").notNull(),
    /** When the link was exchanged (PATCH authenticate / confirm_invite). */
    consumedAt: tstz("consumed_at"),
    /** The session the exchange created, for the polling device's own session. */
    activatedSessionId: uuid("activated_session_id").references(() => sessions.id, { onDelete: "set null" }),
    /** When the polling device collected its tokens (once). */
    statusRetrievedAt: tstz("status_retrieved_at"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    fingerprint: text("fingerprint"),
    ...timestamps,
  },
  (t) => [
    // Send limits and cleanup: links of a user, newest first.
    index("magic_links_user_idx").on(t.appUserId, t.createdAt),
    // Cleanup sweep of expired links.
    index("magic_links_expires_idx").on(t.expiresAt),
  ],
);

/**
 * Challenges (spec §2.6): one-time codes now (purpose `authenticate`), MFA,
 * step-up and verification later. The challenge token travels in URLs and is
 * stored only as its SHA-256; the code only as an HMAC keyed by the instance
 * secret and the challenge id. `attempts` is incremented in its own statement
 * before any comparison.
 */
export const challenges = pgTable(
  "challenges",
  {
    id: uuid("id").primaryKey(),
    tokenHash: text("token_hash").notNull(),
    appId: uuid("app_id")
      .notNull()
      .references(() => apps.id),
    appUserId: uuid("app_user_id").references(() => appUsers.id, { onDelete: "cascade" }),
    purpose: text("purpose", {
      enum: ["authenticate", "mfa", "step_up", "verify_contact", "verify_identity", "change_identifier", "custom"],
    }).notNull(),
    method: text("method", {
      enum: ["email_otp", "sms_otp", "magic_link", "totp", "backup_code", "webauthn", "oauth", "push", "plaid_idv"],
    }).notNull(),
    status: text("status", { enum: ["pending", "completed", "failed", "expired", "cancelled", "denied"] })
      .notNull()
      .default("pending"),
    identifier: text("identifier"),
    codeHash: text("code_hash"),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(3),
    expiresAt: tstz("expires_at").notNull(),
    completedAt: tstz("completed_at"),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    intentFields: jsonb("intent_fields").$type<Record<string, unknown>>(),
    intent: text("intent"),
    redirectUrl: text("redirect_url"),
    callbackUrl: text("callback_url"),
    denyReason: text("deny_reason"),
    /** MFA enrollment the challenge targets (totp / email_otp / sms_otp methods of §14.8). */
    mfaEnrollmentId: uuid("mfa_enrollment_id"),
    userMeta: jsonb("user_meta").$type<Record<string, unknown>>(),
    initiatorType: text("initiator_type").notNull().default("user"),
    initiatorId: text("initiator_id"),
    parentChallengeId: uuid("parent_challenge_id"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    ...timestamps,
  },
  (t) => [
    // Every challenge route: lookup by the token's hash.
    uniqueIndex("challenges_token_hash_key").on(t.tokenHash),
    // OTP verify by app user id: the user's most recent pending challenge.
    index("challenges_user_pending_idx").on(t.appUserId, t.createdAt).where(sql`${t.status} = 'pending'`),
    // Credential-less MFA replacement (§14.1): the user's recent mfa challenges.
    index("challenges_user_purpose_idx").on(t.appUserId, t.purpose, t.updatedAt),
  ],
);

/**
 * Captured and queued outgoing messages (email and SMS). With no provider
 * configured this is the dev outbox: every message is kept, readable through
 * GET /v1/apps/{app_id}/outbox and the dashboard. With a provider, rows are the
 * delivery queue and the body is cleared once sent.
 */
export const outboxMessages = pgTable(
  "outbox_messages",
  {
    id: uuid("id").primaryKey(),
    appId: uuid("app_id").references(() => apps.id),
    workspaceId: uuid("workspace_id"),
    channel: text("channel", { enum: ["email", "sms"] }).notNull(),
    template: text("template").notNull(),
    to: text("to").notNull(),
    subject: text("subject"),
    text: text("text"),
    html: text("html"),
    links: jsonb("links").$type<string[]>().notNull().default([]),
    code: text("code"),
    /** `captured` (dev outbox), `pending` → `sent` | `failed` (real provider). */
    status: text("status", { enum: ["captured", "pending", "sent", "failed"] }).notNull(),
    provider: text("provider"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    sentAt: tstz("sent_at"),
    ...timestamps,
  },
  (t) => [
    // GET /v1/apps/{app_id}/outbox: newest first.
    index("outbox_messages_app_created_idx").on(t.appId, t.createdAt.desc(), t.id.desc()),
    // The sender: pending messages, oldest first.
    index("outbox_messages_pending_idx").on(t.createdAt).where(sql`${t.status} = 'pending'`),
  ],
);

/** User meta fields of an app (spec §13); CRUD arrives with the admin-API issue. */
export const userMetaFields = pgTable(
  "user_meta_fields",
  {
    id: uuid("id").primaryKey(),
    appId: uuid("app_id")
      .notNull()
      .references(() => apps.id),
    name: text("name").notNull(),
    fieldName: text("field_name").notNull(),
    fieldType: text("field_type", {
      enum: ["string", "boolean", "integer", "date", "phone", "email", "text", "url"],
    }).notNull(),
    visibleProfile: boolean("visible_profile").notNull().default(true),
    visibleRegistration: boolean("visible_registration").notNull().default(false),
    required: boolean("required").notNull().default(false),
    position: integer("position").notNull().default(0),
    /** An email/phone field whose value a verification may target (spec §13, §15.2). */
    asVerificationIdentifier: boolean("as_verification_identifier").notNull().default(false),
    ...timestamps,
  },
  (t) => [
    // One key per app; also serves "fields of an app in order".
    uniqueIndex("user_meta_fields_app_field_key").on(t.appId, t.fieldName),
  ],
);
