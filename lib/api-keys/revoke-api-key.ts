import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { type ApiKeyScope, keyIdOrNotFound, ownedBy, resolveApiKeyOwner } from "@/lib/api-keys/owner";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";

/**
 * Revoke a live key of an app or workspace the caller may manage (spec
 * §5.5). Effective on the next request: the credential resolver reads
 * `revoked_at` every time. A key may revoke itself. Records `api_key.revoked`.
 */
export async function revokeApiKey({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { scope: ApiKeyScope; keyId: string };
}): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const owner = await resolveApiKeyOwner(ctx, input.scope, tx);
    const keyId = keyIdOrNotFound(input.keyId);
    const [revoked] = await tx
      .update(apiKeys)
      .set({ revokedAt: ctx.now, updatedAt: ctx.now })
      .where(and(eq(apiKeys.id, keyId), ownedBy(owner), isNull(apiKeys.revokedAt)))
      .returning();
    if (!revoked) throw new AppError("api_key_not_found");
    const self = ctx.actor.type === "apiKey" && ctx.actor.keyId === revoked.id;
    await recordEvent(tx, ctx, {
      workspaceId: revoked.workspaceId,
      appId: revoked.appId,
      slug: "api_key.revoked",
      params: { api_key_id: revoked.id, kind: revoked.kind, nickname: revoked.nickname, self },
    });
  });
}
