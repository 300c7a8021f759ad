import { index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { pk, tstz } from "./_columns";

/**
 * The audit log (spec §17) and the source of webhook deliveries. Written in
 * the same transaction as the change it records. Never holds secrets.
 */
export const events = pgTable(
  "events",
  {
    id: pk(),
    workspaceId: uuid("workspace_id").notNull(),
    appId: uuid("app_id"),
    appUserId: uuid("app_user_id"),
    category: text("category").notNull(),
    slug: text("slug").notNull(),
    actorType: text("actor_type").notNull(),
    actorId: text("actor_id"),
    params: jsonb("params").$type<Record<string, unknown>>().notNull().default({}),
    ip: text("ip"),
    userAgent: text("user_agent"),
    requestId: text("request_id"),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [
    // GET /v1/apps/{app_id}/events: newest first, keyset on (created_at, id).
    index("events_app_created_idx").on(t.appId, t.createdAt.desc(), t.id.desc()),
    // Workspace-level events (workspace and key changes).
    index("events_workspace_created_idx").on(t.workspaceId, t.createdAt.desc()),
  ],
);
