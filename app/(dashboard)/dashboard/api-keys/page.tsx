import type { Metadata } from "next";
import { createKeyAction, revokeKeyAction } from "@/app/(dashboard)/actions/api-keys";
import { ApiKeyPanel } from "@/components/dashboard/api-key-panel";
import { Card, EmptyState, PageHeader } from "@/components/ui/states";
import { requireMember } from "@/lib/dashboard-auth/current-member";
import { memberKeys } from "@/lib/dashboard-ui/api-keys";
import { canManage, currentMembership, memberCtx } from "@/lib/dashboard-ui/workspace";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const signedIn = await requireMember();
  const membership = await currentMembership(signedIn);
  if (!canManage(membership.role)) {
    return (
      <>
        <PageHeader title="API keys" />
        <EmptyState title="Owners and admins only" body={`Only owners and admins of ${membership.workspaceName} can see and manage API keys.`} />
      </>
    );
  }
  const scope = { workspaceId: membership.workspaceId };
  const keys = await memberKeys(await memberCtx(signedIn), signedIn, scope);
  return (
    <>
      <PageHeader title="API keys" description={`Workspace keys of ${membership.workspaceName}: they reach every app of the workspace.`} />
      <Card title="Workspace keys" description="For an app's backend, prefer an app key (on the app's page): it reaches that app only.">
        <ApiKeyPanel
          keys={keys}
          kindLabel="workspace key"
          createAction={createKeyAction.bind(null, scope)}
          revokeAction={revokeKeyAction.bind(null, scope)}
        />
      </Card>
    </>
  );
}
