/**
 * Writes of message service providers (spec §19.2 upsert, §19.3 patch), in
 * one transaction: the provider row (public settings in `config`, secrets
 * sealed), the channel's single default, and an audit event (no secrets).
 */
import { and, eq, ne } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { messageProviders } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { isUuid } from "@/lib/ids";
import { definitionOf, fromProblem, type ProviderDefinition, type ProviderType } from "@/lib/message-providers/definitions";
import type { ProviderObject, UpdateProviderInput, UpsertProviderInput } from "@/lib/message-providers/schemas";
import { openSecrets, sealSecrets } from "@/lib/message-providers/seal";
import { mergeProviderConfig } from "@/lib/message-providers/save-config";
import { type ProviderRow, toProvider } from "@/lib/message-providers/serialize";
import { appForActor } from "@/lib/tenancy";
import type { AppRow } from "@/lib/apps/find-app";

function fieldError(field: string, message: string): AppError {
  return new AppError({ code: "validation_failed", message: `Invalid request field ${field}: ${message}`, errors: { [field]: [message] } });
}

function definitionFor(type: ProviderType, provider: string): ProviderDefinition {
  const def = definitionOf(type, provider);
  if (!def) {
    throw fieldError("provider", `unsupported ${type} provider "${provider}"; supported: ${type === "sms" ? "twilio" : "smtp, resend"}`);
  }
  return def;
}

type Fields = Pick<UpsertProviderInput, "name" | "enabled" | "is_default" | "from" | "config">;

/** Apply `fields` to `existing` (or a new provider) and write it; returns the stored row. */
async function write(
  tx: Executor,
  ctx: Ctx,
  app: AppRow,
  def: ProviderDefinition,
  existing: ProviderRow | null,
  fields: Fields,
): Promise<ProviderRow> {
  let storedSecrets: Record<string, string> = {};
  if (existing?.secretConfigSealed) {
    try {
      storedSecrets = openSecrets(existing.secretConfigSealed);
    } catch {
      // Sealed under another instance secret: the caller must send the secrets again.
      storedSecrets = {};
    }
  }
  const { config, secrets } = mergeProviderConfig(def, fields.config, { config: existing?.config ?? {}, secrets: storedSecrets });
  const from = fields.from === undefined ? (existing?.from ?? null) : fields.from;
  if (from === null && def.fromRequired) throw fieldError("from", "is required");
  const problem = from === null ? null : fromProblem(def.type, from);
  if (problem) throw fieldError("from", problem);

  const enabled = fields.enabled ?? existing?.enabled ?? true;
  const otherDefault = await tx
    .select({ id: messageProviders.id })
    .from(messageProviders)
    .where(
      and(
        eq(messageProviders.appId, app.id),
        eq(messageProviders.providerType, def.type),
        eq(messageProviders.isDefault, true),
        existing ? ne(messageProviders.id, existing.id) : undefined,
      ),
    )
    .limit(1);
  // The first provider of a channel is its default unless told otherwise.
  const isDefault = fields.is_default ?? existing?.isDefault ?? otherDefault.length === 0;
  if (isDefault) {
    await tx
      .update(messageProviders)
      .set({ isDefault: false, updatedAt: ctx.now })
      .where(
        and(
          eq(messageProviders.appId, app.id),
          eq(messageProviders.providerType, def.type),
          eq(messageProviders.isDefault, true),
          existing ? ne(messageProviders.id, existing.id) : undefined,
        ),
      );
  }

  const values = {
    name: fields.name === undefined ? (existing?.name ?? null) : fields.name,
    enabled,
    isDefault,
    from,
    config,
    secretConfigSealed: sealSecrets(secrets),
    updatedAt: ctx.now,
  };
  let row: ProviderRow | undefined;
  if (existing) {
    [row] = await tx.update(messageProviders).set(values).where(eq(messageProviders.id, existing.id)).returning();
  } else {
    [row] = await tx
      .insert(messageProviders)
      .values({ ...values, appId: app.id, providerType: def.type, provider: def.provider, createdAt: ctx.now })
      .onConflictDoNothing()
      .returning();
    // A concurrent upsert of the same provider won the insert.
    if (!row) throw new AppError({ code: "conflict", message: "The provider was created concurrently; retry" });
  }
  if (!row) throw new AppError("not_found");
  await recordEvent(tx, ctx, {
    workspaceId: app.workspaceId,
    appId: app.id,
    slug: existing ? "message_provider.updated" : "message_provider.created",
    params: {
      provider_id: row.id,
      provider_type: row.providerType,
      provider: row.provider,
      enabled: row.enabled,
      is_default: row.isDefault,
      fields: Object.keys(fields).filter((k) => fields[k as keyof Fields] !== undefined),
    },
  });
  return row;
}

/** POST: create or update the app's provider of (`provider_type`, `provider`). */
export async function upsertMessageProvider({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { appId: string; body: UpsertProviderInput };
}): Promise<ProviderObject> {
  const app = await appForActor(ctx, input.appId);
  const def = definitionFor(input.body.provider_type, input.body.provider);
  const db = await getDb();
  const row = await db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(messageProviders)
      .where(
        and(eq(messageProviders.appId, app.id), eq(messageProviders.providerType, def.type), eq(messageProviders.provider, def.provider)),
      )
      .for("update")
      .limit(1);
    return write(tx, ctx, app, def, existing ?? null, input.body);
  });
  return toProvider(row);
}

/** PATCH: update one provider of the app by id (its type and provider cannot change). */
export async function updateMessageProvider({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { appId: string; id: string; body: UpdateProviderInput };
}): Promise<ProviderObject> {
  const app = await appForActor(ctx, input.appId);
  if (!isUuid(input.id)) throw new AppError("not_found");
  const db = await getDb();
  const row = await db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(messageProviders)
      .where(and(eq(messageProviders.id, input.id), eq(messageProviders.appId, app.id)))
      .for("update")
      .limit(1);
    if (!existing) throw new AppError({ code: "not_found", message: "Message service provider not found" });
    if (input.body.provider_type !== undefined && input.body.provider_type !== existing.providerType) {
      throw fieldError("provider_type", "cannot change; create another provider instead");
    }
    if (input.body.provider !== undefined && input.body.provider !== existing.provider) {
      throw fieldError("provider", "cannot change; create another provider instead");
    }
    return write(tx, ctx, app, definitionFor(existing.providerType, existing.provider), existing, input.body);
  });
  return toProvider(row);
}
