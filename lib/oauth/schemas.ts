/**
 * Auth provider and OAuth shapes (spec §6): the upsert body, the provider
 * object (client secrets are write-only: only `has_client_secret` is
 * shown), and the query of the browser-facing authorize and callback routes.
 */
import { z } from "zod";
import { optional, unwrap, zArray, zBool, zText } from "@/lib/api/fields";
import { SLUG_PATTERN } from "@/lib/oauth/catalog";

export const AuthProvidersParams = z.object({ app_id: z.string() });
export const OAuthParams = z.object({ app_id: z.string() });

const Scope = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/, "must be a single OAuth scope token");

/** `scopes`: an array (JSON, JSON string or `scopes[]=` form keys) or one space-separated string. */
const Scopes = z.preprocess(
  (v) => (typeof v === "string" && !v.trim().startsWith("[") ? v.split(/\s+/).filter(Boolean) : v),
  zArray(Scope, 30),
);

/** POST body: flat, `{ auth_provider: {…} }` or bracket form keys (spec §6.3). */
export const AuthProviderBody = z.preprocess(
  unwrap("auth_provider"),
  z.object({
    slug: z
      .string()
      .trim()
      .toLowerCase()
      .regex(SLUG_PATTERN, "must be 1-40 lowercase letters, digits, `_` or `-`")
      .describe("`google`, `github`, `microsoft`, `apple`, or any slug with an `issuer` (OpenID Connect)"),
    client_id: zText(512),
    client_secret: optional(zText(8192)).describe(
      "Write-only. Required when the provider is created; omit it on update to keep the stored one. Apple: the signed client-secret JWT.",
    ),
    name: optional(zText(64)).describe("Button label; defaults to the provider's name (or the slug)"),
    issuer: optional(zText(2048)).describe(
      "OpenID Connect issuer (discovery) URL: required for slugs other than the four well-known ones; for `microsoft` it selects a tenant",
    ),
    enabled: optional(zBool()).default(true),
    scopes: optional(Scopes).describe("Defaults to the provider's sign-in scopes (e.g. `openid email profile`)"),
  }),
);
export type AuthProviderInput = z.output<typeof AuthProviderBody>;

export const AuthProvider = z
  .object({
    id: z.string().describe("uuid"),
    slug: z.string(),
    type: z.enum(["oauth", "email", "message"]),
    name: z.string().nullable(),
    enabled: z.boolean(),
    client_id: z.string().optional(),
    has_client_secret: z.boolean().optional(),
    scopes: z.array(z.string()).optional(),
    issuer: z.string().nullable().optional(),
    icon: z.string().nullable().optional(),
    color: z.string().optional(),
    callback_url: z.string().optional().describe("The redirect URI to register at the provider"),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: "AuthProvider", description: "A sign-in or delivery provider of an app (spec §6.1). Secrets are never returned." });
export type AuthProviderObject = z.output<typeof AuthProvider>;

export const AuthProviderResponse = z.object({ auth_provider: AuthProvider });
export const AuthProviderListResponse = z.object({ auth_providers: z.array(AuthProvider) });

export const AuthorizeQuery = z.object({
  provider: z.string().max(64).describe("Provider slug (`oauth_providers[].provider` of the app object)"),
  redirect_url: optional(z.string().max(2048)).describe(
    "Where to land afterwards, on one of the app's origins (default: `login_url`, then `callback_url`, then `origin`)",
  ),
  hosted: optional(z.string().max(8)).describe("Set by Tessera's hosted sign-in page"),
});

/** The authorization response (query, or form body for `response_mode=form_post`). Unknown keys are ignored. */
export const CallbackQuery = z.object({
  state: optional(z.string().max(1024)),
  code: optional(z.string().max(4096)),
  iss: optional(z.string().max(2048)),
  error: optional(z.string().max(256)),
  error_description: optional(z.string().max(2048)),
});

export const RedirectUrlResponse = z.object({ url: z.string() });
