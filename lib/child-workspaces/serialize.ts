import type { AppRow } from "@/lib/apps/find-app";
import type { ChildSummaryObject } from "@/lib/child-workspaces/schemas";
import type { WorkspaceRow } from "@/lib/tenancy";

/** ChildSummary (spec §3.12.2): the child's branding and its verify-only app's id and mode. */
export function toChildSummary(ws: WorkspaceRow, app: AppRow | null): ChildSummaryObject {
  return {
    id: ws.id,
    name: ws.name,
    app_id: app?.publicId ?? null,
    branding_display_name: ws.brandingDisplayName,
    branding_color: ws.brandingColor,
    branding_logo_url: ws.brandingLogoUrl,
    countries: ws.countries ?? [],
    verification_mode: app?.verificationMode ?? null,
    created_at: ws.createdAt.toISOString(),
  };
}
