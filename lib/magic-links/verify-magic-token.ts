import type { AppRow } from "@/lib/apps/find-app";
import { AppError, isAppError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import { verifyAppJwt } from "@/lib/tokens/verify-app-jwt";

export type MagicLinkKind = "login" | "register" | "invite" | "oauth" | "workspace_invite";

export interface MagicTokenFacts {
  /** The magic link id (`jti`). */
  linkId: string;
  /** The app user id (`uuid`). */
  userId: string;
  kind: MagicLinkKind;
}

const KINDS: readonly string[] = ["login", "register", "invite", "oauth", "workspace_invite"];

/** The contract's 404 (exact text, spec §1.6): unknown, used or expired links. */
export const magicLinkNotFound = (): AppError => new AppError("magic_link_not_found");

/**
 * Check a `sct_magic` / `sct_oauth` token's signature, issuer, audience,
 * type and expiry (spec §7.4 step 1). A bad or foreign token is 401
 * `invalid_token`; an expired one, or one without a usable `jti`, is the
 * 404 every used or unknown link gets.
 */
export async function verifyMagicToken(app: Pick<AppRow, "id" | "publicId">, token: string, now: Date): Promise<MagicTokenFacts> {
  let claims: Awaited<ReturnType<typeof verifyAppJwt<"magic_link">>>;
  try {
    claims = await verifyAppJwt(app, token, { type: "magic_link", now });
  } catch (error) {
    if (isAppError(error) && error.code === "token_expired") throw magicLinkNotFound();
    throw error;
  }
  const { jti, uuid, kind } = claims;
  if (!isUuid(jti) || typeof uuid !== "string" || typeof kind !== "string" || !KINDS.includes(kind)) throw magicLinkNotFound();
  return { linkId: jti, userId: uuid, kind: kind as MagicLinkKind };
}
