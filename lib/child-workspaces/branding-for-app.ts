/**
 * The branding an end user meets on an app's hosted verification pages and
 * emails (spec §3.12, §15): a child workspace's branding wins over the app's
 * own name, colors and logo, so one parent can serve many branded tenants.
 */
import { and, eq, isNull } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { workspaces } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";

export interface AppBranding {
  name: string;
  color: string | null;
  logoUrl: string | null;
}

type BrandingSource = Pick<AppRow, "name" | "colors" | "logo" | "workspaceId">;

/** Branding for `app`: its child workspace's fields where set, else the app's own. */
export async function brandingForApp(app: BrandingSource, db?: Executor): Promise<AppBranding> {
  const exec = db ?? (await getDb());
  const [ws] = await exec
    .select({
      parentWorkspaceId: workspaces.parentWorkspaceId,
      name: workspaces.name,
      brandingDisplayName: workspaces.brandingDisplayName,
      brandingColor: workspaces.brandingColor,
      brandingLogoUrl: workspaces.brandingLogoUrl,
    })
    .from(workspaces)
    .where(and(eq(workspaces.id, app.workspaceId), isNull(workspaces.deletedAt)))
    .limit(1);
  const own: AppBranding = { name: app.name, color: app.colors[0] ?? null, logoUrl: app.logo ?? null };
  // Only child workspaces carry tenant branding; a top-level workspace's name is not end-user facing.
  if (!ws?.parentWorkspaceId) return own;
  return {
    name: ws.brandingDisplayName ?? ws.name,
    color: ws.brandingColor ?? own.color,
    logoUrl: ws.brandingLogoUrl ?? own.logoUrl,
  };
}
