import type { Executor } from "@/db/client";
import type { AppRow } from "@/lib/apps/find-app";
import { toChallengeFull } from "@/lib/challenges/serialize";
import type { ChallengeRow } from "@/lib/challenges/types";
import type { Ctx } from "@/lib/context";
import { recordEvent } from "@/lib/events/record-event";

export type ChallengeEventSlug = "challenge.completed" | "challenge.failed" | "challenge.denied" | "challenge.cancelled";

/**
 * Record a challenge transition (and queue its webhooks) with the full form
 * of spec §2.6 — never the token or code — in the transaction of the change.
 */
export async function recordChallengeEvent(
  db: Executor,
  ctx: Ctx,
  input: { app: AppRow; challenge: ChallengeRow; slug: ChallengeEventSlug; extra?: Record<string, unknown> },
): Promise<void> {
  const { app, challenge } = input;
  await recordEvent(db, ctx, {
    workspaceId: app.workspaceId,
    appId: app.id,
    appUserId: challenge.appUserId,
    slug: input.slug,
    params: { challenge: toChallengeFull(challenge, { appPublicId: app.publicId, now: ctx.now }), ...input.extra },
  });
}
