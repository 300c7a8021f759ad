import { getDb } from "@/db/client";
import { closeChallenge } from "@/lib/challenges/close-challenge";
import { findChallengeByToken } from "@/lib/challenges/find-challenge";
import { recordChallengeEvent } from "@/lib/challenges/record-challenge-event";
import { toChallengeResponse } from "@/lib/challenges/serialize";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { requireLiveApp } from "@/lib/users/require-live-app";

/**
 * DELETE /challenges/{token} (spec §14.6): soft cancel, the row is kept.
 * Idempotent: cancelling a closed challenge answers its current state (the
 * SDK fires this without awaiting it, possibly after its replacement exists).
 */
export async function cancelChallenge({ ctx, input }: { ctx: Ctx; input: { appId: string; token: string } }) {
  const app = await requireLiveApp(input.appId);
  const row = await findChallengeByToken(app.id, input.token);
  if (!row) throw new AppError("challenge_not_found");
  const db = await getDb();
  const current = await db.transaction(async (tx) => {
    const cancelled = await closeChallenge(tx, ctx, { challengeId: row.id, status: "cancelled" });
    if (cancelled) await recordChallengeEvent(tx, ctx, { app, challenge: cancelled, slug: "challenge.cancelled" });
    return cancelled ?? (await findChallengeByToken(app.id, input.token, tx)) ?? row;
  });
  return { challenge: toChallengeResponse(current, { token: input.token, now: ctx.now }) };
}
