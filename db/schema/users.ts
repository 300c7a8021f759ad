import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { pk, timestamps, tstz } from "./_columns";
import { apps } from "./apps";
import { workspaces } from "./workspaces";

/** Platform-level identity behind app users of one workspace (spec §1.2 "base user"). */
export const baseUsers = pgTable(
  "base_users",
  {
    id: pk(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    email: text("email"),
    phone: text("phone"),
    ...timestamps,
  },
  (t) => [
    // Workspace sessions (§3.13): the same person across apps of a workspace.
    uniqueIndex("base_users_workspace_email_key")
      .on(t.workspaceId, sql`lower(${t.email})`)
      .where(sql`${t.email} is not null`),
    uniqueIndex("base_users_workspace_phone_key")
      .on(t.workspaceId, t.phone)
      .where(sql`${t.phone} is not null`),
  ],
);

/** End users of an app (spec §2.4). */
export const appUsers = pgTable(
  "app_users",
  {
    id: pk(),
    appId: uuid("app_id")
      .notNull()
      .references(() => apps.id),
    baseUserId: uuid("base_user_id")
      .notNull()
      .references(() => baseUsers.id),
    status: text("status", { enum: ["active", "pending", "inactive", "imported"] }).notNull().default("pending"),
    email: text("email"),
    emailVerified: boolean("email_verified").notNull().default(false),
    phone: text("phone"),
    phoneVerified: boolean("phone_verified").notNull().default(false),
    externalId: text("external_id"),
    firstName: text("first_name"),
    middleName: text("middle_name"),
    lastName: text("last_name"),
    meta: jsonb("meta").$type<Record<string, unknown>>(),
    /** Free-form authorization attributes set by the admin API (§12.7), stored and echoed. */
    authzAttributes: jsonb("authz_attributes").$type<Record<string, unknown>>(),
    /**
     * Fuzzy-search text (§12.4): names, email and phone, lower-cased. Searched
     * with pg_trgm (`%`, `<%`, similarity) through a GIN trigram index.
     */
    searchText: text("search_text").generatedAlwaysAs(
      sql`lower(coalesce(first_name, '') || ' ' || coalesce(middle_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(phone, ''))`,
    ),
    webauthnEnabled: boolean("webauthn_enabled").notNull().default(false),
    webauthnTypes: jsonb("webauthn_types").$type<string[]>().notNull().default([]),
    loginCount: integer("login_count").notNull().default(0),
    lastLoginAt: tstz("last_login_at"),
    lastUsedAt: tstz("last_used_at"),
    ...timestamps,
  },
  (t) => [
    // Sign-in and lookup by identifier, case-insensitive email.
    uniqueIndex("app_users_app_email_key").on(t.appId, sql`lower(${t.email})`).where(sql`${t.email} is not null`),
    uniqueIndex("app_users_app_phone_key").on(t.appId, t.phone).where(sql`${t.phone} is not null`),
    uniqueIndex("app_users_app_external_id_key").on(t.appId, t.externalId).where(sql`${t.externalId} is not null`),
    // Admin list: newest first, keyset on (created_at, id).
    index("app_users_app_list_idx").on(t.appId, t.createdAt.desc(), t.id.desc()),
    // Fuzzy search (§12.4): trigram index on the search text.
    index("app_users_search_trgm_idx").using("gin", t.searchText.op("gin_trgm_ops")),
    // Status filter with the newest-first order.
    index("app_users_app_status_idx").on(t.appId, t.status, t.createdAt.desc(), t.id.desc()),
    // Workspace sessions: app user of a base user in a target app.
    index("app_users_base_user_idx").on(t.baseUserId),
  ],
);
