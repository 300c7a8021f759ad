import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { EmptyState, PageHeader } from "@/components/ui/states";
import { Table, Td } from "@/components/ui/table";
import { requireMember } from "@/lib/dashboard-auth/current-member";
import { workspaceApps } from "@/lib/dashboard-ui/apps";
import { canManage, currentMembership, memberCtx } from "@/lib/dashboard-ui/workspace";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Apps" };

export default async function AppsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const signedIn = await requireMember();
  const membership = await currentMembership(signedIn);
  const apps = await workspaceApps(await memberCtx(signedIn), signedIn, membership.workspaceId);
  const manage = canManage(membership.role);
  const { deleted } = await searchParams;
  return (
    <>
      <PageHeader
        title="Apps"
        description={`Apps of ${membership.workspaceName}.`}
        actions={manage ? <ButtonLink href="/dashboard/apps/new">New app</ButtonLink> : undefined}
      />
      {deleted ? (
        <div className="mb-4">
          <FormMessage kind="success">The app was deleted and its API keys and sessions revoked.</FormMessage>
        </div>
      ) : null}
      {apps.length === 0 ? (
        <EmptyState
          title="No apps yet"
          body="Create an app for each product your users sign in to."
          action={manage ? <ButtonLink href="/dashboard/apps/new">Create an app</ButtonLink> : undefined}
        />
      ) : (
        <Table caption="Apps" head={["Name", "App id", "Origin", "Created"]}>
          {apps.map((app) => (
            <tr key={app.id}>
              <Td>
                <Link href={`/dashboard/apps/${app.id}`} className="font-medium text-indigo-700 underline-offset-2 hover:underline">
                  {app.name}
                </Link>
              </Td>
              <Td className="font-mono text-xs whitespace-nowrap">{app.id}</Td>
              <Td className="max-w-[16rem] truncate">{app.origin}</Td>
              <Td className="whitespace-nowrap">{app.createdAt.slice(0, 10)}</Td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
