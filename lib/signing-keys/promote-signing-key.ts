import { and, asc, eq, lte } from "drizzle-orm";
import { getDb } from "@/db/client";
import { signingKeys } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { recordEvent } from "@/lib/events/record-event";
import type { SigningKeyRow } from "@/lib/signing-keys/create-signing-key";
import { invalidateKeyset } from "@/lib/signing-keys/keyset";
import { lockLiveApp } from "@/lib/signing-keys/lock-live-app";
import { PUBLISH_LEAD_SECONDS, retireAfterFor } from "@/lib/signing-keys/policy";

export interface PromotionResult {
  /** The key that now signs, or null when no `next` key was due. */
  activated: SigningKeyRow | null;
  /** The previous active key, now `retiring` (null on a no-op). */
  retiring: SigningKeyRow | null;
}

/**
 * Finish a pending rotation of app `appId` (internal id): if its oldest `next`
 * key has been published for PUBLISH_LEAD_SECONDS, make it `active` and move
 * the current active key to `retiring` until every token it signed has
 * expired. A no-op otherwise; safe to call concurrently and repeatedly.
 */
export async function promoteSigningKey({ ctx, input }: { ctx: Ctx; input: { appId: string } }): Promise<PromotionResult> {
  const db = await getDb();
  const dueBefore = new Date(ctx.now.getTime() - PUBLISH_LEAD_SECONDS * 1000);
  const result = await db.transaction(async (tx): Promise<PromotionResult> => {
    // The app row lock serialises concurrent promotions: the second one finds nothing due.
    const app = await lockLiveApp(tx, input.appId);
    const [due] = await tx
      .select()
      .from(signingKeys)
      .where(and(eq(signingKeys.appId, app.id), eq(signingKeys.status, "next"), lte(signingKeys.createdAt, dueBefore)))
      .orderBy(asc(signingKeys.createdAt))
      .limit(1);
    if (!due) return { activated: null, retiring: null };

    const [retiring] = await tx
      .update(signingKeys)
      .set({ status: "retiring", retireAfter: retireAfterFor(app, ctx.now), updatedAt: ctx.now })
      .where(and(eq(signingKeys.appId, app.id), eq(signingKeys.status, "active")))
      .returning();
    // Conditional on `next`, as a second guard besides the lock.
    const [activated] = await tx
      .update(signingKeys)
      .set({ status: "active", activatedAt: ctx.now, updatedAt: ctx.now })
      .where(and(eq(signingKeys.id, due.id), eq(signingKeys.status, "next")))
      .returning();
    if (!activated) throw new Error(`signing key ${due.kid} changed under the app lock`);
    await recordEvent(tx, ctx, {
      workspaceId: app.workspaceId,
      appId: app.id,
      slug: "signing_key.activated",
      params: {
        app_id: app.publicId,
        kid: activated.kid,
        previous_kid: retiring?.kid ?? null,
        previous_retire_after: retiring?.retireAfter?.toISOString() ?? null,
      },
    });
    return { activated, retiring: retiring ?? null };
  });
  if (result.activated) invalidateKeyset(input.appId);
  return result;
}
