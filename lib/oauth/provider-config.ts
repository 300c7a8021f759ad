/**
 * openid-client configurations for an app's providers: OpenID Connect
 * issuers through discovery (cached ten minutes per provider row version),
 * GitHub from its fixed endpoints. The client secret is unsealed only here,
 * in memory, and handed to openid-client's client authentication.
 */
import * as client from "openid-client";
import { decryptSecret } from "@/lib/crypto";
import { type CatalogEntry, describeProvider, GITHUB } from "@/lib/oauth/catalog";
import { guardedFetch } from "@/lib/oauth/guarded-fetch";
import { allowsInsecure } from "@/lib/oauth/issuer-url";
import type { AuthProviderRow } from "@/lib/oauth/serialize";
import { AUTH_PROVIDER_SECRET_PURPOSE as SECRET_PURPOSE } from "@/lib/oauth/secret-purpose";

const TTL_MS = 10 * 60_000;
const TIMEOUT_SECONDS = 10;

export interface ProviderConfig {
  entry: CatalogEntry;
  config: client.Configuration;
}

const cache = new Map<string, { value: Promise<ProviderConfig>; at: number }>();

/** Forget the cached configuration of a provider (after an update on this instance). */
export function forgetProviderConfig(providerId: string): void {
  for (const key of cache.keys()) if (key.startsWith(`${providerId}:`)) cache.delete(key);
}

/** client_secret_post where the server lists it, else client_secret_basic (the OAuth default). */
function secretAuth(secret: string): client.ClientAuth {
  return (as, c, body, headers) => {
    const methods = as.token_endpoint_auth_methods_supported;
    const auth = methods?.includes("client_secret_post") ? client.ClientSecretPost(secret) : client.ClientSecretBasic(secret);
    return auth(as, c, body, headers);
  };
}

async function build(row: AuthProviderRow): Promise<ProviderConfig> {
  const entry = describeProvider(row);
  const secret = row.clientSecretSealed ? decryptSecret(row.clientSecretSealed, SECRET_PURPOSE) : undefined;
  if (entry.protocol === "github") {
    const config = new client.Configuration(
      {
        issuer: GITHUB.issuer,
        authorization_endpoint: GITHUB.authorizationEndpoint,
        token_endpoint: GITHUB.tokenEndpoint,
        token_endpoint_auth_methods_supported: ["client_secret_post"],
      },
      row.clientId,
      undefined,
      secret ? client.ClientSecretPost(secret) : client.None(),
    );
    config.timeout = TIMEOUT_SECONDS;
    config[client.customFetch] = guardedFetch;
    return { entry, config };
  }
  if (!entry.issuer) throw new Error(`provider ${row.slug} has no issuer`);
  const insecure = allowsInsecure(entry.issuer);
  const config = await client.discovery(
    new URL(entry.issuer),
    row.clientId,
    undefined,
    secret ? secretAuth(secret) : client.None(),
    { timeout: TIMEOUT_SECONDS, [client.customFetch]: guardedFetch, ...(insecure ? { execute: [client.allowInsecureRequests] } : {}) },
  );
  config.timeout = TIMEOUT_SECONDS;
  config[client.customFetch] = guardedFetch;
  return { entry, config };
}

/** The configuration of a provider row; a failed discovery is not cached. */
export async function providerConfig(row: AuthProviderRow): Promise<ProviderConfig> {
  const key = `${row.id}:${row.updatedAt.getTime()}`;
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && now - hit.at < TTL_MS) return hit.value;
  forgetProviderConfig(row.id);
  const value = build(row);
  cache.set(key, { value, at: now });
  value.catch(() => cache.delete(key));
  return value;
}
