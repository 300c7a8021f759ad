import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  index,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { pk, timestamps, tstz } from "./_columns";

export const workspaces = pgTable(
  "workspaces",
  {
    id: pk(),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    personal: boolean("personal").notNull().default(false),
    parentWorkspaceId: uuid("parent_workspace_id").references((): AnyPgColumn => workspaces.id),
    settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default({}),
    isPro: boolean("is_pro").notNull().default(false),
    publicSignup: boolean("public_signup").notNull().default(false),
    userInfoRequirement: text("user_info_requirement", { enum: ["none", "email", "full"] })
      .notNull()
      .default("email"),
    logoUrl: text("logo_url"),
    // Child-workspace branding (spec §3.12), propagated to the child's apps.
    brandingDisplayName: text("branding_display_name"),
    brandingColor: text("branding_color"),
    brandingLogoUrl: text("branding_logo_url"),
    countries: jsonb("countries").$type<string[]>(),
    deletedAt: tstz("deleted_at"),
    ...timestamps,
  },
  (t) => [
    // GET /v1/workspaces/{id_or_slug}: slug lookup; slugs are unique instance-wide.
    uniqueIndex("workspaces_slug_key").on(t.slug),
    // Child listing: children of a parent.
    index("workspaces_parent_idx").on(t.parentWorkspaceId).where(sql`${t.parentWorkspaceId} is not null`),
  ],
);

/** Platform users who operate the dashboard (members of workspaces). */
export const members = pgTable(
  "members",
  {
    id: pk(),
    email: text("email").notNull(),
    name: text("name"),
    ...timestamps,
  },
  // Sign-in and invitation: find a member by email, case-insensitively.
  (t) => [uniqueIndex("members_email_key").on(sql`lower(${t.email})`)],
);

export const memberships = pgTable(
  "memberships",
  {
    id: pk(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["owner", "admin", "member"] }).notNull().default("member"),
    status: text("status", { enum: ["active", "invited"] }).notNull().default("active"),
    ...timestamps,
  },
  (t) => [
    // One membership per member and workspace; also serves "members of a workspace".
    uniqueIndex("memberships_workspace_member_key").on(t.workspaceId, t.memberId),
    // "Workspaces of a member" (GET /v1/workspaces with a dashboard credential).
    index("memberships_member_idx").on(t.memberId),
  ],
);
