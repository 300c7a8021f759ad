import { findChallengeByToken } from "@/lib/challenges/find-challenge";
import { toChallengeResponse } from "@/lib/challenges/serialize";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { requireLiveApp } from "@/lib/users/require-live-app";

/** GET /challenges/{token} (spec §14.2): the token is the credential; unknown → 404. */
export async function getChallengeStatus({ ctx, input }: { ctx: Ctx; input: { appId: string; token: string } }) {
  const app = await requireLiveApp(input.appId, { cached: true });
  const row = await findChallengeByToken(app.id, input.token);
  if (!row) throw new AppError("challenge_not_found");
  return { challenge: toChallengeResponse(row, { token: input.token, now: ctx.now }) };
}
