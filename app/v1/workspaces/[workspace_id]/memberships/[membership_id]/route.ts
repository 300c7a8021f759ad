/**
 * PATCH/DELETE /v1/workspaces/{workspace_id}/memberships/{membership_id}
 * (spec §3.10, §3.11).
 *
 * Credential: an owner's or admin's dashboard token (403 for a plain member),
 * or a workspace key that reaches the workspace. Only owners (and the key)
 * grant `owner` or touch an owner's membership; an owner cannot demote or
 * remove themselves, and the last owner stays (422).
 */
import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { OkResponse } from "@/lib/apps/schemas";
import { removeMembership } from "@/lib/memberships/remove-membership";
import { MembershipParams, MembershipResponse, UpdateMembershipBody } from "@/lib/memberships/schemas";
import { updateMembership } from "@/lib/memberships/update-membership";

export const PATCH = apiRoute(
  {
    auth: "workspaceSecretOrDashboard",
    summary: "Change a member's role",
    tags: ["Workspaces"],
    params: MembershipParams,
    body: UpdateMembershipBody,
    response: MembershipResponse,
  },
  async ({ ctx, params, body }) => ({
    membership: await updateMembership({
      ctx,
      input: { workspaceId: params.workspace_id, membershipId: params.membership_id, changes: body },
    }),
  }),
);

export const DELETE = apiRoute(
  {
    auth: "workspaceSecretOrDashboard",
    summary: "Remove a member",
    description: "Removes a membership or withdraws an invitation.",
    tags: ["Workspaces"],
    params: MembershipParams,
    response: OkResponse,
  },
  async ({ ctx, params }) => {
    await removeMembership({ ctx, input: { workspaceId: params.workspace_id, membershipId: params.membership_id } });
    return { message: "ok" };
  },
);

export const OPTIONS = preflight;
