/**
 * Claims of the JWTs Tessera signs for an app (spec §2.2). Every token carries
 * `iss` (this instance), `aud` and `aid` (the app's public id), `iat`, `exp`,
 * `jti` and `tt`, the token type: one kind is never accepted as another
 * (threats T14), since the header `typ` is the plain "JWT" the SDKs expect.
 */
import { z } from "zod";

/** Every token type; later kinds (m2m refresh…) are added here. */
export const TOKEN_TYPES = ["access", "refresh", "magic_link", "m2m", "scute_token"] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];

/** Claims set by the signer and never by a caller. */
export const RESERVED_CLAIMS = ["iss", "aud", "aid", "iat", "exp", "nbf", "jti", "tt", "sub"] as const;

const numericDate = z.number().int().nonnegative();

export const BaseClaimsSchema = z.object({
  iss: z.string(),
  aud: z.string(),
  aid: z.string(),
  iat: numericDate,
  exp: numericDate,
  jti: z.string().min(1),
  tt: z.enum(TOKEN_TYPES),
});
export type BaseClaims = z.output<typeof BaseClaimsSchema>;

/** A user session token (access or refresh): who (`uuid`), which session (`uid`). */
const SessionClaimsSchema = BaseClaimsSchema.extend({
  uuid: z.string().min(1),
  uid: z.string().min(1),
  wid: z.string().min(1),
  crid: z.string().min(1).optional(),
});

export const AccessClaimsSchema = SessionClaimsSchema.extend({ tt: z.literal("access") });
export type AccessClaims = z.output<typeof AccessClaimsSchema>;

export const RefreshClaimsSchema = SessionClaimsSchema.extend({ tt: z.literal("refresh") });
export type RefreshClaims = z.output<typeof RefreshClaimsSchema>;

/** Any other kind: the base claims with its `tt`, plus the kind's own claims, unchecked here. */
function kindSchema<T extends Exclude<TokenType, "access" | "refresh">>(tt: T) {
  return BaseClaimsSchema.extend({ tt: z.literal(tt) }).catchall(z.unknown());
}
export const GenericClaimsSchema = BaseClaimsSchema.catchall(z.unknown());
export type GenericClaims = z.output<typeof GenericClaimsSchema>;

/** The schema each token type's claims must satisfy after signature verification. */
export const CLAIMS_SCHEMAS = {
  access: AccessClaimsSchema,
  refresh: RefreshClaimsSchema,
  magic_link: kindSchema("magic_link"),
  m2m: kindSchema("m2m"),
  scute_token: kindSchema("scute_token"),
} as const satisfies Record<TokenType, z.ZodType<BaseClaims>>;

/** The typed claims `verifyAppJwt` returns for a token type. */
export type ClaimsFor<T extends TokenType> = z.output<(typeof CLAIMS_SCHEMAS)[T]>;
