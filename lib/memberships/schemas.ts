/**
 * Membership request and response shapes (spec §3.2, §3.8–3.11): the one zod
 * source for the memberships routes, the dashboard forms and OpenAPI.
 */
import { z } from "zod";
import { optional, unwrap, zText } from "@/lib/api/fields";

export const MEMBER_ROLES = ["owner", "admin", "member"] as const;
export type MemberRoleName = (typeof MEMBER_ROLES)[number];

/** `{workspace_id}` (uuid or slug) and `{membership_id}`. */
export const MembershipParams = z.object({ workspace_id: z.string().min(1), membership_id: z.string().min(1) });

/** POST …/memberships (flat, `{ membership: {…} }`, or form). Invitations never grant `owner`. */
export const InviteMemberBody = z.preprocess(
  unwrap("membership"),
  z.object({
    email: z.string().trim().min(1).max(320),
    role: optional(z.enum(["admin", "member"])).default("member"),
    name: optional(zText(256)),
  }),
);
export type InviteMemberInput = z.output<typeof InviteMemberBody>;

/** PATCH …/memberships/{id}. */
export const UpdateMembershipBody = z.preprocess(unwrap("membership"), z.object({ role: z.enum(MEMBER_ROLES) }));
export type UpdateMembershipInput = z.output<typeof UpdateMembershipBody>;

/** The membership object (spec §3.2); `user` is the member (a platform user), not an app user. */
export const Membership = z
  .object({
    id: z.string(),
    workspace_id: z.string(),
    role: z.enum(MEMBER_ROLES),
    status: z.enum(["active", "invited"]),
    user: z.object({ id: z.string(), email: z.string(), name: z.string().nullable() }),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: "Membership", description: "A member's role in a workspace (spec §3.2)." });
export type MembershipObject = z.output<typeof Membership>;

export const MembershipResponse = z.object({ membership: Membership });
export const MembershipListResponse = z.object({ memberships: z.array(Membership) });
