import { sql } from "drizzle-orm";
import { index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { pk, timestamps, tstz } from "./_columns";
import { apps } from "./apps";
import { workspaces } from "./workspaces";

/**
 * App keys (`scapp_`, app_id set) and workspace keys (`scwor_`, app_id null).
 * Only the SHA-256 of the token is stored, plus a visible preview.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: pk(),
    kind: text("kind", { enum: ["app", "workspace"] }).notNull(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    appId: uuid("app_id").references(() => apps.id),
    nickname: text("nickname").notNull(),
    tokenHash: text("token_hash").notNull(),
    tokenPreview: text("token_preview").notNull(),
    /**
     * Only for keys auto-provisioned with a child workspace (spec §3.12.3 shows
     * the token again on GET): the token encrypted with the instance secret.
     */
    tokenEncrypted: text("token_encrypted"),
    lastUsedAt: tstz("last_used_at"),
    revokedAt: tstz("revoked_at"),
    ...timestamps,
  },
  (t) => [
    // Credential resolution: hash-then-index lookup on every authenticated request.
    uniqueIndex("api_keys_token_hash_key").on(t.tokenHash),
    // GET /v1/apps/{app_id}/api_keys: live keys of an app.
    index("api_keys_app_idx").on(t.appId, t.createdAt).where(sql`${t.revokedAt} is null`),
    // GET /v1/workspaces/{id}/api_keys: live workspace keys.
    index("api_keys_workspace_idx").on(t.workspaceId, t.createdAt).where(sql`${t.revokedAt} is null`),
  ],
);
