import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { type ApiKeyScope, keyIdOrNotFound, ownedBy, resolveApiKeyOwner } from "@/lib/api-keys/owner";
import type { ApiKeyObject } from "@/lib/api-keys/schemas";
import { toApiKey } from "@/lib/api-keys/serialize";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";

/** One live key of an app or workspace the caller may manage (spec §5.3); 404 `api_key_not_found` otherwise. */
export async function getApiKey({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { scope: ApiKeyScope; keyId: string };
}): Promise<ApiKeyObject> {
  const owner = await resolveApiKeyOwner(ctx, input.scope);
  const keyId = keyIdOrNotFound(input.keyId);
  const db = await getDb();
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.id, keyId), ownedBy(owner), isNull(apiKeys.revokedAt)))
    .limit(1);
  if (!row) throw new AppError("api_key_not_found");
  return toApiKey(row);
}
