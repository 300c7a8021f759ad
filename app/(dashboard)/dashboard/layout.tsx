import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { switchWorkspace } from "@/app/(dashboard)/actions/workspace";
import { NavLinks } from "@/components/dashboard/nav-links";
import { SignOutButton } from "@/components/dashboard/sign-out-button";
import { WorkspaceSwitcher } from "@/components/dashboard/workspace-switcher";
import { currentMember } from "@/lib/dashboard-auth/current-member";
import { currentMembership } from "@/lib/dashboard-ui/workspace";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: { default: "Dashboard · Tessera", template: "%s · Tessera" }, robots: { index: false } };

/**
 * The dashboard frame. Signed-out pages (sign-in, callback, setup) render
 * bare; every other page calls requireMember() itself, so a layout that is
 * not re-rendered on navigation never stands in for the per-request check.
 */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const found = await currentMember();
  if ("refused" in found) return children;
  const current = await currentMembership(found);
  return (
    <div className="min-h-screen bg-slate-50">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 pt-3 sm:px-6">
          <div className="flex min-w-0 items-center gap-3">
            <Link href="/dashboard" className="flex items-center gap-2 text-sm font-semibold text-slate-900">
              <span aria-hidden className="grid h-7 w-7 place-items-center rounded-lg bg-indigo-600 text-xs text-white">
                T
              </span>
              <span className="hidden sm:inline">Tessera</span>
            </Link>
            <span aria-hidden className="text-slate-300">
              /
            </span>
            <WorkspaceSwitcher
              action={switchWorkspace}
              current={current.workspaceId}
              workspaces={found.memberships.map((m) => ({ id: m.workspaceId, name: m.workspaceName, role: m.role }))}
            />
          </div>
          <div className="flex items-center gap-2">
            <span className="hidden max-w-[16rem] truncate text-sm text-slate-600 md:inline" title={found.member.email}>
              {found.member.email}
            </span>
            <SignOutButton />
          </div>
        </div>
        <div className="mx-auto max-w-6xl px-4 sm:px-6">
          <NavLinks />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
        {children}
      </main>
    </div>
  );
}
