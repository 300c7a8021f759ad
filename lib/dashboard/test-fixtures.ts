/**
 * Test fixtures for the dashboard credential: members with memberships, signed
 * in to the dashboard app through the real session verbs. Imported by tests only.
 */
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { members, memberships, notifications } from "@/db/schema";
import { systemCtx } from "@/lib/context";
import { getDashboardApp } from "@/lib/dashboard/dashboard-app";
import { findOrCreateMember } from "@/lib/dashboard/members";
import { randomBase62 } from "@/lib/ids";
import { signIn } from "@/lib/sessions/test-fixtures";

export interface TestMember {
  memberId: string;
  email: string;
  membershipId: string | null;
  /** A dashboard access token (`X-Authorization`). */
  token: string;
  sessionId: string;
}

export const freshEmail = (prefix = "m") => `${prefix}-${randomBase62(8).toLowerCase()}@example.com`;

/** Sign `email` in to the dashboard app and return the access token and session. */
export async function dashboardToken(email: string): Promise<{ token: string; sessionId: string }> {
  const app = await getDashboardApp();
  const s = await signIn(app, { email });
  return { token: s.payload.access, sessionId: s.session.id };
}

/** A member with a membership of `role` (`status` active by default) in `workspaceId`, signed in. */
export async function memberIn(
  workspaceId: string | null,
  role: "owner" | "admin" | "member" = "member",
  opts: { email?: string; status?: "active" | "invited"; name?: string } = {},
): Promise<TestMember> {
  const email = opts.email ?? freshEmail(role);
  const ctx = systemCtx("test");
  const db = await getDb();
  const member = await findOrCreateMember(db, ctx, { email, name: opts.name ?? null });
  let membershipId: string | null = null;
  if (workspaceId) {
    const [m] = await db
      .insert(memberships)
      .values({ workspaceId, memberId: member.id, role, status: opts.status ?? "active" })
      .returning();
    membershipId = m?.id ?? null;
  }
  const { token, sessionId } = await dashboardToken(email);
  return { memberId: member.id, email, membershipId, token, sessionId };
}

/** Header shorthand for the dashboard credential. */
export const asMember = (m: Pick<TestMember, "token">) => ({ headers: { "x-authorization": m.token } });

export async function membershipRow(id: string) {
  const db = await getDb();
  const [row] = await db.select().from(memberships).where(eq(memberships.id, id));
  return row;
}

export async function memberByEmail(email: string) {
  const db = await getDb();
  const [row] = await db.select().from(members).where(eq(members.email, email.toLowerCase()));
  return row;
}

/** Insert a notification for one member directly (what raiseNotification does per member). */
export async function notify(
  memberId: string,
  workspaceId: string,
  fields: Partial<typeof notifications.$inferInsert> = {},
): Promise<typeof notifications.$inferSelect> {
  const db = await getDb();
  const [row] = await db
    .insert(notifications)
    .values({ memberId, workspaceId, title: "Title", message: "Message", ...fields })
    .returning();
  if (!row) throw new Error("notification insert returned nothing");
  return row;
}

export async function notificationsOf(memberId: string, workspaceId: string) {
  const db = await getDb();
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.memberId, memberId), eq(notifications.workspaceId, workspaceId)));
}
