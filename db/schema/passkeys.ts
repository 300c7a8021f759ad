import { bigint, boolean, index, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { pk, timestamps, tstz } from "./_columns";
import { apps } from "./apps";
import { appUsers } from "./users";

/**
 * WebAuthn credentials (spec §9). `credential_id` is the browser's base64url
 * `credential.id`, stored and returned byte for byte; `public_key` is the
 * COSE key, base64url.
 */
export const webauthnCredentials = pgTable(
  "webauthn_credentials",
  {
    id: pk(),
    appId: uuid("app_id")
      .notNull()
      .references(() => apps.id),
    appUserId: uuid("app_user_id")
      .notNull()
      .references(() => appUsers.id, { onDelete: "cascade" }),
    credentialId: text("credential_id").notNull(),
    publicKey: text("public_key").notNull(),
    counter: bigint("counter", { mode: "number" }).notNull().default(0),
    transports: jsonb("transports").$type<string[]>().notNull().default([]),
    aaguid: text("aaguid"),
    deviceType: text("device_type", { enum: ["singleDevice", "multiDevice"] }),
    backedUp: boolean("backed_up").notNull().default(false),
    nickname: text("nickname"),
    userAgent: text("user_agent"),
    lastUsedAt: tstz("last_used_at"),
    ...timestamps,
  },
  (t) => [
    // Login finalize: the credential an assertion names, within the app.
    uniqueIndex("webauthn_credentials_app_credential_key").on(t.appId, t.credentialId),
    // allowCredentials / excludeCredentials / device list: credentials of a user.
    index("webauthn_credentials_user_idx").on(t.appUserId),
  ],
);

/**
 * WebAuthn ceremony state (spec §9 shared rules): keyed by the SHA-256 of the
 * challenge, found on finalize from `clientDataJSON`, single use (one guarded
 * UPDATE of `consumed_at`), 5-minute expiry. No cookies.
 */
export const webauthnCeremonies = pgTable(
  "webauthn_ceremonies",
  {
    id: pk(),
    appId: uuid("app_id")
      .notNull()
      .references(() => apps.id),
    challengeHash: text("challenge_hash").notNull(),
    type: text("type", { enum: ["register", "login", "add_device", "mfa"] }).notNull(),
    appUserId: uuid("app_user_id").references(() => appUsers.id, { onDelete: "cascade" }),
    userVerification: text("user_verification").notNull().default("preferred"),
    userMeta: jsonb("user_meta").$type<Record<string, unknown>>(),
    expiresAt: tstz("expires_at").notNull(),
    consumedAt: tstz("consumed_at"),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [
    // Finalize: the ceremony of a challenge.
    uniqueIndex("webauthn_ceremonies_challenge_key").on(t.challengeHash),
    // Cleanup sweep of expired ceremonies.
    index("webauthn_ceremonies_expires_idx").on(t.expiresAt),
  ],
);
