import { lt } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { oauthStates } from "@/db/schema";

/**
 * Delete OAuth states that expired more than a day before `now` (used or
 * not): a state is worthless after its 10 minutes, and the day of slack keeps
 * recent failures inspectable. Served by oauth_states_expires_idx. Returns
 * how many rows went. For the instance's maintenance sweep.
 */
export async function sweepOAuthStates(now: Date, db?: Executor): Promise<number> {
  const exec = db ?? (await getDb());
  const cutoff = new Date(now.getTime() - 24 * 3600 * 1000);
  const gone = await exec.delete(oauthStates).where(lt(oauthStates.expiresAt, cutoff)).returning({ id: oauthStates.id });
  return gone.length;
}
