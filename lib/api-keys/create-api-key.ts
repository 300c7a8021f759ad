import { type Executor, getDb } from "@/db/client";
import { apiKeys } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { decryptSecret, encryptSecret, sha256Hex } from "@/lib/crypto";
import { recordEvent } from "@/lib/events/record-event";
import { newAppApiKey, newWorkspaceApiKey } from "@/lib/ids";

export type ApiKeyRow = typeof apiKeys.$inferSelect;

export type CreateApiKeyInput = (
  | { kind: "app"; workspaceId: string; appId: string; nickname: string }
  | { kind: "workspace"; workspaceId: string; nickname: string }
) & {
  /**
   * Also keep the token encrypted with the instance secret so it can be shown
   * again. Only for keys auto-provisioned with a child workspace (spec §3.12.3);
   * every other key exists in plaintext only in the create response.
   */
  storeEncrypted?: boolean;
};

const TOKEN_PURPOSE = "api_key_token";

/** The plaintext of a key stored with `storeEncrypted` (its `token_encrypted` column). */
export function openStoredApiKeyToken(sealed: string): string {
  return decryptSecret(sealed, TOKEN_PURPOSE);
}

/** `scapp_…` + last 4 characters: enough to recognise a key, useless to an attacker. */
export function tokenPreview(token: string): string {
  return `${token.slice(0, 6)}…${token.slice(-4)}`;
}

/**
 * Create an API key. Returns the row and the plaintext token, which exists
 * only in this return value: the database keeps its SHA-256 and a preview.
 */
export async function createApiKey(
  { ctx, input }: { ctx: Ctx; input: CreateApiKeyInput },
  db?: Executor,
): Promise<{ row: ApiKeyRow; token: string }> {
  const exec = db ?? (await getDb());
  const token = input.kind === "app" ? newAppApiKey() : newWorkspaceApiKey();
  const [row] = await exec
    .insert(apiKeys)
    .values({
      kind: input.kind,
      workspaceId: input.workspaceId,
      appId: input.kind === "app" ? input.appId : null,
      nickname: input.nickname,
      tokenHash: sha256Hex(token),
      tokenPreview: tokenPreview(token),
      tokenEncrypted: input.storeEncrypted ? encryptSecret(token, TOKEN_PURPOSE) : null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning();
  if (!row) throw new Error("api key insert returned nothing");
  await recordEvent(exec, ctx, {
    workspaceId: input.workspaceId,
    appId: row.appId,
    slug: "api_key.created",
    params: { api_key_id: row.id, kind: row.kind, nickname: row.nickname },
  });
  return { row, token };
}
