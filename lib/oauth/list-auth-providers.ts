import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { authProviders, messageProviders } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import type { AuthProviderObject } from "@/lib/oauth/schemas";
import { toAuthProvider } from "@/lib/oauth/serialize";
import { appForActor } from "@/lib/tenancy";

/**
 * The app's providers (spec §6.2): OAuth sign-in providers, then the email
 * and SMS delivery providers of §19 (`type` `email` / `message`, without
 * any of their settings). Never a secret.
 */
export async function listAuthProviders({ ctx, input }: { ctx: Ctx; input: { appId: string } }): Promise<AuthProviderObject[]> {
  const app = await appForActor(ctx, input.appId);
  const db = await getDb();
  // auth_providers_app_slug_key / message_providers_app_type_provider_key serve both scans.
  const oauth = await db
    .select()
    .from(authProviders)
    .where(eq(authProviders.appId, app.id))
    .orderBy(asc(authProviders.slug))
    .limit(200);
  const messages = await db
    .select({
      id: messageProviders.id,
      provider: messageProviders.provider,
      providerType: messageProviders.providerType,
      name: messageProviders.name,
      enabled: messageProviders.enabled,
      createdAt: messageProviders.createdAt,
      updatedAt: messageProviders.updatedAt,
    })
    .from(messageProviders)
    .where(eq(messageProviders.appId, app.id))
    .orderBy(asc(messageProviders.providerType), asc(messageProviders.provider))
    .limit(200);
  return [
    ...oauth.map((row) => toAuthProvider(row, app)),
    ...messages.map((m) => ({
      id: m.id,
      slug: m.provider,
      type: m.providerType === "email" ? ("email" as const) : ("message" as const),
      name: m.name,
      enabled: m.enabled,
      created_at: m.createdAt.toISOString(),
      updated_at: m.updatedAt.toISOString(),
    })),
  ];
}
