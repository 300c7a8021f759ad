import type { MembershipRow } from "@/lib/dashboard/member-tenancy";
import type { WorkspaceRow } from "@/lib/tenancy";
import type { WorkspaceObject } from "@/lib/workspaces/schemas";

/**
 * The workspace object (spec §3.1). Allowlisted keys only. `membership` is the
 * caller's own membership and is omitted for API-key callers, who have none.
 */
export function toWorkspace(ws: WorkspaceRow, membership?: Pick<MembershipRow, "role" | "createdAt"> | null): WorkspaceObject {
  return {
    id: ws.id,
    name: ws.name,
    slug: ws.slug,
    personal: ws.personal,
    ...(membership ? { membership: { role: membership.role, created_at: membership.createdAt.toISOString() } } : {}),
    settings: ws.settings,
    is_pro: ws.isPro,
    public_signup: ws.publicSignup,
    user_info_requirement: ws.userInfoRequirement,
    logo_url: ws.logoUrl,
    parent_workspace_id: ws.parentWorkspaceId,
    created_at: ws.createdAt.toISOString(),
    updated_at: ws.updatedAt.toISOString(),
  };
}
