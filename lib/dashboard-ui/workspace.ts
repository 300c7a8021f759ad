/**
 * The dashboard's request context: which workspace the member is looking at
 * (a cookie remembers the switcher's choice; it only ever selects among the
 * member's own active memberships) and the verb `ctx` acting as that member.
 */
import { randomUUID } from "node:crypto";
import { cookies, headers } from "next/headers";
import { clientIp } from "@/lib/api/client-ip";
import type { Ctx } from "@/lib/context";
import type { Membership, MemberRole, SignedInMember } from "@/lib/dashboard-auth/current-member";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

export const WORKSPACE_COOKIE = "tessera.dashboard-workspace";

/** Roles that may change apps and keys; plain members read only (issue 8). */
export function canManage(role: MemberRole): boolean {
  return role === "owner" || role === "admin";
}

/** The membership the member selected, else their first; never a workspace they do not belong to. */
export async function currentMembership(signedIn: SignedInMember): Promise<Membership> {
  const chosen = (await cookies()).get(WORKSPACE_COOKIE)?.value;
  const found = signedIn.memberships.find((m) => m.workspaceId === chosen) ?? signedIn.memberships[0];
  if (!found) throw new AppError("workspace_access_denied");
  return found;
}

/** The member's membership of `workspaceId`, or 404 (a workspace they cannot see does not exist for them). */
export function membershipOf(signedIn: SignedInMember, workspaceId: string, need: "read" | "manage"): Membership {
  const found = signedIn.memberships.find((m) => m.workspaceId === workspaceId);
  if (!found) throw new AppError("workspace_not_found");
  if (need === "manage" && !canManage(found.role)) {
    throw new AppError({ code: "forbidden", message: "Only workspace owners and admins can do this" });
  }
  return found;
}

/** A verb `ctx` for this request, acting as the signed-in member. */
export async function memberCtx(signedIn: SignedInMember): Promise<Ctx> {
  const incoming = await headers();
  const request = new Request(getEnv().baseUrl, { headers: new Headers(incoming) });
  return {
    requestId: incoming.get("x-request-id") ?? randomUUID(),
    now: new Date(),
    ip: clientIp(request),
    userAgent: incoming.get("user-agent"),
    actor: signedIn.actor,
  };
}

/**
 * The ctx for an app-scoped verb (update/delete app, app keys) after the
 * member's role in the app's workspace was checked. lib/tenancy's appForActor
 * accepts API-key actors only (members reach apps through workspace routes),
 * so the verb gets the narrowest actor it accepts: an app-key actor pinned to
 * this one app, whose id names the member (`member:<id>`) in the events it
 * records. Replace with `ctx` itself once appForActor accepts member actors.
 */
export function appScopedCtx(ctx: Ctx, app: { id: string; workspaceId: string }): Ctx {
  if (ctx.actor.type !== "member") throw new AppError("unauthorized");
  return {
    ...ctx,
    actor: { type: "apiKey", keyId: `member:${ctx.actor.memberId}`, keyKind: "app", workspaceId: app.workspaceId, appId: app.id },
  };
}
