import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { mfaBackupCodes } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { recordEvent } from "@/lib/events/record-event";
import { newId } from "@/lib/ids";
import { BACKUP_CODE_COUNT, hashBackupCode, newBackupCode } from "@/lib/mfa/backup-codes";
import { assertRecentlyVerified } from "@/lib/mfa/reverify";
import type { AccessPrincipal } from "@/lib/sessions/authenticate-session";

/**
 * POST /mfa/backup-codes (spec §14.8): ten new codes, shown once; the old
 * ones stop working in the same transaction. New codes are a way past MFA,
 * so an old session must re-verify first (as for removing a method).
 */
export async function regenerateBackupCodes({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { principal: AccessPrincipal; challenge?: string | null };
}): Promise<{ backup_codes: string[] }> {
  const { app, user } = input.principal;
  await assertRecentlyVerified(ctx, input.principal, input.challenge);
  const codes = Array.from({ length: BACKUP_CODE_COUNT }, newBackupCode);
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.delete(mfaBackupCodes).where(eq(mfaBackupCodes.appUserId, user.id));
    await tx.insert(mfaBackupCodes).values(
      codes.map((code) => ({
        id: newId(),
        appUserId: user.id,
        codeHash: hashBackupCode(user.id, code),
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })),
    );
    await recordEvent(tx, ctx, {
      workspaceId: app.workspaceId,
      appId: app.id,
      appUserId: user.id,
      slug: "mfa.backup_codes_regenerated",
      params: { user_id: user.id, count: codes.length },
    });
  });
  return { backup_codes: codes };
}
