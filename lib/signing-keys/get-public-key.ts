import { getAppKeyset, type KeysetOptions } from "@/lib/signing-keys/keyset";

// A type alias (not an interface) so it is a plain JSON record for the route wrapper.
export type PublicKeyInfo = {
  public_key: string;
  algorithm: "RS256";
  key_id: string;
};

/** The SPKI PEM and kid of the key app `appId` (internal id) currently signs with (spec §11.7). */
export async function getPublicKey(appId: string, opts: KeysetOptions = {}): Promise<PublicKeyInfo> {
  const { active } = await getAppKeyset(appId, opts);
  if (!active) throw new Error(`app ${appId} has no active signing key`);
  return { public_key: active.publicPem, algorithm: "RS256", key_id: active.kid };
}
