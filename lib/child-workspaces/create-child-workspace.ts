import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { workspaces } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { insertApp } from "@/lib/apps/create-app";
import { brandedAppName, brandedColors, originsWithTemplate } from "@/lib/child-workspaces/app-settings";
import { checkChildWebhookUrl, insertProvisionedWebhook } from "@/lib/child-workspaces/provisioned-webhook";
import type { CreateChildInput, CreateChildResult } from "@/lib/child-workspaces/schemas";
import { parentWorkspaceFor } from "@/lib/child-workspaces/scope";
import type { Ctx } from "@/lib/context";
import { getEnv } from "@/lib/env";
import { recordEvent } from "@/lib/events/record-event";
import { generateSigningKey } from "@/lib/signing-keys/create-signing-key";
import { toWorkspace } from "@/lib/workspaces/serialize";
import { createWorkspace } from "@/lib/workspaces/create-workspace";

export const CHILD_KEY_NICKNAME = "Child workspace key";

/**
 * Create a child of the caller's workspace (spec §3.12.1) and, in the same
 * transaction, provision its verify-only app (branded, with the request's
 * verification settings and signing key), an app API key (returned here and
 * kept encrypted for the child GET), and, with `webhook_url`, a webhook
 * endpoint for `verification.*`. SMS needs no binding row: the app falls back
 * to the instance's SMS transport until it saves a provider of its own.
 */
export async function createChildWorkspace({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { parentRef: string; body: CreateChildInput };
}): Promise<CreateChildResult> {
  const b = input.body;
  const parent = await parentWorkspaceFor(ctx, input.parentRef);
  // Both can be slow (DNS, RSA key generation): done before the transaction opens.
  const webhookUrl = b.webhook_url !== undefined ? await checkChildWebhookUrl(b.webhook_url) : null;
  const signingKey = await generateSigningKey(ctx.now);
  // Hosted verification pages live on this instance; the app's own origin is ours.
  const origin = getEnv().baseUrl;

  const db = await getDb();
  return db.transaction(async (tx) => {
    const created = await createWorkspace({ ctx, input: { name: b.name, parentWorkspaceId: parent.id } }, tx);
    const [child] = await tx
      .update(workspaces)
      .set({
        brandingDisplayName: b.branding_display_name ?? null,
        brandingColor: b.branding_color ?? null,
        brandingLogoUrl: b.branding_logo_url ?? null,
        countries: b.countries ? [...new Set(b.countries)] : null,
      })
      .where(eq(workspaces.id, created.id))
      .returning();
    if (!child) throw new Error("child workspace update returned nothing");

    const { app } = await insertApp(tx, ctx, {
      workspaceId: child.id,
      signingKey,
      settings: {
        name: brandedAppName(child),
        origin,
        additional_origins: originsWithTemplate(b.verification_redirect_url_template, { origin, additionalOrigins: [] }),
        colors: brandedColors(child.brandingColor),
        logo: child.brandingLogoUrl,
        tenant_mode: "verify_only",
        verification_mode: b.verification_mode ?? "dismiss",
        verification_redirect_url_template: b.verification_redirect_url_template ?? null,
        verification_redirect_delay: b.verification_redirect_delay ?? 4,
        verification_success_message: b.verification_success_message ?? null,
        magic_link_expiration: b.magic_link_expiry ?? 900,
      },
    });
    const { row: key, token } = await createApiKey(
      { ctx, input: { kind: "app", workspaceId: child.id, appId: app.id, nickname: CHILD_KEY_NICKNAME, storeEncrypted: true } },
      tx,
    );
    const webhook = webhookUrl ? await insertProvisionedWebhook(tx, ctx, app, webhookUrl) : null;
    await recordEvent(tx, ctx, {
      workspaceId: parent.id,
      slug: "workspace.child_created",
      params: { child_workspace_id: child.id, app_id: app.publicId, api_key_id: key.id, webhook_id: webhook?.id ?? null },
    });
    return {
      workspace_id: child.id,
      app_id: app.publicId,
      api_key_token: token,
      api_key_id: key.id,
      webhook_endpoint_id: webhook?.id ?? null,
      workspace: toWorkspace(child),
    };
  });
}
