import { and, asc, desc, eq, isNotNull, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apiKeys, webhookEndpoints } from "@/db/schema";
import { openStoredApiKeyToken } from "@/lib/api-keys/create-api-key";
import type { ChildDetailObject } from "@/lib/child-workspaces/schemas";
import { findChild, parentWorkspaceFor, provisionedApp } from "@/lib/child-workspaces/scope";
import { toChildSummary } from "@/lib/child-workspaces/serialize";
import type { Ctx } from "@/lib/context";
import { log } from "@/lib/log";
import { toWebhookEndpoint } from "@/lib/webhooks/serialize";

/** The stored token, or null (logged) when it no longer opens, e.g. after the instance secret changed. */
function openToken(sealed: string, ctx: Ctx): string | null {
  try {
    return openStoredApiKeyToken(sealed);
  } catch (error) {
    log.warn("child api key token does not decrypt", { requestId: ctx.requestId, err: error instanceof Error ? error : String(error) });
    return null;
  }
}

/**
 * One child workspace of the caller's (spec §3.12.3): its summary, the
 * provisioned app key's token (decrypted; null once that key is revoked) and
 * the app's webhook endpoints with their secrets.
 */
export async function getChildWorkspace({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { parentRef: string; childId: string };
}): Promise<ChildDetailObject> {
  const db = await getDb();
  const parent = await parentWorkspaceFor(ctx, input.parentRef, db);
  const child = await findChild(db, parent.id, input.childId);
  const app = await provisionedApp(db, child.id);
  let token: string | null = null;
  let endpoints: ChildDetailObject["webhook_endpoints"] = [];
  if (app) {
    // api_keys_app_idx (live keys of the app); only provisioned keys carry token_encrypted.
    const [key] = await db
      .select({ sealed: apiKeys.tokenEncrypted })
      .from(apiKeys)
      .where(and(eq(apiKeys.appId, app.id), isNull(apiKeys.revokedAt), isNotNull(apiKeys.tokenEncrypted)))
      .orderBy(desc(apiKeys.createdAt))
      .limit(1);
    token = key?.sealed ? openToken(key.sealed, ctx) : null;
    const rows = await db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.appId, app.id))
      .orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id));
    endpoints = rows.map((row) => toWebhookEndpoint(row, ctx.now));
  }
  return { ...toChildSummary(child, app), api_key_token: token, webhook_endpoints: endpoints };
}
