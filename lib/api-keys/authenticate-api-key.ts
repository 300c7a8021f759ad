import { and, eq, isNull, lt, or } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apiKeys, apps, workspaces } from "@/db/schema";
import type { ApiKeyActor } from "@/lib/context";
import { sha256Hex } from "@/lib/crypto";
import { AppError } from "@/lib/errors";
import { PREFIXES } from "@/lib/ids";

const LAST_USED_GRANULARITY_MS = 60_000;

/**
 * Resolve an API secret to its actor, or throw 401 `invalid_api_key`.
 * Hash-then-index lookup; the key, its workspace and (for app keys) its app
 * must all be live. `last_used_at` is written at most once a minute per key.
 */
export async function authenticateApiKey(token: string, now: Date): Promise<ApiKeyActor> {
  if (!(token.startsWith(PREFIXES.appKey) || token.startsWith(PREFIXES.workspaceKey))) {
    throw new AppError("invalid_api_key");
  }
  const db = await getDb();
  const [row] = await db
    .select({
      id: apiKeys.id,
      kind: apiKeys.kind,
      workspaceId: apiKeys.workspaceId,
      appId: apiKeys.appId,
      lastUsedAt: apiKeys.lastUsedAt,
      appDeletedAt: apps.deletedAt,
    })
    .from(apiKeys)
    .innerJoin(workspaces, and(eq(workspaces.id, apiKeys.workspaceId), isNull(workspaces.deletedAt)))
    .leftJoin(apps, eq(apps.id, apiKeys.appId))
    .where(and(eq(apiKeys.tokenHash, sha256Hex(token)), isNull(apiKeys.revokedAt)))
    .limit(1);
  if (!row || (row.kind === "app" && (!row.appId || row.appDeletedAt))) throw new AppError("invalid_api_key");

  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
    const threshold = new Date(now.getTime() - LAST_USED_GRANULARITY_MS);
    await db
      .update(apiKeys)
      .set({ lastUsedAt: now })
      .where(and(eq(apiKeys.id, row.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, threshold))));
  }
  return {
    type: "apiKey",
    keyId: row.id,
    keyKind: row.kind,
    workspaceId: row.workspaceId,
    appId: row.kind === "app" ? row.appId : null,
  };
}
