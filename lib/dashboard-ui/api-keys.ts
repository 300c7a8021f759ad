/**
 * API keys as the dashboard manages them: workspace keys and app keys. Only
 * owners and admins see or manage keys (a plain member gets 403); the
 * verbs re-check the scope through lib/tenancy. The plaintext token exists
 * only in `issueMemberKey`'s result, shown once.
 */
import { issueApiKey } from "@/lib/api-keys/issue-api-key";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import type { ApiKeyObject, NewApiKeyObject } from "@/lib/api-keys/schemas";
import type { Ctx } from "@/lib/context";
import type { SignedInMember } from "@/lib/dashboard-auth/current-member";
import { memberApp } from "@/lib/dashboard-ui/apps";
import { appScopedCtx, membershipOf } from "@/lib/dashboard-ui/workspace";

export type KeyScope = { appId: string } | { workspaceId: string };

/**
 * Check the member may manage keys of `scope`; return the scope in internal
 * ids and the ctx the key verbs accept for it (workspace keys: the member
 * ctx, which lib/tenancy re-checks; app keys: see appScopedCtx).
 */
async function authorise(ctx: Ctx, signedIn: SignedInMember, scope: KeyScope): Promise<{ ctx: Ctx; scope: KeyScope }> {
  if ("workspaceId" in scope) {
    membershipOf(signedIn, scope.workspaceId, "manage");
    return { ctx, scope };
  }
  const { app } = await memberApp(signedIn, scope.appId);
  membershipOf(signedIn, app.workspaceId, "manage");
  return { ctx: appScopedCtx(ctx, app), scope: { appId: app.id } };
}

export async function memberKeys(ctx: Ctx, signedIn: SignedInMember, scope: KeyScope): Promise<ApiKeyObject[]> {
  const checked = await authorise(ctx, signedIn, scope);
  return listApiKeys({ ctx: checked.ctx, input: { scope: checked.scope } });
}

export async function issueMemberKey(ctx: Ctx, signedIn: SignedInMember, scope: KeyScope, nickname: string): Promise<NewApiKeyObject> {
  const checked = await authorise(ctx, signedIn, scope);
  return issueApiKey({ ctx: checked.ctx, input: { scope: checked.scope, nickname } });
}

export async function revokeMemberKey(ctx: Ctx, signedIn: SignedInMember, scope: KeyScope, keyId: string): Promise<void> {
  const checked = await authorise(ctx, signedIn, scope);
  await revokeApiKey({ ctx: checked.ctx, input: { scope: checked.scope, keyId } });
}
