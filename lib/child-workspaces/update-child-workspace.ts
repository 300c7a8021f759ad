import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apps, workspaces } from "@/db/schema";
import { type AppRow, invalidateAppCache } from "@/lib/apps/find-app";
import {
  brandedAppName,
  brandedColors,
  originsWithTemplate,
  verificationColumns,
} from "@/lib/child-workspaces/app-settings";
import { checkChildWebhookUrl, moveProvisionedWebhook } from "@/lib/child-workspaces/provisioned-webhook";
import type { ChildSummaryObject, UpdateChildInput } from "@/lib/child-workspaces/schemas";
import { findChild, parentWorkspaceFor, provisionedApp } from "@/lib/child-workspaces/scope";
import { toChildSummary } from "@/lib/child-workspaces/serialize";
import type { Ctx } from "@/lib/context";
import { recordEvent } from "@/lib/events/record-event";
import type { WorkspaceRow } from "@/lib/tenancy";

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The keys of `set` whose values differ from `current`. */
function changedKeys<T extends object>(current: T, set: Partial<T>): (keyof T & string)[] {
  return (Object.keys(set) as (keyof T & string)[]).filter((k) => !sameValue(current[k], set[k]));
}

/** The child app's columns implied by a PATCH: branding propagates, verification settings apply. */
function appChanges(app: AppRow, next: WorkspaceRow, b: UpdateChildInput): Partial<AppRow> {
  const set: Partial<AppRow> = verificationColumns(b);
  if (b.name !== undefined || b.branding_display_name !== undefined) set.name = brandedAppName(next);
  if (b.branding_color !== undefined) set.colors = brandedColors(b.branding_color, app.colors);
  if (b.branding_logo_url !== undefined) set.logo = b.branding_logo_url;
  if (b.verification_redirect_url_template) set.additionalOrigins = originsWithTemplate(b.verification_redirect_url_template, app);
  return set;
}

/**
 * Change a child workspace of the caller's (spec §3.12.4): any create field.
 * Branding propagates to the child's app (name, colors, logo), verification
 * settings and `magic_link_expiry` become the app's, and `webhook_url` moves
 * (or recreates) the provisioned endpoint. One transaction; returns ChildSummary.
 */
export async function updateChildWorkspace({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { parentRef: string; childId: string; body: UpdateChildInput };
}): Promise<ChildSummaryObject> {
  const b = input.body;
  const parent = await parentWorkspaceFor(ctx, input.parentRef);
  const webhookUrl = b.webhook_url !== undefined ? await checkChildWebhookUrl(b.webhook_url) : null;
  const db = await getDb();
  const { child, app } = await db.transaction(async (tx) => {
    const current = await findChild(tx, parent.id, input.childId, true);
    const wsSet: Partial<WorkspaceRow> = {};
    if (b.name !== undefined) wsSet.name = b.name;
    if (b.branding_display_name !== undefined) wsSet.brandingDisplayName = b.branding_display_name;
    if (b.branding_color !== undefined) wsSet.brandingColor = b.branding_color;
    if (b.branding_logo_url !== undefined) wsSet.brandingLogoUrl = b.branding_logo_url;
    if (b.countries !== undefined) wsSet.countries = [...new Set(b.countries)];
    const wsChanged = changedKeys(current, wsSet);
    let child = current;
    if (wsChanged.length > 0) {
      const [updated] = await tx
        .update(workspaces)
        .set({ ...wsSet, updatedAt: ctx.now })
        .where(eq(workspaces.id, current.id))
        .returning();
      if (!updated) throw new Error("child workspace update returned nothing");
      child = updated;
      await recordEvent(tx, ctx, { workspaceId: child.id, slug: "workspace.updated", params: { changed: wsChanged } });
    }

    let app = await provisionedApp(tx, child.id);
    if (app) {
      const appSet = appChanges(app, child, b);
      const appChanged = changedKeys(app, appSet);
      if (appChanged.length > 0) {
        const [updated] = await tx
          .update(apps)
          .set({ ...appSet, updatedAt: ctx.now })
          .where(eq(apps.id, app.id))
          .returning();
        if (!updated) throw new Error("child app update returned nothing");
        app = updated;
        await recordEvent(tx, ctx, {
          workspaceId: app.workspaceId,
          appId: app.id,
          slug: "app.updated",
          params: { app_id: app.publicId, changed: appChanged },
        });
      }
      if (webhookUrl) await moveProvisionedWebhook(tx, ctx, app, webhookUrl);
    }
    return { child, app };
  });
  if (app) invalidateAppCache(app);
  return toChildSummary(child, app);
}
