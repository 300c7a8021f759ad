import { sql } from "drizzle-orm";
import { boolean, index, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { pk, timestamps, tstz } from "./_columns";
import { apps } from "./apps";
import { appUsers } from "./users";

/**
 * OAuth / OpenID Connect sign-in providers of an app (spec §6.1). The client
 * secret is write-only: kept sealed with the instance secret
 * (lib/crypto encryptSecret, purpose "auth_provider"), never returned.
 * `issuer` is the discovery URL of a generic OpenID Connect provider
 * (slug `oidc` or any custom slug); well-known providers leave it null.
 */
export const authProviders = pgTable(
  "auth_providers",
  {
    id: pk(),
    appId: uuid("app_id")
      .notNull()
      .references(() => apps.id),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    issuer: text("issuer"),
    clientId: text("client_id").notNull(),
    clientSecretSealed: text("client_secret_sealed"),
    scopes: jsonb("scopes").$type<string[]>().notNull().default([]),
    enabled: boolean("enabled").notNull().default(true),
    ...timestamps,
  },
  // Upsert by slug (§6.3); also serves "providers of an app".
  (t) => [uniqueIndex("auth_providers_app_slug_key").on(t.appId, t.slug)],
);

/**
 * OAuth `state` (spec §6.4): the row makes the signed state single-use
 * (`consumed_at`, one guarded UPDATE) and keeps the PKCE verifier and OIDC
 * nonce server-side, sealed. Ids are random v4 uuids carried in the signed state.
 */
export const oauthStates = pgTable(
  "oauth_states",
  {
    id: uuid("id").primaryKey(),
    appId: uuid("app_id")
      .notNull()
      .references(() => apps.id),
    providerSlug: text("provider_slug").notNull(),
    codeVerifierSealed: text("code_verifier_sealed").notNull(),
    nonce: text("nonce"),
    /** Where the hosted flow wants to land afterwards (already checked against the app's origins). */
    returnTo: text("return_to"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    expiresAt: tstz("expires_at").notNull(),
    consumedAt: tstz("consumed_at"),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  // Cleanup sweep of expired states.
  (t) => [index("oauth_states_expires_idx").on(t.expiresAt)],
);

/** Provider identities linked to app users (one per provider subject). */
export const userIdentities = pgTable(
  "user_identities",
  {
    id: pk(),
    appId: uuid("app_id")
      .notNull()
      .references(() => apps.id),
    appUserId: uuid("app_user_id")
      .notNull()
      .references(() => appUsers.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(),
    subject: text("subject").notNull(),
    email: text("email"),
    lastSignInAt: tstz("last_sign_in_at"),
    ...timestamps,
  },
  (t) => [
    // Callback: find the identity of a provider subject.
    uniqueIndex("user_identities_app_provider_subject_key").on(t.appId, t.provider, t.subject),
    // Export and user page: identities of a user.
    index("user_identities_user_idx").on(t.appUserId),
  ],
);

/**
 * Message service providers (spec §19): per-app SMS and email delivery.
 * `config` holds the non-secret settings; secret keys (auth_token, api_key,
 * password…) are sealed together in `secret_config_sealed` and masked on read.
 */
export const messageProviders = pgTable(
  "message_providers",
  {
    id: pk(),
    appId: uuid("app_id")
      .notNull()
      .references(() => apps.id),
    providerType: text("provider_type", { enum: ["sms", "email"] }).notNull(),
    provider: text("provider").notNull(),
    name: text("name"),
    enabled: boolean("enabled").notNull().default(true),
    isDefault: boolean("is_default").notNull().default(false),
    from: text("from"),
    config: jsonb("config").$type<Record<string, unknown>>().notNull().default({}),
    secretConfigSealed: text("secret_config_sealed"),
    ...timestamps,
  },
  (t) => [
    // Upsert by (provider_type, provider) (§19.2).
    uniqueIndex("message_providers_app_type_provider_key").on(t.appId, t.providerType, t.provider),
    // The senders: the app's default enabled provider of a channel.
    index("message_providers_app_default_idx")
      .on(t.appId, t.providerType)
      .where(sql`${t.enabled} and ${t.isDefault}`),
  ],
);
