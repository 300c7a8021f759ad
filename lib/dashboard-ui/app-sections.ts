/**
 * App settings grouped the way an admin thinks of them (issue 8): general,
 * sign-in methods, sessions, MFA. Field names are the contract's keys, so
 * each section's form is validated by the same zod schema as PATCH /v1/apps
 * (lib/apps/schemas.ts); ranges in the hints are that schema's ranges.
 */
import type { AppRow } from "@/lib/apps/find-app";
import type { FieldSpec } from "@/lib/dashboard-ui/field-spec";

export interface AppSection {
  id: string;
  title: string;
  description: string;
  fields: FieldSpec[];
}

const n = (v: number) => String(v);

const LANGUAGES = [
  { value: "en", label: "English" },
  { value: "es", label: "Spanish" },
];

/** The hosted pages' languages, plus the app's current one if the API set another (so saving never changes it silently). */
function languageOptions(current: string): { value: string; label: string }[] {
  return LANGUAGES.some((l) => l.value === current) ? LANGUAGES : [...LANGUAGES, { value: current, label: current }];
}

export function appSections(app: AppRow): AppSection[] {
  return [
    {
      id: "general",
      title: "General",
      description: "Name, where the app runs, and where sign-in returns to.",
      fields: [
        { kind: "text", name: "name", label: "Name", hint: "Shown on sign-in pages and in emails.", value: app.name, required: true },
        { kind: "url", name: "origin", label: "Origin", hint: "e.g. https://app.example.com (http only for localhost).", value: app.origin, required: true },
        { kind: "url", name: "callback_url", label: "Callback URL", hint: "Receives the one-time token after hosted sign-in. On the app's origins.", value: app.callbackUrl ?? "" },
        { kind: "url", name: "login_url", label: "Login URL", hint: "Your own sign-in page, if any. On the app's origins.", value: app.loginUrl ?? "" },
        { kind: "textarea", name: "additional_origins", label: "Additional origins", hint: "One per line (up to 20): other sites that may use this app from a browser.", value: app.additionalOrigins.join("\n"), rows: 3 },
        {
          kind: "select",
          name: "default_language",
          label: "Default language",
          hint: "Of hosted pages and emails when the browser asks for none we have.",
          value: app.defaultLanguage,
          options: languageOptions(app.defaultLanguage),
        },
      ],
    },
    {
      id: "sign-in",
      title: "Sign-in methods",
      description: "How users prove who they are, and who may create an account.",
      fields: [
        {
          kind: "select",
          name: "email_auth_type",
          label: "Email sign-in",
          value: app.emailAuthType,
          options: [
            { value: "magic", label: "Magic link (click a link)" },
            { value: "otp", label: "One-time code (type a code)" },
          ],
        },
        {
          kind: "checkboxes",
          name: "allowed_identifiers",
          label: "Identifiers users sign in with",
          hint: "At least one.",
          selected: app.allowedIdentifiers,
          options: [
            { value: "email", label: "Email" },
            { value: "phone", label: "Phone (SMS code)" },
          ],
        },
        { kind: "checkbox", name: "passkeys_enabled", label: "Passkeys", hint: "Offer passkey sign-in and let users add passkeys.", checked: app.passkeysEnabled },
        { kind: "checkbox", name: "public_signup", label: "Public sign-up", hint: "Anyone may create an account. Off: only users you create or invite.", checked: app.publicSignup },
        { kind: "number", name: "magic_link_expiration", label: "Magic link lifetime (seconds)", hint: "60 – 604800.", value: n(app.magicLinkExpiration), min: 60, max: 604_800 },
        { kind: "number", name: "otp_expiration", label: "Code lifetime (seconds)", hint: "30 – 3600.", value: n(app.otpExpiration), min: 30, max: 3600 },
        { kind: "number", name: "otp_length", label: "Code length", hint: "4 – 10 digits.", value: n(app.otpLength), min: 4, max: 10 },
      ],
    },
    {
      id: "sessions",
      title: "Sessions",
      description: "How long users stay signed in. New lifetimes apply to tokens issued from now on.",
      fields: [
        { kind: "number", name: "access_expiration", label: "Access token lifetime (seconds)", hint: "60 – 604800.", value: n(app.accessExpiration), min: 60, max: 604_800 },
        { kind: "number", name: "refresh_expiration", label: "Refresh token lifetime (seconds)", hint: "3600 – 31536000.", value: n(app.refreshExpiration), min: 3600, max: 31_536_000 },
        { kind: "number", name: "session_timeout", label: "Inactivity timeout (seconds)", hint: "300 – 31536000: a session unused this long ends.", value: n(app.sessionTimeout), min: 300, max: 31_536_000 },
        { kind: "checkbox", name: "auto_refresh", label: "Refresh automatically", hint: "SDKs renew the access token before it expires.", checked: app.autoRefresh },
        { kind: "checkbox", name: "refresh_payload", label: "Return the refresh token in responses", hint: "Off keeps it in an http-only cookie only.", checked: app.refreshPayload },
      ],
    },
    {
      id: "mfa",
      title: "Multi-factor authentication",
      description: "A second step after sign-in, and which methods users may use for it.",
      fields: [
        {
          kind: "select",
          name: "mfa_policy",
          label: "Policy",
          value: app.mfaPolicy,
          options: [
            { value: "disabled", label: "Disabled" },
            { value: "optional", label: "Optional (users choose)" },
            { value: "required", label: "Required for everyone" },
          ],
        },
        { kind: "number", name: "mfa_reverify_minutes", label: "Re-verify after (minutes)", hint: "5 – 1440.", value: n(app.mfaReverifyMinutes), min: 5, max: 1440 },
        {
          kind: "checkboxes",
          name: "mfa_methods_allowed",
          label: "Allowed methods",
          selected: app.mfaMethodsAllowed,
          options: [
            { value: "totp", label: "Authenticator app" },
            { value: "email_otp", label: "Email code" },
            { value: "sms_otp", label: "SMS code" },
            { value: "webauthn", label: "Passkey" },
            { value: "backup_codes", label: "Backup codes" },
          ],
        },
        { kind: "checkbox", name: "webauthn_skips_mfa", label: "Passkey sign-in skips MFA", hint: "A passkey is already two factors.", checked: app.webauthnSkipsMfa },
      ],
    },
  ];
}
