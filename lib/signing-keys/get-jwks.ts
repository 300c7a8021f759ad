import { getAppKeyset, type KeysetOptions } from "@/lib/signing-keys/keyset";

/**
 * The JWKS document of app `appId` (internal id), serialized, with its strong
 * ETag: every `next`, `active` and not yet expired `retiring` key (spec §11.6).
 * Precomputed per cache load, so a warm call costs no DB statement.
 */
export async function getJwks(appId: string, opts: KeysetOptions = {}): Promise<{ body: string; etag: string }> {
  return (await getAppKeyset(appId, opts)).jwks;
}
