import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { messageProviders } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import type { ProviderObject } from "@/lib/message-providers/schemas";
import { toProvider } from "@/lib/message-providers/serialize";
import { appForActor } from "@/lib/tenancy";

/** The app's providers, oldest first, secrets masked (spec §19.1). */
export async function listMessageProviders({ ctx, input }: { ctx: Ctx; input: { appId: string } }): Promise<ProviderObject[]> {
  const app = await appForActor(ctx, input.appId);
  const db = await getDb();
  const rows = await db
    .select()
    .from(messageProviders)
    .where(eq(messageProviders.appId, app.id))
    .orderBy(asc(messageProviders.createdAt), asc(messageProviders.id))
    .limit(100);
  return rows.map(toProvider);
}
