/** Response shapes of the key-publication routes (spec §11.6, §11.7), for OpenAPI. */
import { z } from "zod";

export const Jwk = z
  .object({
    kty: z.literal("RSA"),
    kid: z.string(),
    use: z.literal("sig"),
    alg: z.literal("RS256"),
    n: z.string().describe("Modulus, base64url"),
    e: z.string().describe("Exponent, base64url (AQAB)"),
  })
  .meta({ id: "Jwk", description: "An RS256 public signing key." });

export const Jwks = z
  .object({ keys: z.array(Jwk) })
  .meta({
    id: "Jwks",
    description: "Every key that may have signed the app's live tokens: the current one, a pending one and retiring ones.",
  });

export const PublicKey = z
  .object({
    public_key: z.string().describe("SPKI PEM of the current signing key"),
    algorithm: z.literal("RS256"),
    key_id: z.string().describe("The `kid` of the key (JWT header)"),
  })
  .meta({ id: "PublicKey", description: "The key the app currently signs with." });
