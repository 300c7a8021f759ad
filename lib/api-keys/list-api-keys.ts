import { and, asc, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { type ApiKeyScope, ownedBy, resolveApiKeyOwner } from "@/lib/api-keys/owner";
import type { ApiKeyObject } from "@/lib/api-keys/schemas";
import { toApiKey } from "@/lib/api-keys/serialize";
import type { Ctx } from "@/lib/context";

/** Live (not revoked) keys of an app or workspace the caller may manage, oldest first (spec §5.1). */
export async function listApiKeys({ ctx, input }: { ctx: Ctx; input: { scope: ApiKeyScope } }): Promise<ApiKeyObject[]> {
  const owner = await resolveApiKeyOwner(ctx, input.scope);
  const db = await getDb();
  // api_keys_app_idx / api_keys_workspace_idx (partial on revoked_at is null).
  const rows = await db
    .select()
    .from(apiKeys)
    .where(and(ownedBy(owner), isNull(apiKeys.revokedAt)))
    .orderBy(asc(apiKeys.createdAt), asc(apiKeys.id))
    .limit(1000);
  return rows.map(toApiKey);
}
