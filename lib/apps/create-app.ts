import { getDb } from "@/db/client";
import { apps } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import type { CreateAppInput } from "@/lib/apps/schemas";
import { settingsToColumns } from "@/lib/apps/serialize";
import { validateAppUrls } from "@/lib/apps/validate-app-urls";
import type { Ctx } from "@/lib/context";
import { recordEvent } from "@/lib/events/record-event";
import { newAppPublicId } from "@/lib/ids";
import { generateSigningKey, insertSigningKey, type SigningKeyRow } from "@/lib/signing-keys/create-signing-key";
import { slugify } from "@/lib/slug";

/**
 * Create an app in `workspaceId` (already authorised by the caller) with its
 * first RS256 signing key, in one transaction. No API key is created (§4.3).
 */
export async function createApp({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { workspaceId: string; settings: Omit<CreateAppInput, "workspace_id"> };
}): Promise<{ app: AppRow; signingKey: SigningKeyRow }> {
  const { settings } = input;
  const columns = settingsToColumns(settings);
  validateAppUrls({
    origin: settings.origin,
    additionalOrigins: settings.additional_origins ?? [],
    callbackUrl: settings.callback_url ?? null,
    loginUrl: settings.login_url ?? null,
  });
  const key = await generateSigningKey(ctx.now);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [app] = await tx
      .insert(apps)
      .values({
        ...columns,
        name: settings.name,
        origin: settings.origin,
        slug: settings.slug ?? slugify(settings.name, "app"),
        publicId: newAppPublicId(),
        workspaceId: input.workspaceId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    if (!app) throw new Error("app insert returned nothing");
    const signingKey = await insertSigningKey(tx, app.id, key, "active", ctx.now);
    await recordEvent(tx, ctx, {
      workspaceId: app.workspaceId,
      appId: app.id,
      slug: "app.created",
      params: { app_id: app.publicId, name: app.name },
    });
    return { app, signingKey };
  });
}
