import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { authProviders } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { encryptSecret } from "@/lib/crypto";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { forgetProviderConfig } from "@/lib/oauth/provider-config";
import { wellKnownProvider } from "@/lib/oauth/catalog";
import { parseIssuerUrl } from "@/lib/oauth/issuer-url";
import { AUTH_PROVIDER_SECRET_PURPOSE } from "@/lib/oauth/secret-purpose";
import type { AuthProviderInput, AuthProviderObject } from "@/lib/oauth/schemas";
import { toAuthProvider } from "@/lib/oauth/serialize";
import { appForActor } from "@/lib/tenancy";

function invalid(field: string, message: string): AppError {
  return new AppError({ code: "validation_failed", message: `Invalid request field ${field}: ${message}`, errors: { [field]: [message] } });
}

/**
 * Create or replace the app's provider with this slug (spec §6.3). The
 * client secret is sealed (AES-GCM, purpose `auth_provider`) and never
 * returned; an update without `client_secret` keeps the stored one. Slugs
 * other than the well-known four need an OpenID Connect `issuer`.
 */
export async function upsertAuthProvider({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { appId: string; provider: AuthProviderInput };
}): Promise<AuthProviderObject> {
  const app = await appForActor(ctx, input.appId);
  const p = input.provider;
  const known = wellKnownProvider(p.slug);

  let issuer: string | null = null;
  if (p.issuer !== undefined) {
    if (known && known.protocol !== "oidc") throw invalid("issuer", `${known.name} is not an OpenID Connect provider`);
    issuer = parseIssuerUrl(p.issuer);
    if (!issuer) throw invalid("issuer", "must be an https URL without query, fragment or credentials, on a public host");
  } else if (!known) {
    throw invalid("issuer", `is required for a provider other than ${["google", "github", "microsoft", "apple"].join(", ")}`);
  }

  const db = await getDb();
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: authProviders.id, sealed: authProviders.clientSecretSealed })
      .from(authProviders)
      .where(and(eq(authProviders.appId, app.id), eq(authProviders.slug, p.slug)))
      .limit(1);
    const sealed =
      p.client_secret !== undefined ? encryptSecret(p.client_secret, AUTH_PROVIDER_SECRET_PURPOSE) : (existing?.sealed ?? null);
    if (!sealed) throw invalid("client_secret", "is required");

    const values = {
      name: p.name ?? known?.name ?? p.slug,
      issuer,
      clientId: p.client_id,
      clientSecretSealed: sealed,
      scopes: p.scopes ?? [],
      enabled: p.enabled,
      updatedAt: ctx.now,
    };
    const [row] = await tx
      .insert(authProviders)
      .values({ appId: app.id, slug: p.slug, ...values, createdAt: ctx.now })
      .onConflictDoUpdate({ target: [authProviders.appId, authProviders.slug], set: values })
      .returning();
    if (!row) throw new Error("auth provider upsert returned nothing");
    await recordEvent(tx, ctx, {
      workspaceId: app.workspaceId,
      appId: app.id,
      slug: existing ? "auth_provider.updated" : "auth_provider.created",
      params: { auth_provider_id: row.id, slug: row.slug, enabled: row.enabled, rotated: p.client_secret !== undefined },
    });
    forgetProviderConfig(row.id);
    return toAuthProvider(row, app);
  });
}
