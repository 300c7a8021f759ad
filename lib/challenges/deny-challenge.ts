import { getDb } from "@/db/client";
import { closeChallenge } from "@/lib/challenges/close-challenge";
import { findChallengeByToken } from "@/lib/challenges/find-challenge";
import { recordChallengeEvent } from "@/lib/challenges/record-challenge-event";
import { toChallengeResponse } from "@/lib/challenges/serialize";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { requireLiveApp } from "@/lib/users/require-live-app";

/**
 * POST /challenges/{token}/deny (spec §14.5): "this wasn't me". One guarded
 * UPDATE; a challenge no longer pending answers 422 challenge_not_open. The
 * `challenge.denied` event carries the challenge (and its callback_url) to
 * the app's webhooks.
 */
export async function denyChallenge({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { appId: string; token: string; reason?: string | null };
}) {
  const app = await requireLiveApp(input.appId);
  const row = await findChallengeByToken(app.id, input.token);
  if (!row) throw new AppError("challenge_not_found");
  const db = await getDb();
  const denied = await db.transaction(async (tx) => {
    const closed = await closeChallenge(tx, ctx, { challengeId: row.id, status: "denied", reason: input.reason ?? null });
    if (closed) {
      await recordChallengeEvent(tx, ctx, {
        app,
        challenge: closed,
        slug: "challenge.denied",
        extra: { reason: input.reason ?? null, callback_url: closed.callbackUrl },
      });
    }
    return closed;
  });
  if (!denied) throw new AppError("challenge_not_open");
  return { challenge: toChallengeResponse(denied, { token: input.token, now: ctx.now }) };
}
