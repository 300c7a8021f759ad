import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apps } from "@/db/schema";
import { type AppRow, invalidateAppCache } from "@/lib/apps/find-app";
import { adminAppObject } from "@/lib/apps/get-admin-app";
import type { AppSettingsInput } from "@/lib/apps/schemas";
import { type AppSettingName, SETTING_COLUMNS } from "@/lib/apps/serialize";
import { validateAppUrls } from "@/lib/apps/validate-app-urls";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { rpIdOriginsProblem } from "@/lib/passkeys/rp-id";
import { appForActor } from "@/lib/tenancy";

/** Settings whose change can move a redirect target off the app's origins. */
const URL_SETTINGS: readonly string[] = ["origin", "additional_origins", "callback_url", "login_url"];
/** Settings whose change can leave an origin outside the passkey RP ID. */
const RP_ID_SETTINGS: readonly string[] = ["origin", "additional_origins", "webauthn_rp_id"];

// Values are scalars or JSON arrays of scalars (jsonb columns): JSON text compares them exactly.
const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function isSettingName(name: string): name is AppSettingName {
  return Object.hasOwn(SETTING_COLUMNS, name);
}

/**
 * Apply a partial settings update (spec §4.5) to an app the caller may
 * manage, and return its AppAdmin object. Redirect targets are re-validated
 * against the merged origins; `app.updated` names the fields that changed.
 * New lifetimes only affect tokens issued afterwards (tokens carry their own exp).
 */
export async function updateApp({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { appId: string; settings: AppSettingsInput };
}): Promise<Record<string, unknown>> {
  const db = await getDb();
  const { app, changed } = await db.transaction(async (tx) => {
    const target = await appForActor(ctx, input.appId, tx);
    // Row lock: two concurrent PATCHes (one moving `origin`, one setting
    // `callback_url`) must each validate against what the other wrote.
    const [current] = await tx
      .select()
      .from(apps)
      .where(and(eq(apps.id, target.id), isNull(apps.deletedAt)))
      .for("update");
    if (!current) throw new AppError("app_not_found");

    const set: Record<string, unknown> = {};
    const changed: string[] = [];
    for (const [name, value] of Object.entries(input.settings)) {
      if (value === undefined || !isSettingName(name)) continue;
      const column = SETTING_COLUMNS[name];
      if (sameValue(current[column], value)) continue;
      set[column] = value;
      changed.push(name);
    }
    if (changed.length === 0) return { app: current, changed };

    const next: AppRow = { ...current, ...(set as Partial<AppRow>) };
    if (changed.some((name) => URL_SETTINGS.includes(name))) {
      validateAppUrls({
        origin: next.origin,
        additionalOrigins: next.additionalOrigins,
        callbackUrl: next.callbackUrl,
        loginUrl: next.loginUrl,
      });
    }
    if (next.webauthnRpId && changed.some((name) => RP_ID_SETTINGS.includes(name))) {
      // A passkey is bound to its RP ID: moving an origin out from under it is refused, not silently re-scoped.
      const problem = rpIdOriginsProblem(next.webauthnRpId, [next.origin, ...next.additionalOrigins]);
      if (problem) {
        throw new AppError({
          code: "validation_failed",
          message: `Invalid request field webauthn_rp_id: ${problem}`,
          errors: { webauthn_rp_id: [problem] },
        });
      }
    }
    const [updated] = await tx
      .update(apps)
      .set({ ...(set as Partial<AppRow>), updatedAt: ctx.now })
      .where(eq(apps.id, current.id))
      .returning();
    if (!updated) throw new Error("app update returned nothing");
    await recordEvent(tx, ctx, {
      workspaceId: updated.workspaceId,
      appId: updated.id,
      slug: "app.updated",
      params: { app_id: updated.publicId, changed },
    });
    return { app: updated, changed };
  });
  if (changed.length > 0) invalidateAppCache(app);
  return adminAppObject(app);
}
