import { and, asc, eq } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { authProviders } from "@/db/schema";
import { type PublicOAuthProvider, toPublicOAuthProvider } from "@/lib/oauth/serialize";

/**
 * The app's enabled OAuth providers as the public app object lists them
 * (spec §2.3 `oauth_providers`) and the hosted sign-in page shows them:
 * slug, name, icon, colour — nothing else.
 */
export async function listPublicOAuthProviders(appId: string, db?: Executor): Promise<PublicOAuthProvider[]> {
  const exec = db ?? (await getDb());
  const rows = await exec
    .select()
    .from(authProviders)
    .where(and(eq(authProviders.appId, appId), eq(authProviders.enabled, true)))
    .orderBy(asc(authProviders.createdAt), asc(authProviders.slug))
    .limit(50);
  return rows.map(toPublicOAuthProvider);
}
