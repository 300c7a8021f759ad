import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/states";
import { requireMember } from "@/lib/dashboard-auth/current-member";
import { workspaceApps } from "@/lib/dashboard-ui/apps";
import { canManage, currentMembership, memberCtx } from "@/lib/dashboard-ui/workspace";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const signedIn = await requireMember();
  const membership = await currentMembership(signedIn);
  const apps = await workspaceApps(await memberCtx(signedIn), signedIn, membership.workspaceId);
  const manage = canManage(membership.role);
  return (
    <>
      <PageHeader
        title={membership.workspaceName}
        description={`You are ${membership.role === "member" ? "a member" : `an ${membership.role}`} of this workspace.`}
        actions={manage ? <ButtonLink href="/dashboard/apps/new">New app</ButtonLink> : undefined}
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <h2 className="mb-3 text-sm font-semibold tracking-wide text-slate-500 uppercase">Apps</h2>
          {apps.length === 0 ? (
            <EmptyState
              title="No apps yet"
              body="An app is one product your users sign in to: its origin, sign-in methods, sessions and branding."
              action={manage ? <ButtonLink href="/dashboard/apps/new">Create your first app</ButtonLink> : undefined}
            />
          ) : (
            <ul className="grid gap-3 sm:grid-cols-2">
              {apps.map((app) => (
                <li key={app.id}>
                  <Link
                    href={`/dashboard/apps/${app.id}`}
                    className="block rounded-xl border border-slate-200 bg-white p-4 hover:border-indigo-300 focus-visible:outline-2 focus-visible:outline-indigo-600"
                  >
                    <span className="block font-medium text-slate-900">{app.name}</span>
                    <span className="mt-1 block truncate text-sm text-slate-600">{app.origin}</span>
                    <span className="mt-2 block font-mono text-xs text-slate-500">{app.id}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
        <Card title="Get started">
          <ol className="list-decimal space-y-2 pl-5 text-sm text-slate-700">
            <li>Create an app with your site&apos;s origin.</li>
            <li>Choose sign-in methods and branding.</li>
            <li>
              {manage ? (
                <Link href="/dashboard/api-keys" className="text-indigo-700 underline underline-offset-2">
                  Create an API key
                </Link>
              ) : (
                "Ask an admin for an API key"
              )}{" "}
              for your backend.
            </li>
            <li>
              Read the{" "}
              <a href="/docs" className="text-indigo-700 underline underline-offset-2">
                API reference
              </a>
              .
            </li>
          </ol>
        </Card>
      </div>
    </>
  );
}
