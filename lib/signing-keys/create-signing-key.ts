import { generateKeyPair, type KeyObject } from "node:crypto";
import { promisify } from "node:util";
import { exportJWK } from "jose";
import type { Executor } from "@/db/client";
import { signingKeys } from "@/db/schema";
import { encryptSecret } from "@/lib/crypto";
import { newId } from "@/lib/ids";

export type SigningKeyRow = typeof signingKeys.$inferSelect;
export const SIGNING_KEY_PURPOSE = "signing-key";

const generateRsa = promisify(generateKeyPair);

export interface GeneratedKey {
  kid: string;
  publicJwk: Awaited<ReturnType<typeof exportJWK>>;
  publicPem: string;
  privateKeySealed: string;
}

/**
 * Generate an RS256 key pair (2048-bit) outside any transaction — it takes
 * tens of milliseconds — with its `kid` (`<uuid>_<unix>`, spec §1.2) and the
 * private key sealed with the instance secret.
 */
export async function generateSigningKey(now: Date): Promise<GeneratedKey> {
  const { publicKey, privateKey } = (await generateRsa("rsa", { modulusLength: 2048 })) as {
    publicKey: KeyObject;
    privateKey: KeyObject;
  };
  const kid = `${newId()}_${Math.floor(now.getTime() / 1000)}`;
  const jwk = await exportJWK(publicKey);
  return {
    kid,
    publicJwk: { kty: jwk.kty, n: jwk.n, e: jwk.e, kid, use: "sig", alg: "RS256" },
    publicPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    privateKeySealed: encryptSecret(privateKey.export({ type: "pkcs8", format: "pem" }).toString(), SIGNING_KEY_PURPOSE),
  };
}

/** Store a generated key for `appId` with the given lifecycle status. */
export async function insertSigningKey(
  db: Executor,
  appId: string,
  key: GeneratedKey,
  status: SigningKeyRow["status"],
  now: Date,
): Promise<SigningKeyRow> {
  const [row] = await db
    .insert(signingKeys)
    .values({
      appId,
      kid: key.kid,
      status,
      publicJwk: key.publicJwk,
      publicPem: key.publicPem,
      privateKeySealed: key.privateKeySealed,
      activatedAt: status === "active" ? now : null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error("signing key insert returned nothing");
  return row;
}
