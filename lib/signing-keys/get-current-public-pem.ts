import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { signingKeys } from "@/db/schema";
import { getAppKeyset } from "@/lib/signing-keys/keyset";

/**
 * PEM (SPKI) of the key an app currently signs with, or null if it has none.
 * Without `db`, from the in-process key set cache (the public app config is a
 * hot path); with `db` (an open transaction), read there.
 */
export async function getCurrentPublicPem(appId: string, db?: Executor): Promise<string | null> {
  if (!db) return (await getAppKeyset(appId)).active?.publicPem ?? null;
  const [row] = await db
    .select({ pem: signingKeys.publicPem })
    .from(signingKeys)
    .where(and(eq(signingKeys.appId, appId), eq(signingKeys.status, "active")))
    .limit(1);
  return row?.pem ?? null;
}
