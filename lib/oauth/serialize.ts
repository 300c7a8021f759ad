import type { authProviders } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import { getEnv } from "@/lib/env";
import { describeProvider } from "@/lib/oauth/catalog";
import type { AuthProviderObject } from "@/lib/oauth/schemas";

export type AuthProviderRow = typeof authProviders.$inferSelect;

/** The redirect URI of an app's OAuth callback (spec §6.4): what admins register at the provider. */
export function oauthCallbackUrl(app: Pick<AppRow, "publicId">): string {
  return `${getEnv().baseUrl}/v1/auth/${encodeURIComponent(app.publicId)}/oauth/callback`;
}

/** The auth provider object (spec §6.1): the secret only as `has_client_secret`. */
export function toAuthProvider(row: AuthProviderRow, app: Pick<AppRow, "publicId">): AuthProviderObject {
  const entry = describeProvider(row);
  return {
    id: row.id,
    slug: row.slug,
    type: "oauth",
    name: row.name,
    enabled: row.enabled,
    client_id: row.clientId,
    has_client_secret: row.clientSecretSealed !== null,
    scopes: row.scopes.length ? row.scopes : entry.defaultScopes,
    issuer: row.issuer,
    icon: null,
    color: entry.color,
    callback_url: oauthCallbackUrl(app),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** An entry of the public app object's `oauth_providers` (spec §2.3). */
export interface PublicOAuthProvider {
  provider: string;
  name: string;
  icon: string | null;
  color: string;
}

export function toPublicOAuthProvider(row: AuthProviderRow): PublicOAuthProvider {
  const entry = describeProvider(row);
  return { provider: row.slug, name: row.name || entry.name, icon: null, color: entry.color };
}
