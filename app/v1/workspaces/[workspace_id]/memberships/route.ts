/**
 * GET/POST /v1/workspaces/{workspace_id}/memberships (spec §3.8, §3.9).
 *
 * Credential: a member's dashboard token or a workspace key that reaches the
 * workspace. Any member of the workspace lists; owners, admins and the key
 * invite (403 `forbidden` for a plain member). A workspace out of reach is
 * 404 `workspace_not_found`.
 */
import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { inviteMember } from "@/lib/memberships/invite-member";
import { listMemberships } from "@/lib/memberships/list-memberships";
import { InviteMemberBody, MembershipListResponse, MembershipResponse } from "@/lib/memberships/schemas";
import { WorkspaceParams } from "@/lib/workspaces/schemas";

export const GET = apiRoute(
  {
    auth: "workspaceSecretOrDashboard",
    summary: "List a workspace's memberships",
    description: "Active and invited memberships, oldest first.",
    tags: ["Workspaces"],
    params: WorkspaceParams,
    response: MembershipListResponse,
  },
  async ({ ctx, params }) => ({ memberships: await listMemberships({ ctx, input: { workspaceId: params.workspace_id } }) }),
);

export const POST = apiRoute(
  {
    auth: "workspaceSecretOrDashboard",
    summary: "Invite a member",
    description:
      "Creates an `invited` membership and emails an invitation to the dashboard sign-in page; it becomes active when the invitee signs in. 409 `already_member` if the email is already in the workspace.",
    tags: ["Workspaces"],
    params: WorkspaceParams,
    body: InviteMemberBody,
    response: MembershipResponse,
    rateLimits: [
      {
        // Each invitation sends an email: bound what one caller can send.
        name: "membership_invite",
        limit: 100,
        windowSeconds: 3600,
        key: ({ ctx }) => (ctx.actor.type === "member" ? `member:${ctx.actor.memberId}` : ctx.actor.type === "apiKey" ? ctx.actor.keyId : null),
      },
    ],
  },
  async ({ ctx, params, body }) => ({ membership: await inviteMember({ ctx, input: { workspaceId: params.workspace_id, invite: body } }) }),
);

export const OPTIONS = preflight;
