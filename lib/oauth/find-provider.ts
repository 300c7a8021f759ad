import { and, eq } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { authProviders } from "@/db/schema";
import type { AuthProviderRow } from "@/lib/oauth/serialize";

/** The app's enabled provider with this slug, or null (unknown and disabled look the same). */
export async function findEnabledProvider(appId: string, slug: string, db?: Executor): Promise<AuthProviderRow | null> {
  const exec = db ?? (await getDb());
  const [row] = await exec
    .select()
    .from(authProviders)
    .where(and(eq(authProviders.appId, appId), eq(authProviders.slug, slug), eq(authProviders.enabled, true)))
    .limit(1);
  return row ?? null;
}
