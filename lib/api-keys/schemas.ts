/**
 * API key shapes (spec §5): request bodies, path slots and the response
 * objects. The plaintext `token` exists only in NewApiKey (the create
 * response); everywhere else a key shows its `token_preview`.
 */
import { z } from "zod";
import { zText } from "@/lib/api/fields";
import { unwrap } from "@/lib/api/fields";

/** POST and PATCH body: `nickname` (flat, `{ api_key: {…} }` or form). */
export const ApiKeyBody = z.preprocess(unwrap("api_key"), z.object({ nickname: zText(256) }));

export const AppApiKeysParams = z.object({ app_id: z.string() });
export const AppApiKeyParams = AppApiKeysParams.extend({ key_id: z.string() });
export const WorkspaceApiKeysParams = z.object({ workspace_id: z.string() });
export const WorkspaceApiKeyParams = WorkspaceApiKeysParams.extend({ key_id: z.string() });

export const ApiKey = z
  .object({
    id: z.string().describe("uuid"),
    nickname: z.string(),
    token_preview: z.string().describe("Prefix and last 4 characters, e.g. `scapp_…a1B2`"),
    last_used_at: z.string().nullable(),
    created_at: z.string(),
  })
  .meta({ id: "ApiKey", description: "An API key without its secret (spec §5)." });
export type ApiKeyObject = z.output<typeof ApiKey>;

export const NewApiKey = z
  .object({
    id: z.string(),
    nickname: z.string(),
    token: z.string().describe("The API secret (`scapp_…` or `scwor_…`). Shown only in this response."),
    token_preview: z.string(),
    created_at: z.string(),
  })
  .meta({ id: "NewApiKey", description: "A freshly created API key, with its secret shown once (spec §5.2)." });
export type NewApiKeyObject = z.output<typeof NewApiKey>;

export const ApiKeyResponse = z.object({ api_key: ApiKey });
export const NewApiKeyResponse = z.object({ api_key: NewApiKey });
export const ApiKeyListResponse = z.object({ api_keys: z.array(ApiKey) });
