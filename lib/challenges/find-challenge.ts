import { and, desc, eq, inArray } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { challenges } from "@/db/schema";
import { hashChallengeToken, looksLikeChallengeToken } from "@/lib/challenges/secrets";
import type { ChallengeMethod, ChallengePurpose, ChallengeRow } from "@/lib/challenges/types";
import { isUuid } from "@/lib/ids";

/** The app's challenge with this token (any status), or null. Other apps' tokens are not found. */
export async function findChallengeByToken(appId: string, token: string, db?: Executor): Promise<ChallengeRow | null> {
  if (!looksLikeChallengeToken(token)) return null;
  const exec = db ?? (await getDb());
  // challenges_token_hash_key; the app filter binds the token to its tenant.
  const [row] = await exec
    .select()
    .from(challenges)
    .where(and(eq(challenges.tokenHash, hashChallengeToken(token)), eq(challenges.appId, appId)))
    .limit(1);
  return row ?? null;
}

/**
 * The user's most recent `pending` challenge of `purpose` using one of
 * `methods`, or null (an expired one still counts: verifying it says so).
 */
export async function findLatestPendingChallenge(
  appId: string,
  appUserId: string,
  filter: { purpose: ChallengePurpose; methods: readonly ChallengeMethod[] },
  db?: Executor,
): Promise<ChallengeRow | null> {
  if (!isUuid(appUserId)) return null;
  const exec = db ?? (await getDb());
  // challenges_user_pending_idx (app_user_id, created_at) where status = 'pending'.
  const [row] = await exec
    .select()
    .from(challenges)
    .where(
      and(
        eq(challenges.appUserId, appUserId),
        eq(challenges.status, "pending"),
        eq(challenges.appId, appId),
        eq(challenges.purpose, filter.purpose),
        inArray(challenges.method, [...filter.methods]),
      ),
    )
    .orderBy(desc(challenges.createdAt), desc(challenges.id))
    .limit(1);
  return row ?? null;
}
