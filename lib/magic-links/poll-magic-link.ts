import { and, eq, gt, isNotNull, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { magicLinks } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { isUuid } from "@/lib/ids";
import { magicLinkNotFound } from "@/lib/magic-links/verify-magic-token";
import { assertCanAuthenticate, type TokenPayload, startSession } from "@/lib/sessions/start-session";
import { findUserById } from "@/lib/users/find-user";

/** How long after the link was used the polling device may still collect its session. */
export const POLL_GRACE_SECONDS = 600;

export type PollResult = { status: "pending" } | { status: "ok"; payload: TokenPayload };

/**
 * Cross-device polling (spec §7.3): `pending` while the link is unused and
 * unexpired; once it was used elsewhere, the first poll (one guarded UPDATE
 * of `status_retrieved_at` picks the winner) gets a new `xlogin` session for
 * the polling device; every later poll, unknown or expired id → 404.
 */
export async function pollMagicLink({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { app: AppRow; id: string; request?: Request };
}): Promise<PollResult> {
  const { app, id } = input;
  if (!isUuid(id)) throw magicLinkNotFound();
  const db = await getDb();
  return db.transaction(async (tx) => {
    const graceStart = new Date(ctx.now.getTime() - POLL_GRACE_SECONDS * 1000);
    const [claimed] = await tx
      .update(magicLinks)
      .set({ statusRetrievedAt: ctx.now, updatedAt: ctx.now })
      .where(
        and(
          eq(magicLinks.id, id),
          eq(magicLinks.appId, app.id),
          isNotNull(magicLinks.activatedSessionId),
          isNull(magicLinks.statusRetrievedAt),
          gt(magicLinks.consumedAt, graceStart),
        ),
      )
      .returning();
    if (claimed) {
      const user = await findUserById(app.id, claimed.appUserId, tx);
      if (!user) throw magicLinkNotFound();
      assertCanAuthenticate(user);
      // SEAM(mfa): an app that opts in would get the MFA body here (spec §7.3, §22.8).
      const { payload } = await startSession(tx, ctx, { app, user, type: "xlogin", request: input.request });
      return { status: "ok", payload };
    }
    const [link] = await tx
      .select({ consumedAt: magicLinks.consumedAt, expiresAt: magicLinks.expiresAt })
      .from(magicLinks)
      .where(and(eq(magicLinks.id, id), eq(magicLinks.appId, app.id)))
      .limit(1);
    if (link && !link.consumedAt && link.expiresAt > ctx.now) return { status: "pending" };
    throw magicLinkNotFound();
  });
}
