import type { members } from "@/db/schema";
import type { MembershipRow } from "@/lib/dashboard/member-tenancy";
import type { MembershipObject } from "@/lib/memberships/schemas";

type MemberRow = typeof members.$inferSelect;

/** The membership object (spec §3.2). Allowlisted keys only. */
export function toMembership(m: MembershipRow, member: Pick<MemberRow, "id" | "email" | "name">): MembershipObject {
  return {
    id: m.id,
    workspace_id: m.workspaceId,
    role: m.role,
    status: m.status,
    user: { id: member.id, email: member.email, name: member.name },
    created_at: m.createdAt.toISOString(),
    updated_at: m.updatedAt.toISOString(),
  };
}
