import type { AppRow } from "@/lib/apps/find-app";
import { getEnv } from "@/lib/env";
import { type MetaFieldRow, toMetaFieldSchema } from "@/lib/meta-fields/list-meta-fields";
import type { PublicOAuthProvider } from "@/lib/oauth/serialize";

/** What the app object lists from other tables; empty where a caller does not load them (app lists). */
export interface AppRelated {
  metaFields: readonly MetaFieldRow[];
  oauthProviders: readonly PublicOAuthProvider[];
}
const NONE: AppRelated = { metaFields: [], oauthProviders: [] };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The public app object (spec §2.3). Allowlisted keys only: never secrets. */
export function toPublicApp(app: AppRow, publicKeyPem: string | null, related: AppRelated = NONE): Record<string, unknown> {
  return {
    id: app.publicId,
    name: app.name,
    slug: app.slug,
    created_at: app.createdAt.toISOString(),
    updated_at: app.updatedAt.toISOString(),
    origin: app.origin,
    additional_origins: app.additionalOrigins,
    callback_url: app.callbackUrl,
    login_url: app.loginUrl,
    logo: app.logo,
    logo_dark: app.logoDark,
    colors: app.colors,
    public_key: publicKeyPem,
    profile_management: app.profileManagement,
    public_signup: app.publicSignup,
    access_expiration: app.accessExpiration,
    refresh_expiration: app.refreshExpiration,
    refresh_payload: app.refreshPayload,
    auto_refresh: app.autoRefresh,
    magic_link_expiration: app.magicLinkExpiration,
    otp_expiration: app.otpExpiration,
    otp_length: app.otpLength,
    session_timeout: app.sessionTimeout,
    scute_branding: app.scuteBranding,
    allowed_identifiers: app.allowedIdentifiers,
    required_identifiers: app.requiredIdentifiers,
    email_required: app.emailRequired,
    phone_number_required: app.phoneNumberRequired,
    email_auth_type: app.emailAuthType,
    passkeys_enabled: app.passkeysEnabled,
    default_language: app.defaultLanguage,
    user_meta_data_schema: related.metaFields.map(toMetaFieldSchema),
    oauth_providers: related.oauthProviders,
    base_url: getEnv().baseUrl,
    mfa_policy: app.mfaPolicy,
    mfa_methods_allowed: app.mfaMethodsAllowed,
    mfa_reverify_minutes: app.mfaReverifyMinutes,
    webauthn_skips_mfa: app.webauthnSkipsMfa,
    tenant_mode: app.tenantMode,
    verification_mode: app.verificationMode,
    verification_redirect_url_template: app.verificationRedirectUrlTemplate,
    verification_redirect_delay: app.verificationRedirectDelay,
    verification_success_message: app.verificationSuccessMessage,
  };
}

/** The admin app object (spec §4.1): the public object plus admin-only settings. */
export function toAdminApp(app: AppRow, publicKeyPem: string | null, related: AppRelated = NONE): Record<string, unknown> {
  return {
    ...toPublicApp(app, publicKeyPem, related),
    workspace_id: app.workspaceId,
    deleted_at: iso(app.deletedAt),
    webauthn_rp_id: app.webauthnRpId,
    test_identities_enabled: app.testIdentitiesEnabled,
    verification_rate_limit_per_hour: app.verificationRateLimitPerHour,
  };
}

/** Contract (snake_case) setting name → apps table column, for every writable setting. */
export const SETTING_COLUMNS = {
  name: "name",
  slug: "slug",
  origin: "origin",
  additional_origins: "additionalOrigins",
  callback_url: "callbackUrl",
  login_url: "loginUrl",
  logo: "logo",
  logo_dark: "logoDark",
  colors: "colors",
  profile_management: "profileManagement",
  public_signup: "publicSignup",
  access_expiration: "accessExpiration",
  refresh_expiration: "refreshExpiration",
  refresh_payload: "refreshPayload",
  auto_refresh: "autoRefresh",
  magic_link_expiration: "magicLinkExpiration",
  otp_expiration: "otpExpiration",
  otp_length: "otpLength",
  session_timeout: "sessionTimeout",
  scute_branding: "scuteBranding",
  allowed_identifiers: "allowedIdentifiers",
  required_identifiers: "requiredIdentifiers",
  email_required: "emailRequired",
  phone_number_required: "phoneNumberRequired",
  email_auth_type: "emailAuthType",
  passkeys_enabled: "passkeysEnabled",
  default_language: "defaultLanguage",
  mfa_policy: "mfaPolicy",
  mfa_methods_allowed: "mfaMethodsAllowed",
  mfa_reverify_minutes: "mfaReverifyMinutes",
  webauthn_skips_mfa: "webauthnSkipsMfa",
  webauthn_rp_id: "webauthnRpId",
  tenant_mode: "tenantMode",
  verification_mode: "verificationMode",
  verification_redirect_url_template: "verificationRedirectUrlTemplate",
  verification_redirect_delay: "verificationRedirectDelay",
  verification_success_message: "verificationSuccessMessage",
  verification_rate_limit_per_hour: "verificationRateLimitPerHour",
  test_identities_enabled: "testIdentitiesEnabled",
} as const satisfies Record<string, keyof AppRow>;

export type AppSettingName = keyof typeof SETTING_COLUMNS;

/** Map validated snake_case settings onto the apps table's columns. */
export function settingsToColumns(s: Record<string, unknown>): Partial<AppRow> {
  const map: Record<string, keyof AppRow> = SETTING_COLUMNS;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(s)) {
    const column = map[key];
    if (column && value !== undefined) out[column] = value;
  }
  return out as Partial<AppRow>;
}
