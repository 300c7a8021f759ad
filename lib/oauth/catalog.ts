/**
 * The sign-in providers Tessera knows by slug (spec §6.3), and how each one
 * speaks: OpenID Connect through discovery (Google, Microsoft, Apple, and any
 * issuer an admin names), or plain OAuth 2 with a profile API (GitHub). The
 * protocol itself is always openid-client's; this file only holds facts.
 */

export type ProviderProtocol = "oidc" | "github";

export interface CatalogEntry {
  slug: string;
  name: string;
  protocol: ProviderProtocol;
  /** OIDC: the issuer to discover when the admin gives none. */
  issuer?: string;
  defaultScopes: string[];
  color: string;
  /**
   * Apple returns the authorization response as a cross-site form POST when
   * the email scope is asked for (`response_mode=form_post`).
   */
  formPost?: boolean;
}

/** GitHub is plain OAuth 2 (no discovery, no ID token): its endpoints and user API. */
export const GITHUB = {
  issuer: "https://github.com",
  authorizationEndpoint: "https://github.com/login/oauth/authorize",
  tokenEndpoint: "https://github.com/login/oauth/access_token",
  userApi: "https://api.github.com/user",
  emailsApi: "https://api.github.com/user/emails",
} as const;

const WELL_KNOWN: Record<string, CatalogEntry> = {
  google: {
    slug: "google",
    name: "Google",
    protocol: "oidc",
    issuer: "https://accounts.google.com",
    defaultScopes: ["openid", "email", "profile"],
    color: "#4285F4",
  },
  microsoft: {
    slug: "microsoft",
    name: "Microsoft",
    protocol: "oidc",
    // Multi-tenant; openid-client resolves the `{tenantid}` issuer template. A
    // single-tenant app sets `issuer` to https://login.microsoftonline.com/<tenant>/v2.0.
    issuer: "https://login.microsoftonline.com/common/v2.0",
    defaultScopes: ["openid", "email", "profile"],
    color: "#2F2F2F",
  },
  apple: {
    slug: "apple",
    name: "Apple",
    protocol: "oidc",
    issuer: "https://appleid.apple.com",
    defaultScopes: ["openid", "email"],
    color: "#000000",
    formPost: true,
  },
  github: {
    slug: "github",
    name: "GitHub",
    protocol: "github",
    defaultScopes: ["read:user", "user:email"],
    color: "#24292F",
  },
};

/** Slugs: lowercase letters, digits, `_` and `-` (they travel in URLs and the SDK does not encode them). */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9_-]{0,39}$/;

export function wellKnownProvider(slug: string): CatalogEntry | null {
  return Object.hasOwn(WELL_KNOWN, slug) ? (WELL_KNOWN[slug] ?? null) : null;
}

export const WELL_KNOWN_SLUGS = Object.keys(WELL_KNOWN);

/**
 * What a stored provider row is: a well-known slug (its `issuer` may
 * override the default, e.g. a Microsoft tenant), or a generic OIDC issuer.
 */
export function describeProvider(row: { slug: string; name: string; issuer: string | null }): CatalogEntry {
  const known = wellKnownProvider(row.slug);
  if (known) return { ...known, name: row.name || known.name, issuer: row.issuer ?? known.issuer };
  return {
    slug: row.slug,
    name: row.name,
    protocol: "oidc",
    issuer: row.issuer ?? undefined,
    defaultScopes: ["openid", "email", "profile"],
    color: "#374151",
  };
}
