import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { pk, timestamps, tstz } from "./_columns";
import { workspaces } from "./workspaces";

/** Every setting of spec §2.3 and §4.1; defaults are the contract's. */
export const apps = pgTable(
  "apps",
  {
    id: pk(),
    publicId: text("public_id").notNull(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    origin: text("origin").notNull(),
    additionalOrigins: jsonb("additional_origins").$type<string[]>().notNull().default([]),
    callbackUrl: text("callback_url"),
    loginUrl: text("login_url"),
    logo: text("logo"),
    logoDark: text("logo_dark"),
    colors: jsonb("colors").$type<string[]>().notNull().default([]),
    profileManagement: boolean("profile_management").notNull().default(true),
    publicSignup: boolean("public_signup").notNull().default(true),
    accessExpiration: integer("access_expiration").notNull().default(3600),
    refreshExpiration: integer("refresh_expiration").notNull().default(604800),
    refreshPayload: boolean("refresh_payload").notNull().default(true),
    autoRefresh: boolean("auto_refresh").notNull().default(true),
    magicLinkExpiration: integer("magic_link_expiration").notNull().default(2000),
    otpExpiration: integer("otp_expiration").notNull().default(600),
    otpLength: integer("otp_length").notNull().default(6),
    sessionTimeout: integer("session_timeout").notNull().default(604800),
    scuteBranding: boolean("scute_branding").notNull().default(false),
    allowedIdentifiers: jsonb("allowed_identifiers").$type<("email" | "phone")[]>().notNull().default(["email"]),
    requiredIdentifiers: jsonb("required_identifiers").$type<("email" | "phone")[]>().notNull().default(["email"]),
    emailRequired: boolean("email_required").notNull().default(true),
    phoneNumberRequired: boolean("phone_number_required").notNull().default(false),
    emailAuthType: text("email_auth_type", { enum: ["magic", "otp"] }).notNull().default("magic"),
    passkeysEnabled: boolean("passkeys_enabled").notNull().default(true),
    defaultLanguage: text("default_language").notNull().default("en"),
    mfaPolicy: text("mfa_policy", { enum: ["disabled", "optional", "required"] }).notNull().default("disabled"),
    mfaMethodsAllowed: jsonb("mfa_methods_allowed")
      .$type<string[]>()
      .notNull()
      .default(["totp", "email_otp", "sms_otp", "webauthn", "backup_codes"]),
    mfaReverifyMinutes: integer("mfa_reverify_minutes").notNull().default(15),
    webauthnSkipsMfa: boolean("webauthn_skips_mfa").notNull().default(true),
    /** Relying-party id for passkeys: null = the origin's host; else a registrable parent domain of it. */
    webauthnRpId: text("webauthn_rp_id"),
    tenantMode: text("tenant_mode", { enum: ["full", "verify_only"] }).notNull().default("full"),
    verificationMode: text("verification_mode", { enum: ["dismiss", "consent"] }).notNull().default("dismiss"),
    verificationRedirectUrlTemplate: text("verification_redirect_url_template"),
    verificationRedirectDelay: integer("verification_redirect_delay").notNull().default(4),
    verificationSuccessMessage: text("verification_success_message"),
    verificationRateLimitPerHour: integer("verification_rate_limit_per_hour").notNull().default(10),
    testIdentitiesEnabled: boolean("test_identities_enabled").notNull().default(false),
    deletedAt: tstz("deleted_at"),
    ...timestamps,
  },
  (t) => [
    // Every {app_id} path slot given as a public id.
    uniqueIndex("apps_public_id_key").on(t.publicId),
    // GET /v1/apps and /v1/workspaces/{id}/apps: live apps of a workspace, oldest first.
    index("apps_workspace_idx").on(t.workspaceId, t.createdAt).where(sql`${t.deletedAt} is null`),
  ],
);
