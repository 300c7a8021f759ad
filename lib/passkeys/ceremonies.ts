/**
 * Ceremony state (spec §9 shared rules, threats T18): stored server-side,
 * keyed by the SHA-256 of the challenge, bound to app, type and user, valid
 * five minutes, and consumed by one guarded UPDATE at the first finalize
 * attempt, whether verification then succeeds or fails.
 */
import { and, eq, isNull } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { webauthnCeremonies } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { safeEqual, sha256Hex } from "@/lib/crypto";
import { AppError } from "@/lib/errors";
import { challengeOf } from "@/lib/passkeys/encoding";

export const CEREMONY_TTL_MS = 5 * 60 * 1000;
/** The `timeout` of the options (ms): the browser gives up before the ceremony expires. */
export const CEREMONY_TIMEOUT_MS = 60_000;

export type CeremonyRow = typeof webauthnCeremonies.$inferSelect;
export type CeremonyType = CeremonyRow["type"];

export async function storeCeremony(
  db: Executor,
  ctx: Ctx,
  input: {
    appId: string;
    challenge: string;
    type: CeremonyType;
    appUserId: string | null;
    userVerification: "required" | "preferred";
    userMeta?: Record<string, unknown> | null;
  },
): Promise<void> {
  await db.insert(webauthnCeremonies).values({
    appId: input.appId,
    challengeHash: sha256Hex(input.challenge),
    type: input.type,
    appUserId: input.appUserId,
    userVerification: input.userVerification,
    userMeta: input.userMeta && Object.keys(input.userMeta).length ? input.userMeta : null,
    expiresAt: new Date(ctx.now.getTime() + CEREMONY_TTL_MS),
    createdAt: ctx.now,
  });
}

/**
 * Consume the ceremony whose challenge `clientDataJSON` names, in its own
 * statement (the consumption survives a failed verification). Unreadable
 * clientDataJSON → 400; unknown, used, expired, another app's, or of
 * another type → 404 webauthn_challenge_not_found.
 */
export async function consumeCeremony(
  ctx: Ctx,
  input: { appId: string; clientDataJSON: string; types: readonly CeremonyType[] },
): Promise<{ ceremony: CeremonyRow; challenge: string }> {
  const challenge = challengeOf(input.clientDataJSON);
  if (!challenge) throw new AppError({ code: "bad_request", message: "response.clientDataJSON is not readable" });
  const db = await getDb();
  const [row] = await db
    .update(webauthnCeremonies)
    .set({ consumedAt: ctx.now })
    .where(
      and(
        eq(webauthnCeremonies.challengeHash, sha256Hex(challenge)),
        eq(webauthnCeremonies.appId, input.appId),
        isNull(webauthnCeremonies.consumedAt),
      ),
    )
    .returning();
  if (!row || row.expiresAt.getTime() <= ctx.now.getTime() || !input.types.includes(row.type)) {
    throw new AppError("webauthn_challenge_not_found");
  }
  return { ceremony: row, challenge };
}

/** The `expectedChallenge` check for @simplewebauthn/server: the consumed ceremony's challenge. */
export function challengeMatcher(ceremony: CeremonyRow): (challenge: string) => boolean {
  return (challenge) => safeEqual(sha256Hex(challenge), ceremony.challengeHash);
}
