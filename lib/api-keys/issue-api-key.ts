import { getDb } from "@/db/client";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { type ApiKeyScope, resolveApiKeyOwner } from "@/lib/api-keys/owner";
import type { NewApiKeyObject } from "@/lib/api-keys/schemas";
import { toNewApiKey } from "@/lib/api-keys/serialize";
import type { Ctx } from "@/lib/context";

/**
 * Create a key for an app or workspace the caller may manage (spec §5.2).
 * App keys belong to the app's own workspace, whoever creates them. The
 * plaintext token is in the result and nowhere else.
 */
export async function issueApiKey({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { scope: ApiKeyScope; nickname: string };
}): Promise<NewApiKeyObject> {
  const db = await getDb();
  const { row, token } = await db.transaction(async (tx) => {
    const owner = await resolveApiKeyOwner(ctx, input.scope, tx);
    return createApiKey({ ctx, input: { ...owner, nickname: input.nickname } }, tx);
  });
  return toNewApiKey(row, token);
}
