import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { type ApiKeyScope, keyIdOrNotFound, ownedBy, resolveApiKeyOwner } from "@/lib/api-keys/owner";
import type { ApiKeyObject } from "@/lib/api-keys/schemas";
import { toApiKey } from "@/lib/api-keys/serialize";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";

/** Rename a live key of an app or workspace the caller may manage (spec §5.4); records `api_key.updated`. */
export async function updateApiKey({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { scope: ApiKeyScope; keyId: string; nickname: string };
}): Promise<ApiKeyObject> {
  const db = await getDb();
  const row = await db.transaction(async (tx) => {
    const owner = await resolveApiKeyOwner(ctx, input.scope, tx);
    const keyId = keyIdOrNotFound(input.keyId);
    const [updated] = await tx
      .update(apiKeys)
      .set({ nickname: input.nickname, updatedAt: ctx.now })
      .where(and(eq(apiKeys.id, keyId), ownedBy(owner), isNull(apiKeys.revokedAt)))
      .returning();
    if (!updated) throw new AppError("api_key_not_found");
    await recordEvent(tx, ctx, {
      workspaceId: updated.workspaceId,
      appId: updated.appId,
      slug: "api_key.updated",
      params: { api_key_id: updated.id, kind: updated.kind, nickname: updated.nickname },
    });
    return updated;
  });
  return toApiKey(row);
}
