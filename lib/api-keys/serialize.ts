import type { ApiKeyRow } from "@/lib/api-keys/create-api-key";
import type { ApiKeyObject, NewApiKeyObject } from "@/lib/api-keys/schemas";

/** The API key object (spec §5): never the hash, never the token. */
export function toApiKey(row: ApiKeyRow): ApiKeyObject {
  return {
    id: row.id,
    nickname: row.nickname,
    token_preview: row.tokenPreview,
    last_used_at: row.lastUsedAt ? row.lastUsedAt.toISOString() : null,
    created_at: row.createdAt.toISOString(),
  };
}

/** The create response (spec §5.2): the only place the plaintext token appears. */
export function toNewApiKey(row: ApiKeyRow, token: string): NewApiKeyObject {
  return {
    id: row.id,
    nickname: row.nickname,
    token,
    token_preview: row.tokenPreview,
    created_at: row.createdAt.toISOString(),
  };
}
