import { and, eq } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { signingKeys } from "@/db/schema";

/** PEM (SPKI) of the key an app currently signs with, or null if it has none. */
export async function getCurrentPublicPem(appId: string, db?: Executor): Promise<string | null> {
  const exec = db ?? (await getDb());
  const [row] = await exec
    .select({ pem: signingKeys.publicPem })
    .from(signingKeys)
    .where(and(eq(signingKeys.appId, appId), eq(signingKeys.status, "active")))
    .limit(1);
  return row?.pem ?? null;
}
