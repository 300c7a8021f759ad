import { and, eq, inArray, isNull, lte } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apps, signingKeys } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { recordEvent } from "@/lib/events/record-event";
import { log } from "@/lib/log";
import { invalidateKeyset } from "@/lib/signing-keys/keyset";
import { PUBLISH_LEAD_SECONDS } from "@/lib/signing-keys/policy";
import { promoteSigningKey } from "@/lib/signing-keys/promote-signing-key";

export interface SweepResult {
  /** kids that became `active`. */
  activated: string[];
  /** kids that became `retired` (and left their app's JWKS). */
  retired: string[];
}

/**
 * Periodic key maintenance for every app: promote `next` keys that are due and
 * retire `retiring` keys past `retire_after`. Idempotent; any number of
 * instances may run it at once. Meant for a scheduler (every few minutes);
 * retired keys already vanish from the JWKS at `retire_after` without it.
 */
export async function sweepSigningKeys({ ctx }: { ctx: Ctx }): Promise<SweepResult> {
  const db = await getDb();
  const dueBefore = new Date(ctx.now.getTime() - PUBLISH_LEAD_SECONDS * 1000);
  // A full scan of signing_keys (a few rows per app): fine for a background sweep.
  const due = await db
    .selectDistinct({ appId: signingKeys.appId })
    .from(signingKeys)
    .innerJoin(apps, eq(apps.id, signingKeys.appId))
    .where(and(eq(signingKeys.status, "next"), lte(signingKeys.createdAt, dueBefore), isNull(apps.deletedAt)));
  const activated: string[] = [];
  for (const { appId } of due) {
    try {
      const promoted = await promoteSigningKey({ ctx, input: { appId } });
      if (promoted.activated) activated.push(promoted.activated.kid);
    } catch (error) {
      // One app's failure (e.g. deleted meanwhile) must not stall every other app's rotation.
      log.warn("signing key promotion failed", { requestId: ctx.requestId, appId, err: error instanceof Error ? error : String(error) });
    }
  }

  const retiredRows = await db.transaction(async (tx) => {
    const rows = await tx
      .update(signingKeys)
      .set({ status: "retired", updatedAt: ctx.now })
      .where(and(eq(signingKeys.status, "retiring"), lte(signingKeys.retireAfter, ctx.now)))
      .returning({ appId: signingKeys.appId, kid: signingKeys.kid });
    if (rows.length === 0) return rows;
    const owners = await tx
      .select({ id: apps.id, publicId: apps.publicId, workspaceId: apps.workspaceId })
      .from(apps)
      .where(inArray(apps.id, [...new Set(rows.map((r) => r.appId))]));
    for (const row of rows) {
      const app = owners.find((a) => a.id === row.appId);
      if (!app) continue;
      await recordEvent(tx, ctx, {
        workspaceId: app.workspaceId,
        appId: app.id,
        slug: "signing_key.retired",
        params: { app_id: app.publicId, kid: row.kid },
      });
    }
    return rows;
  });
  for (const row of retiredRows) invalidateKeyset(row.appId);
  return { activated, retired: retiredRows.map((r) => r.kid) };
}
