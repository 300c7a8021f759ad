/**
 * App settings (spec §2.3, §4.1) with the validation ranges of §4.5: the one
 * zod source for POST/PATCH /v1/apps and the dashboard forms.
 */
import { z } from "zod";
import { nullable, optional, unwrap, zArray, zBool, zInt, zText } from "@/lib/api/fields";
import { rpIdFormProblem, rpIdOriginsProblem } from "@/lib/passkeys/rp-id";
import { parseHttpUrl, parseOrigin } from "@/lib/urls";

const origin = z
  .string()
  .trim()
  .max(2048)
  .transform((v, ctx) => {
    const o = parseOrigin(v);
    if (!o) {
      ctx.addIssue({ code: "custom", message: "must be an origin like https://app.example.com (http only for localhost)" });
      return z.NEVER;
    }
    return o;
  });

const httpUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((v) => parseHttpUrl(v) !== null, "must be an absolute http(s) URL");

const imageUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((v) => parseHttpUrl(v, { httpsOnly: true }) !== null || /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//.test(v), "must be an https URL");

/** A parent domain for passkeys (spec §9); whether it covers the origins is checked with them. */
const rpId = z
  .string()
  .trim()
  .max(253)
  .transform((v) => v.toLowerCase())
  .superRefine((v, ctx) => {
    const problem = rpIdFormProblem(v);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const hexColor = z.string().regex(/^#[0-9A-Fa-f]{6}$/, "must be a #RRGGBB colour");
const identifier = z.enum(["email", "phone"]);
const MFA_METHODS = ["totp", "email_otp", "sms_otp", "webauthn", "backup_codes"] as const;

/** Every writable setting; all optional (PATCH). Keys are the contract's snake_case names. */
export const AppSettingsFields = {
  // Required settings: an empty value is an error, never "not given" (threats §3.8).
  name: zText(256).optional(),
  slug: optional(z.string().trim().regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, "lowercase letters, digits and dashes")),
  origin: origin.optional(),
  additional_origins: optional(zArray(origin, 20)),
  callback_url: nullable(httpUrl),
  login_url: nullable(httpUrl),
  logo: nullable(imageUrl),
  logo_dark: nullable(imageUrl),
  colors: optional(zArray(hexColor, 10)),
  profile_management: optional(zBool()),
  public_signup: optional(zBool()),
  access_expiration: optional(zInt(60, 604_800)),
  refresh_expiration: optional(zInt(3_600, 31_536_000)),
  refresh_payload: optional(zBool()),
  auto_refresh: optional(zBool()),
  magic_link_expiration: optional(zInt(60, 604_800)),
  otp_expiration: optional(zInt(30, 3_600)),
  otp_length: optional(zInt(4, 10)),
  session_timeout: optional(zInt(300, 31_536_000)),
  scute_branding: optional(zBool()),
  allowed_identifiers: optional(zArray(identifier, 2).pipe(z.array(identifier).min(1))),
  required_identifiers: optional(zArray(identifier, 2)),
  email_required: optional(zBool()),
  phone_number_required: optional(zBool()),
  email_auth_type: optional(z.enum(["magic", "otp"])),
  passkeys_enabled: optional(zBool()),
  default_language: optional(z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, "a language tag like en or es-MX")),
  mfa_policy: optional(z.enum(["disabled", "optional", "required"])),
  mfa_methods_allowed: optional(zArray(z.enum(MFA_METHODS), MFA_METHODS.length)),
  mfa_reverify_minutes: optional(zInt(5, 1_440)),
  webauthn_skips_mfa: optional(zBool()),
  webauthn_rp_id: nullable(rpId),
  tenant_mode: optional(z.enum(["full", "verify_only"])),
  verification_mode: optional(z.enum(["dismiss", "consent"])),
  verification_redirect_url_template: nullable(
    z
      .string()
      .trim()
      .max(2048)
      .refine((v) => parseHttpUrl(v.replace(/\{[a-z_][a-z0-9_]*\}/gi, "x")) !== null, "must be an http(s) URL template"),
  ),
  verification_redirect_delay: optional(zInt(0, 60)),
  verification_success_message: nullable(zText(500)),
  verification_rate_limit_per_hour: optional(zInt(1, 1_000)),
  test_identities_enabled: optional(zBool()),
};

export const AppSettingsSchema = z.object(AppSettingsFields);
export type AppSettingsInput = z.output<typeof AppSettingsSchema>;

export const CreateAppBody = z.preprocess(
  unwrap("app"),
  AppSettingsSchema.extend({
    name: zText(256),
    origin,
    workspace_id: optional(z.string().trim().max(128)),
  }).superRefine((app, ctx) => {
    // A malformed id already has its issue (zod runs this refinement anyway).
    if (!app.webauthn_rp_id || rpIdFormProblem(app.webauthn_rp_id)) return;
    const problem = rpIdOriginsProblem(app.webauthn_rp_id, [app.origin, ...(app.additional_origins ?? [])]);
    if (problem) ctx.addIssue({ code: "custom", path: ["webauthn_rp_id"], message: problem });
  }),
);
export type CreateAppInput = z.output<typeof CreateAppBody>;

export const UpdateAppBody = z.preprocess(unwrap("app"), AppSettingsSchema);

/** The public app object (spec §2.3), for OpenAPI. */
export const PublicApp = z
  .object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    origin: z.string(),
    additional_origins: z.array(z.string()),
    callback_url: z.string().nullable(),
    login_url: z.string().nullable(),
    access_expiration: z.number().int(),
    auto_refresh: z.boolean(),
    email_auth_type: z.enum(["magic", "otp"]),
    public_key: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .passthrough()
  .meta({ id: "App", description: "Public app configuration (spec §2.3); further keys as documented there." });

export const AdminApp = PublicApp.extend({
  workspace_id: z.string(),
  deleted_at: z.string().nullable(),
  webauthn_skips_mfa: z.boolean(),
  webauthn_rp_id: z.string().nullable().describe("Passkey RP ID: a parent domain of every origin; null = the origin's host"),
  test_identities_enabled: z.boolean(),
  verification_rate_limit_per_hour: z.number().int(),
}).meta({ id: "AppAdmin", description: "App with admin-only settings (spec §4.1)." });

/** `{app_id}` path slot: a public (`app_…`) or internal id; anything else is a 404 from the verb. */
export const AppParams = z.object({ app_id: z.string() });

/** GET /v1/apps: the workspace may also be chosen with the `X-Workspace` header (spec §4.2). */
export const ListAppsQuery = z.object({
  workspace_id: optional(z.string().trim().max(128).describe("Workspace id or slug; defaults to the key's workspace")),
});

export const AppResponse = z.object({ app: AdminApp });
export const AppListResponse = z.object({ apps: z.array(AdminApp) });

/** The body of DELETEs (spec §1.5). */
export const OkResponse = z.object({ message: z.literal("ok") });
