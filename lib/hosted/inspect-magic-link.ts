import { and, eq } from "drizzle-orm";
import { decodeJwt } from "jose";
import { getDb } from "@/db/client";
import { magicLinks } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import { isAppError } from "@/lib/errors";
import { verifyMagicToken } from "@/lib/magic-links/verify-magic-token";

export type LinkState = "usable" | "expired" | "used" | "invalid";

const LANDING_KINDS: readonly string[] = ["login", "register", "invite"];

function expiredByClaim(token: string, now: Date): boolean {
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === "number" && exp * 1000 <= now.getTime();
  } catch {
    return false;
  }
}

/**
 * What the landing page should say about a `sct_magic` token, read-only: a
 * GET never consumes (mail scanners prefetch links). Bad signatures are
 * `invalid`; the signature is checked before the expiry claim is trusted.
 */
export async function inspectMagicLink(app: AppRow, token: string, now: Date): Promise<LinkState> {
  if (!token || token.length > 4096) return "invalid";
  let linkId: string;
  try {
    const facts = await verifyMagicToken(app, token, now);
    if (!LANDING_KINDS.includes(facts.kind)) return "invalid";
    linkId = facts.linkId;
  } catch (error) {
    if (isAppError(error) && error.code === "magic_link_not_found") return expiredByClaim(token, now) ? "expired" : "invalid";
    if (isAppError(error)) return "invalid";
    throw error;
  }
  const db = await getDb();
  const [row] = await db
    .select({ consumedAt: magicLinks.consumedAt, expiresAt: magicLinks.expiresAt })
    .from(magicLinks)
    .where(and(eq(magicLinks.id, linkId), eq(magicLinks.appId, app.id)))
    .limit(1);
  if (!row) return "invalid";
  if (row.consumedAt) return "used";
  if (row.expiresAt <= now) return "expired";
  return "usable";
}
