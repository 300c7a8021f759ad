import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { signingKeys } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { recordEvent } from "@/lib/events/record-event";
import { generateSigningKey, insertSigningKey, type SigningKeyRow } from "@/lib/signing-keys/create-signing-key";
import { invalidateKeyset } from "@/lib/signing-keys/keyset";
import { lockLiveApp } from "@/lib/signing-keys/lock-live-app";
import { PUBLISH_LEAD_SECONDS } from "@/lib/signing-keys/policy";

export interface RotationResult {
  /** The pending key: published now, signing from `activatesAfter` on. */
  key: SigningKeyRow;
  /** False when a rotation was already pending and its key is returned instead. */
  created: boolean;
  activatesAfter: Date;
}

/**
 * Start a key rotation for app `appId` (internal id): publish a new key as
 * `next`. It starts signing once promoted (./promote-signing-key.ts), at the
 * earliest PUBLISH_LEAD_SECONDS later. Idempotent while a rotation is pending.
 */
export async function rotateSigningKey({ ctx, input }: { ctx: Ctx; input: { appId: string } }): Promise<RotationResult> {
  // RSA generation takes tens of milliseconds: keep it out of the locked transaction.
  const generated = await generateSigningKey(ctx.now);
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    const app = await lockLiveApp(tx, input.appId);
    const [pending] = await tx
      .select()
      .from(signingKeys)
      .where(and(eq(signingKeys.appId, app.id), eq(signingKeys.status, "next")))
      .orderBy(asc(signingKeys.createdAt))
      .limit(1);
    if (pending) return { key: pending, created: false };
    const key = await insertSigningKey(tx, app.id, generated, "next", ctx.now);
    await recordEvent(tx, ctx, {
      workspaceId: app.workspaceId,
      appId: app.id,
      slug: "signing_key.rotated",
      params: { app_id: app.publicId, kid: key.kid },
    });
    return { key, created: true };
  });
  invalidateKeyset(input.appId);
  return { ...result, activatesAfter: new Date(result.key.createdAt.getTime() + PUBLISH_LEAD_SECONDS * 1000) };
}
