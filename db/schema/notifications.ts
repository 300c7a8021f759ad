import { sql } from "drizzle-orm";
import { boolean, index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { pk, timestamps, tstz } from "./_columns";
import { members, workspaces } from "./workspaces";

/**
 * The dashboard inbox (spec §20): one row per member. `dedupe_key` keeps a
 * repeating condition (an SMS provider answering 401 on every send) to one
 * unread notification per member.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: pk(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    appId: uuid("app_id"),
    title: text("title").notNull(),
    message: text("message").notNull(),
    priority: text("priority", { enum: ["low", "normal", "high", "urgent"] }).notNull().default("normal"),
    category: text("category", { enum: ["system", "security", "billing", "delivery", "usage"] })
      .notNull()
      .default("system"),
    dismissible: boolean("dismissible").notNull().default(true),
    actionUrl: text("action_url"),
    actionLabel: text("action_label"),
    dedupeKey: text("dedupe_key"),
    readAt: tstz("read_at"),
    dismissedAt: tstz("dismissed_at"),
    expiresAt: tstz("expires_at"),
    ...timestamps,
  },
  (t) => [
    // GET /v1/notifications: a member's inbox, newest first.
    index("notifications_member_created_idx").on(t.memberId, t.createdAt.desc()),
    // Raising: at most one unread notification per member and condition.
    uniqueIndex("notifications_member_dedupe_key")
      .on(t.memberId, t.dedupeKey)
      .where(sql`${t.dedupeKey} is not null and ${t.readAt} is null and ${t.dismissedAt} is null`),
  ],
);
